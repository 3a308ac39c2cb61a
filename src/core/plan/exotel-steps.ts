/**
 * Exotel's step kinds: how each one runs against the trunk API, and the request it sends (from exotel/wire.ts,
 * so the plan shows exactly what the client sends). No run, however interrupted, creates a duplicate: a
 * duplicate answer counts as done after looking the item up, and an "outcome unknown" write is reconciled by
 * reading before it is sent again.
 */
import { UserError } from '../errors.js';
import { isNotFound } from '../exotel/error-table.js';
import { OutcomeUnknownError } from '../exotel/errors.js';
import type { WriteResult } from '../exotel/types.js';
import { wire, type WireRequest } from '../exotel/wire.js';
import { Secret } from '../secret.js';
import { sameSipUri, withSip } from '../sip-uri.js';
import { cliName } from '../cli-name.js';
import type { StepOutcome } from './runner.js';
import { trunkOf, type ShownCall, type StepContext, type StepKindSpec } from './step-context.js';
import type { ExotelStepKind, Step } from './types.js';

/** A request as shown: under /v2/accounts/{account}, as the client sends it. */
const shown = (accountSid: string, r: WireRequest): ShownCall => ({ ...r, path: `/v2/accounts/${accountSid}${r.path}` });

/** POST, and on an unknown outcome look the item up before sending again. */
async function reconcile<T, F>(ctx: StepContext, post: () => Promise<WriteResult<T>>, find: () => Promise<F | undefined>, what: string): Promise<{ outcome: 'done' | 'exists'; found?: F; data?: T }> {
  let lastErr: unknown;
  for (let attempt = 0; attempt <= ctx.maxReconcile; attempt++) {
    try {
      const r = await post();
      if (r.outcome === 'created') return { outcome: 'done', data: r.data };
      const found = await find();
      if (found !== undefined) return { outcome: 'exists', found };
      throw new UserError(`Exotel says ${what} already exists, but it is not on the trunk.`, { why: r.error.message, fix: 'Check the trunk in the Exotel dashboard (Exotrunk Management).' });
    } catch (e) {
      if (!(e instanceof OutcomeUnknownError)) throw e;
      lastErr = e;
      const found = await find();
      if (found !== undefined) return { outcome: 'done', found };
    }
  }
  throw lastErr;
}

async function createTrunk(step: Step<'create-trunk'>, ctx: StepContext): Promise<StepOutcome> {
  const { trunkName } = step.payload;
  const recipeId = ctx.inputs.recipe.id;
  // A create sent by an earlier run that never saw its answer (killed, connection lost) means the trunk that
  // "already exists" is ours: the message says so.
  let lostAnswer = !!ctx.record()?.pending.includes(step.id);
  ctx.journal((r) => void (r.pending = [...new Set([...r.pending, step.id])]));
  let r: WriteResult<{ trunkSid: string }>;
  try {
    r = await ctx.client.createTrunk({ trunkName });
  } catch (e) {
    if (!(e instanceof OutcomeUnknownError)) throw e;
    // Trunk names are unique at Exotel, so sending again can never make a second trunk.
    lostAnswer = true;
    try {
      r = await ctx.client.createTrunk({ trunkName });
    } catch (again) {
      if (!(again instanceof OutcomeUnknownError)) throw again;
      throw trunkUnknownError(trunkName, recipeId);
    }
  }
  if (r.outcome === 'exists') throw trunkExistsError(trunkName, recipeId, lostAnswer);
  const sid = r.data.trunkSid;
  ctx.trunkSid = sid;
  ctx.journal((s) => {
    s.trunkSid = sid;
    s.pending = s.pending.filter((p) => p !== step.id);
    delete s.tornDownAt;
  });
  return { outcome: 'done', detail: sid };
}

async function mapNumber(step: Step<'map-number'>, ctx: StepContext): Promise<StepOutcome> {
  const sid = trunkOf(ctx);
  const { phoneNumber, mode } = step.payload;
  const find = async () => (await ctx.client.listNumbers(sid)).find((x) => x.phoneNumber === phoneNumber);
  const r = await reconcile(ctx, () => ctx.client.mapNumber(sid, { phoneNumber, mode }), find, `number ${phoneNumber}`);
  let mapping = r.data ?? r.found!;
  if ((mapping.mode ?? 'pstn') !== mode) mapping = await ctx.client.setNumberMode(sid, mapping.id, { phoneNumber, mode });
  ctx.journal((s) => void (s.resources.numbers[phoneNumber] = { id: mapping.id, mode: mapping.mode }));
  return { outcome: r.outcome, detail: `id ${mapping.id}, mode ${mapping.mode ?? 'pstn, the default'}` };
}

