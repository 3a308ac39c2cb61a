/**
 * Execute a plan: independent steps concurrently (the client's limiter keeps the pace), typed events for the
 * front ends, the journal written after every step. No run, however interrupted, creates a duplicate: a
 * duplicate answer counts as done after looking the item up, and an "outcome unknown" write is reconciled by
 * reading before any retry.
 */
import { UserError } from '../errors.js';
import { InterruptedError, OutcomeUnknownError } from '../exotel/errors.js';
import type { ExotelClient, WriteResult } from '../exotel/types.js';
import type { ApplyEvent, ApplyResult, Inputs, Plan, Step } from './types.js';
import { newRun, targetOf, type RunState, type StateStore } from '../journal/state-store.js';
import { stepContext } from '../exotel/retry-context.js';
import { bareSipUri, sameSipUri as sameDestination, withSip } from '../sip-uri.js';
import { describeFailure } from './failure.js';
import { cliName } from '../cli-name.js';

export { describeFailure };

export interface ApplyOptions {
  client: ExotelClient;
  store: StateStore;
  mode: 'sandbox' | 'live';
  region: string;
  onEvent?: (e: ApplyEvent) => void;
  signal?: AbortSignal;
  /** how many times an unknown-outcome write is re-sent after a read found nothing (default 3) */
  maxReconcile?: number;
}

type Outcome = { outcome: 'done' | 'exists'; detail: string };

export async function applyPlan(plan: Plan, inputs: Inputs, opts: ApplyOptions): Promise<ApplyResult> {
  const { client, store } = opts;
  const target = targetOf(opts.mode, client.accountSid);
  const events: ApplyEvent[] = [];
  const emit = (e: ApplyEvent) => {
    events.push(e);
    opts.onEvent?.(e);
  };
  const init = (): RunState =>
    newRun({ recipeId: inputs.recipe.id, target, accountSid: client.accountSid, region: opts.region, direction: inputs.direction, trunkName: inputs.trunkName, answers: inputs.answers.values });
  const journal = (change: (r: RunState) => void) =>
    store.update(target, inputs.recipe.id, init, (r) => {
      r.answers = inputs.answers.values;
      r.direction = inputs.direction;
      r.trunkName = inputs.trunkName;
      change(r);
    });
  // What the recipe wants and the trunk already has goes into the journal first: an earlier run may have
  // created it and died before writing it down, and rotate, teardown and the password check rely on it.
  const found = plan.found;
  journal((r) => {
    if (!found || !plan.trunkSid) return;
    r.trunkSid ??= plan.trunkSid;
    Object.assign(r.resources.numbers, found.numbers);
    Object.assign(r.resources.acl, found.acl);
    Object.assign(r.resources.destinations, found.destinations);
    if (found.credential) r.resources.credential = found.credential;
  });
  let trunkSid = plan.trunkSid ?? inputs.trunkSid ?? store.get(target, inputs.recipe.id)?.trunkSid;
  const maxReconcile = opts.maxReconcile ?? 3;

  /** POST, and on an unknown outcome look the item up before sending again. */
  async function reconcile<T, F>(post: () => Promise<WriteResult<T>>, find: () => Promise<F | undefined>, what: string): Promise<{ outcome: 'done' | 'exists'; found?: F; data?: T }> {
    let lastErr: unknown;
    for (let attempt = 0; attempt <= maxReconcile; attempt++) {
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

  const sidOrThrow = () => {
    if (!trunkSid) throw new UserError('The trunk does not exist yet.');
    return trunkSid;
  };

  async function run(step: Step): Promise<Outcome> {
    switch (step.kind) {
      case 'create-trunk': {
        // A create sent by an earlier run that never saw its answer (killed, connection lost) means the trunk
        // that "already exists" is ours: the message says so.
        let lostAnswer = !!store.get(target, inputs.recipe.id)?.pending.includes(step.id);
        journal((r) => void (r.pending = [...new Set([...r.pending, step.id])]));
        let r: WriteResult<{ trunkSid: string }>;
        try {
          r = await client.createTrunk({ trunkName: inputs.trunkName });
        } catch (e) {
          if (!(e instanceof OutcomeUnknownError)) throw e;
          // Trunk names are unique at Exotel, so sending again can never make a second trunk.
          lostAnswer = true;
          try {
            r = await client.createTrunk({ trunkName: inputs.trunkName });
          } catch (again) {
            if (!(again instanceof OutcomeUnknownError)) throw again;
            throw trunkUnknownError(inputs.trunkName, inputs.recipe.id);
          }
        }
        if (r.outcome === 'exists') throw trunkExistsError(inputs.trunkName, inputs.recipe.id, lostAnswer);
        trunkSid = r.data.trunkSid;
        journal((s) => {
          s.trunkSid = trunkSid;
          s.pending = s.pending.filter((p) => p !== step.id);
          delete s.tornDownAt;
        });
        return { outcome: 'done', detail: trunkSid };
      }
      case 'map-number': {
        const sid = sidOrThrow();
        const n = (step.request.body as { phone_number: string; mode: 'pstn' | 'flow' });
        const find = async () => (await client.listNumbers(sid)).find((x) => x.phoneNumber === n.phone_number);
        const r = await reconcile(() => client.mapNumber(sid, { phoneNumber: n.phone_number, mode: n.mode }), find, `number ${n.phone_number}`);
        let mapping = r.data ?? r.found!;
        if ((mapping.mode ?? 'pstn') !== n.mode) mapping = await client.setNumberMode(sid, mapping.id, { phoneNumber: n.phone_number, mode: n.mode });
        journal((s) => void (s.resources.numbers[n.phone_number] = { id: mapping.id, mode: mapping.mode }));
        return { outcome: r.outcome, detail: `id ${mapping.id}, mode ${mapping.mode ?? 'null'}` };
      }
      case 'set-number-mode': {
        const sid = sidOrThrow();
        const n = step.request.body as { phone_number: string; mode: 'pstn' | 'flow' };
        const id = step.request.path.split('/').pop()!;
        const m = await client.setNumberMode(sid, id, { phoneNumber: n.phone_number, mode: n.mode });
        journal((s) => void (s.resources.numbers[n.phone_number] = { id: m.id, mode: m.mode }));
        return { outcome: 'done', detail: `mode ${m.mode}` };
      }
      case 'whitelist-ip': {
        const sid = sidOrThrow();
        const { ip } = step.request.body as { ip: string };
        const find = async () => (await client.listAcl(sid)).find((a) => a.ip === ip);
        const r = await reconcile(() => client.whitelistIp(sid, { ip, mask: 32 }), find, `ACL entry ${ip}`);
        const entry = r.data ?? r.found!;
        journal((s) => void (s.resources.acl[ip] = entry.id));
        return { outcome: r.outcome, detail: `id ${entry.id}` };
      }
      case 'create-credential': {
        const sid = sidOrThrow();
        const userName = inputs.sipUsername!;
        if (!inputs.sipPassword) throw new UserError('No SIP password is known for the new credential.', { fix: 'Set EXOTRUNK_SIP_PASSWORD or leave it out so exotrunk generates one.' });
        const find = async () => (await client.listCredentials(sid)).find((c) => c.userName === userName);
        const r = await reconcile(() => client.createCredential(sid, { userName, password: inputs.sipPassword!, friendlyName: inputs.recipe.id.slice(0, 32) }), find, `credential ${userName}`);
        const cred = r.data ?? r.found!;
        journal((s) => void (s.resources.credential = { id: cred.id, userName }));
        return { outcome: r.outcome, detail: cred.id ? `id ${cred.id}` : userName };
      }
      case 'add-destination': {
        const sid = sidOrThrow();
        const dest = withSip((step.request.body as { destinations: { destination: string }[] }).destinations[0].destination);
        const find = async () => (await client.listDestinations(sid)).find((d) => sameDestination(d.destination, dest));
        const r = await reconcile(
          async () => {
            const [item] = await client.addDestinations(sid, [bareSipUri(dest)]);
            if (item.ok) return { outcome: 'created' as const, data: item.data };
            if (item.exists) return { outcome: 'exists' as const, error: item.error };
            throw item.error;
          },
          find,
          `destination ${dest}`,
        );
        const d = r.data ?? r.found!;
        journal((s) => void (s.resources.destinations[withSip(d.destination)] = d.id));
        return { outcome: r.outcome, detail: `id ${d.id}` };
      }
      case 'set-alias': {
        const sid = sidOrThrow();
        const value = inputs.alias!;
        let items;
        try {
          items = await client.setAlias(sid, value);
        } catch (e) {
          if (!(e instanceof OutcomeUnknownError)) throw e;
          items = await client.setAlias(sid, value); // setting a value twice is harmless
        }
        const bad = items.find((i) => !i.ok);
        if (bad && !bad.ok) throw bad.error;
        journal((s) => void (s.resources.alias = value));
        return { outcome: 'done', detail: value };
      }
      default:
        throw new Error(`apply cannot run a ${step.kind} step`);
    }
  }

  // The DAG executor.
  const status = new Map<string, 'pending' | 'running' | 'ok' | 'failed' | 'skipped'>(plan.steps.map((s) => [s.id, 'pending']));
  const failed: ApplyResult['failed'] = [];
  await new Promise<void>((resolve) => {
    const pump = () => {
      for (const step of plan.steps) {
        if (status.get(step.id) !== 'pending') continue;
        const deps = step.dependsOn.map((d) => status.get(d) ?? 'ok');
        if (deps.some((d) => d === 'failed' || d === 'skipped')) {
          status.set(step.id, 'skipped');
          emit({ type: 'skipped', stepId: step.id, reason: `needs ${step.dependsOn.filter((d) => status.get(d) !== 'ok').join(', ')}` });
          continue;
        }
        if (opts.signal?.aborted) {
          status.set(step.id, 'skipped');
          emit({ type: 'skipped', stepId: step.id, reason: 'interrupted' });
          continue;
        }
        if (deps.every((d) => d === 'ok')) {
          status.set(step.id, 'running');
          const t0 = performance.now();
          emit({ type: 'started', stepId: step.id, at: Date.now() });
          stepContext
            .run({ stepId: step.id, onRetry: (i) => emit({ type: 'retrying', stepId: step.id, attempt: i.attempt, maxAttempts: i.maxAttempts, delayMs: i.delayMs, reason: i.reason }) }, () => run(step))
            .then(
              (o) => {
                status.set(step.id, 'ok');
                emit({ type: o.outcome, stepId: step.id, ms: Math.round(performance.now() - t0), detail: o.detail });
              },
              (e: unknown) => {
                if (e instanceof InterruptedError) {
                  // Ctrl-C stopped a follow-up request of this step before it was sent: nothing unknown, resume redoes it
                  status.set(step.id, 'skipped');
                  emit({ type: 'skipped', stepId: step.id, reason: 'interrupted' });
                  return;
                }
                status.set(step.id, 'failed');
                const f = describeFailure(e);
                failed.push({ stepId: step.id, ...f });
                emit({ type: 'failed', stepId: step.id, ms: Math.round(performance.now() - t0), ...f });
              },
            )
            .finally(pump);
        }
      }
      if ([...status.values()].every((s) => s !== 'pending' && s !== 'running')) resolve();
    };
    opts.signal?.addEventListener('abort', pump, { once: true });
    pump();
  });

  const ok = failed.length === 0 && [...status.values()].every((s) => s === 'ok');
  if (ok) journal((s) => void (s.appliedAt = new Date().toISOString()));
  return { ok, trunkSid, events, failed };
}

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