async function setNumberMode(step: Step<'set-number-mode'>, ctx: StepContext): Promise<StepOutcome> {
  const { numberId, phoneNumber, mode } = step.payload;
  const m = await ctx.client.setNumberMode(trunkOf(ctx), numberId, { phoneNumber, mode });
  ctx.journal((s) => void (s.resources.numbers[phoneNumber] = { id: m.id, mode: m.mode }));
  return { outcome: 'done', detail: `mode ${m.mode}` };
}

async function whitelistIp(step: Step<'whitelist-ip'>, ctx: StepContext): Promise<StepOutcome> {
  const sid = trunkOf(ctx);
  const { ip } = step.payload;
  const find = async () => (await ctx.client.listAcl(sid)).find((a) => a.ip === ip);
  const r = await reconcile(ctx, () => ctx.client.whitelistIp(sid, { ip, mask: 32 }), find, `ACL entry ${ip}`);
  const entry = r.data ?? r.found!;
  ctx.journal((s) => void (s.resources.acl[ip] = entry.id));
  return { outcome: r.outcome, detail: `id ${entry.id}` };
}

async function createCredential(step: Step<'create-credential'>, ctx: StepContext): Promise<StepOutcome> {
  const sid = trunkOf(ctx);
  const { userName, friendlyName } = step.payload;
  const password = ctx.inputs.sipPassword;
  if (!password) throw new UserError('No SIP password is known for the new credential.', { fix: 'Set EXOTRUNK_SIP_PASSWORD or leave it out so exotrunk generates one.' });
  const find = async () => (await ctx.client.listCredentials(sid)).find((c) => c.userName === userName);
  const r = await reconcile(ctx, () => ctx.client.createCredential(sid, { userName, password, friendlyName }), find, `credential ${userName}`);
  const cred = r.data ?? r.found!;
  ctx.journal((s) => void (s.resources.credential = { id: cred.id, userName }));
  return { outcome: r.outcome, detail: cred.id ? `id ${cred.id}` : userName };
}

async function addDestination(step: Step<'add-destination'>, ctx: StepContext): Promise<StepOutcome> {
  const sid = trunkOf(ctx);
  const { uri } = step.payload;
  const find = async () => (await ctx.client.listDestinations(sid)).find((d) => sameSipUri(d.destination, uri));
  const post = async () => {
    const [item] = await ctx.client.addDestinations(sid, [uri]);
    if (item!.ok) return { outcome: 'created' as const, data: item!.data };
    if (item!.exists) return { outcome: 'exists' as const, error: item!.error };
    throw item!.error;
  };
  const r = await reconcile(ctx, post, find, `destination ${withSip(uri)}`);
  const d = r.data ?? r.found!;
  ctx.journal((s) => void (s.resources.destinations[withSip(d.destination)] = d.id));
  return { outcome: r.outcome, detail: `id ${d.id}` };
}

async function setAlias(step: Step<'set-alias'>, ctx: StepContext): Promise<StepOutcome> {
  const sid = trunkOf(ctx);
  const { alias } = step.payload;
  let items;
  try {
    items = await ctx.client.setAlias(sid, alias);
  } catch (e) {
    if (!(e instanceof OutcomeUnknownError)) throw e;
    items = await ctx.client.setAlias(sid, alias); // setting a value twice is harmless
  }
  const bad = items.find((i) => !i.ok);
  if (bad && !bad.ok) throw bad.error;
  ctx.journal((s) => void (s.resources.alias = alias));
  return { outcome: 'done', detail: alias };
}

/** A delete whose resource is already gone (a re-run after a crash, a delete by hand) is "exists": nothing to do. */
async function deleteCredential(step: Step<'delete-credential'>, ctx: StepContext): Promise<StepOutcome> {
  const { credentialId } = step.payload;
  let outcome: StepOutcome['outcome'] = 'done';
  try {
    await ctx.client.deleteCredential(trunkOf(ctx), credentialId);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    outcome = 'exists';
  }
  ctx.journal((s) => {
    if (s.resources.credential?.id === credentialId) s.resources.credential = null;
  });
  return { outcome, detail: `id ${credentialId}` };
}

async function deleteTrunk(step: Step<'delete-trunk'>, ctx: StepContext): Promise<StepOutcome> {
  const { trunkSid } = step.payload;
  const deleted = await ctx.client.deleteTrunk(trunkSid);
  ctx.journal((r) => {
    r.tornDownAt = new Date().toISOString();
    r.resources = { numbers: {}, acl: {}, credential: null, destinations: {}, alias: null };
    r.extraNumbers = {};
    r.trunkSid = undefined;
  });
  return { outcome: deleted ? 'done' : 'exists', detail: trunkSid };
}

type Specs = { [K in ExotelStepKind]: StepKindSpec<K> };

export const EXOTEL_STEP_KINDS: Specs = {
  'create-trunk': { run: createTrunk, call: (s, w) => shown(w.accountSid, wire.createTrunk(w.accountSid, s.payload.trunkName)) },
  'map-number': { run: mapNumber, call: (s, w) => shown(w.accountSid, wire.mapNumber(w.trunkSid, s.payload.phoneNumber, s.payload.mode)) },
  'set-number-mode': { run: setNumberMode, call: (s, w) => shown(w.accountSid, wire.setNumberMode(w.trunkSid, s.payload.numberId, s.payload.phoneNumber, s.payload.mode)) },
  'whitelist-ip': { run: whitelistIp, call: (s, w) => shown(w.accountSid, wire.whitelistIp(w.trunkSid, s.payload.ip)) },
  'create-credential': { run: createCredential, call: (s, w) => shown(w.accountSid, wire.createCredential(w.trunkSid, s.payload.userName, w.secret ?? Secret.mask, s.payload.friendlyName)) },
  'add-destination': { run: addDestination, call: (s, w) => shown(w.accountSid, wire.addDestinations(w.trunkSid, [s.payload.uri])) },
  'set-alias': { run: setAlias, call: (s, w) => shown(w.accountSid, wire.setAlias(w.trunkSid, s.payload.alias)) },
  'delete-credential': { run: deleteCredential, call: (s, w) => shown(w.accountSid, wire.deleteCredential(w.trunkSid, s.payload.credentialId)) },
  'delete-trunk': { run: deleteTrunk, call: (s, w) => shown(w.accountSid, wire.deleteTrunk(s.payload.trunkSid)) },
};

/** Two creates in a row lost their answers: whether the trunk exists is unknown, and what to do next depends on it. */
export function trunkUnknownError(trunkName: string, recipeId: string): UserError {
  return new UserError(`Creating trunk ${trunkName}: the connection dropped twice before Exotel answered, so it is unknown whether the trunk exists.`, {
    why: 'A create whose answer is lost may or may not have been applied, and the Exotel API cannot list trunks to find out.',
    fix: `Look for ${trunkName} in the Exotel dashboard under Exotrunk Management. If it is there, run ${cliName()} apply ${recipeId} --trunk-sid <its sid>; if not, run ${cliName()} apply ${recipeId} again.`,
  });
}

/** `lostAnswer`: this run's own create call went through but its answer (with the sid) never came back. */
export function trunkExistsError(trunkName: string, recipeId: string, lostAnswer = false): UserError {
  return new UserError(`A trunk named ${trunkName} already exists at Exotel, and this state file does not know its sid.`, {
    why: lostAnswer
      ? 'The connection dropped after exotrunk asked Exotel to create the trunk: Exotel made it, but its sid never arrived, and the Exotel API cannot list trunks to look it up by name.'
      : 'The Exotel API cannot list trunks, so exotrunk cannot look the sid up by name (a lost or deleted state file, or a trunk made by hand).',
    fix: `Find the trunk sid (trmum…) in the Exotel dashboard under Exotrunk Management, then run: ${cliName()} apply ${recipeId} --trunk-sid <sid>. Or choose another trunk name.`,
  });
}
