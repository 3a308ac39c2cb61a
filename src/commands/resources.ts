/**
 * One-off resource commands. Every argument is validated before a request is sent; the trunk comes from
 * --trunk-sid or from a recipe's state.
 */
import { InputError, UserError } from '../core/errors.js';
import type { Engine } from '../core/engine/engine.js';
import { generatePassword, isIPv4, validators } from '../core/rules/validators.js';
import type { Validator } from '../core/rules/contract.js';
import { Secret } from '../core/secret.js';
import { trunkExistsError } from '../core/plan/apply.js';
import { withEngine, type Globals } from './context.js';
import { err, green, json, out, table, yellow } from './format.js';
import { count } from '../present/words.js';

type Opts = Globals & { trunkSid?: string; recipe?: string; friendlyName?: string; id?: string; mode?: 'pstn' | 'flow' };
type Cmd = (args: unknown[], o: Record<string, unknown>) => Promise<number>;

export function check(v: Validator, raw: string, what: string): string {
  const r = v(raw);
  if (!r.ok) throw new InputError(`${what}: ${r.message}`);
  if (r.warning) err(yellow(`! ${r.warning}`));
  return r.value;
}

export function trunkSidOf(engine: Engine, o: Opts): string {
  if (o.trunkSid) {
    if (!/^[a-z0-9]{6,64}$/.test(o.trunkSid)) throw new InputError(`"${o.trunkSid}" does not look like a trunk sid: it is lower-case letters and digits, e.g. trmum1a2b3c4d5e6f7890123456.`);
    return o.trunkSid;
  }
  const run = engine.requireRun(o.recipe);
  if (!run.trunkSid && engine.inputsFromState(run).skipTrunk) {
    throw new UserError(`${run.recipeId} is set up without an Exotel trunk (its answers chose a path that needs none), so there is nothing on a trunk to show or change.`, { fix: `To use a trunk, apply it again with the trunk path chosen (exotrunk recipes show ${run.recipeId}), or pass --trunk-sid.` });
  }
  if (!run.trunkSid) throw new UserError(`${run.recipeId} has no trunk yet.`, { fix: `Run exotrunk apply ${run.recipeId}, or pass --trunk-sid.` });
  return run.trunkSid;
}

/** Validate first, then open the engine and call. */
const cmd = (body: (engine: Engine, o: Opts, args: string[]) => Promise<unknown>, show: (r: any, o: Opts) => string): Cmd =>
  async (args, raw) => {
    const o = raw as unknown as Opts;
    return withEngine(o, async (engine) => {
      const r = await body(engine, o, args.map(String));
      if (o.json) json(r);
      else out(show(r, o));
      return 0;
    });
  };

export const trunkCreate = cmd(
  async (engine, _o, [name]) => {
    const trunkName = check(validators.trunk_name, name, 'Trunk name');
    const r = await engine.client.createTrunk({ trunkName });
    if (r.outcome === 'exists') throw trunkExistsError(trunkName, '<recipe>');
    return r.data;
  },
  (t) => green(`✓ Trunk ${t.trunkName} created: ${t.trunkSid} (domain ${t.domainName})`),
);

export const trunkDelete = cmd(
  async (engine, o, [sid]) => {
    trunkSidOf(engine, { ...o, trunkSid: sid });
    if (!o.yes) throw new InputError(`Deleting trunk ${sid} needs --yes.`, { fix: 'Or use exotrunk teardown <recipe>, which also deletes its credentials.' });
    return engine.client.deleteTrunk(sid);
  },
  (t) => green(`✓ Trunk ${t?.trunkSid ?? ''} deleted`),
);

export const numbersList = cmd(
  async (engine, o) => engine.client.listNumbers(trunkSidOf(engine, o)),
  (list: { id: string; phoneNumber: string; mode: string | null }[]) => table(['id', 'number', 'mode'], list.map((n) => [n.id, n.phoneNumber, n.mode ?? 'null (pstn)'])) + `\n${count(list.length, 'number')}`,
);

export const numbersSetMode = cmd(
  async (engine, o, [number, mode]) => {
    const phone = check(validators.e164, number, 'Number');
    if (mode !== 'pstn' && mode !== 'flow') throw new InputError(`Mode "${mode}" is not valid: use pstn (Connect / outbound) or flow (Voicebot / StreamKit).`);
    const sid = trunkSidOf(engine, o);
    const found = (await engine.client.listNumbers(sid)).find((n) => n.phoneNumber === phone);
    if (!found) throw new UserError(`${phone} is not mapped to trunk ${sid}.`, { fix: `Map it first: exotrunk numbers add ${phone} --trunk-sid ${sid}` });
    return engine.client.setNumberMode(sid, found.id, { phoneNumber: phone, mode });
  },
  (n) => green(`✓ ${n.phoneNumber} (id ${n.id}) is now mode ${n.mode}`),
);

export const aclList = cmd(
  async (engine, o) => engine.client.listAcl(trunkSidOf(engine, o)),
  (list: { id: string; ip: string; mask: number }[]) => table(['id', 'ip'], list.map((a) => [a.id, `${a.ip}/${a.mask}`])) + `\n${list.length} entr${list.length === 1 ? 'y' : 'ies'}`,
);

export const aclAdd = cmd(
  async (engine, o, [ip]) => {
    const addr = check(validators.ipv4_public, ip, 'ACL IP');
    const sid = trunkSidOf(engine, o);
    const owner = engine.ownerOf(sid, o.recipe);
    if (owner?.resources.credential && !Object.keys(owner.resources.acl).length) {
      err(yellow(`! ${owner.recipeId}'s trunk authenticates with SIP digest; an ACL entry as well mixes ACL and digest on one trunk, which Exotel advises against unless it approved the mix for your account.`));
    }
    const r = await engine.client.whitelistIp(sid, { ip: addr, mask: 32 });
    return r.outcome === 'created' ? { outcome: 'created', ...r.data } : { outcome: 'exists', ip: addr };
  },
  (r) => green(r.outcome === 'created' ? `✓ Whitelisted ${r.ip}/32 (id ${r.id})` : `✓ ${r.ip} was already whitelisted`),
);

export const credentialsList = cmd(
  async (engine, o) => (await engine.client.listCredentials(trunkSidOf(engine, o))).map((c) => ({ id: c.id, userName: c.userName, friendlyName: c.friendlyName })),
  (list: { id?: string; userName: string; friendlyName?: string | null }[]) => table(['id', 'username', 'friendly name'], list.map((c) => [c.id ?? '', c.userName, c.friendlyName ?? ''])) + `\n${count(list.length, 'credential')}; passwords are never shown`,
);

export const credentialsAdd = cmd(
  async (engine, o, [username]) => {
    const userName = check(validators.sip_username, username, 'Username');
    const friendlyName = o.friendlyName ? check(validators.friendly_name, o.friendlyName, 'Friendly name') : undefined;
    const given = process.env.EXOTRUNK_SIP_PASSWORD;
    // A generated password nobody is shown could never be used: it is printed once, or not made at all.
    if (!given && !o.showSecrets) {
      throw new InputError('No password for the new credential: exotrunk would have to generate one, and without --show-secrets nobody would ever see it.', {
        fix: 'Set EXOTRUNK_SIP_PASSWORD to the password the partner will use, or add --show-secrets to print the generated one once. For a recipe\'s own credential, exotrunk credentials rotate <recipe> keeps the new password for its configs.',
      });
    }
    const password = new Secret(given ? check(validators.sip_password, given, 'EXOTRUNK_SIP_PASSWORD') : generatePassword());
    const r = await engine.client.createCredential(trunkSidOf(engine, o), { userName, password, friendlyName });
    if (r.outcome === 'exists') throw new UserError(`A credential named ${userName} already exists on this trunk.`, { fix: 'Pick another username, or delete the old one first (credentials delete --id).' });
    return { id: r.data.id, userName, password: o.showSecrets ? password.reveal() : undefined, generated: !given };
  },
  (r) => green(`✓ Credential ${r.userName} created (id ${r.id}).`) + (r.generated ? `\nPassword (generated; shown this once): ${r.password}` : ''),
);

export const credentialsDelete = cmd(
  async (engine, o) => {
    if (!/^\d+$/.test(o.id ?? '')) throw new InputError(`Credential id "${o.id}" is not valid: it is the number shown by exotrunk credentials list.`);
    await engine.client.deleteCredential(trunkSidOf(engine, o), o.id!);
    return { deleted: o.id };
  },
  (r) => green(`✓ Credential ${r.deleted} deleted`),
);

export const destinationsList = cmd(
  async (engine, o) => engine.client.listDestinations(trunkSidOf(engine, o)),
  (list: { id: string; destination: string }[]) => table(['id', 'destination'], list.map((d) => [d.id, d.destination])) + `\n${count(list.length, 'destination')}`,
);

export const destinationsAdd = cmd(
  async (engine, o, [uri]) => {
    const bare = uri.replace(/^sips?:/i, '');
    const m = /^([^:;]+)(?::(\d+))?(?:;transport=(\w+))?$/i.exec(bare);
    if (!m) throw new InputError(`"${uri}" is not a destination URI: use host:port;transport=tls|tcp, e.g. sip.retellai.com:5060;transport=tcp.`);
    const host = check(validators.host, m[1], 'Destination host');
    if (m[2] === undefined) throw new InputError(`"${uri}" has no port: Exotel needs host:port;transport=…, e.g. ${host}:5061;transport=tls or ${host}:5060;transport=tcp.`);
    const port = check(validators.port, m[2], 'Destination port');
    if (m[3] === undefined) throw new InputError(`"${uri}" has no transport: add ;transport=tls or ;transport=tcp, e.g. ${host}:${port};transport=${port === '5061' ? 'tls' : 'tcp'}.`);
    const transport = check(validators.transport, m[3], 'Destination transport');
    const sid = trunkSidOf(engine, o);
    // Exotel refuses an IP destination that is not on the trunk's ACL (207 / 1002): check before sending.
    if (isIPv4(host) && !(await engine.client.listAcl(sid)).some((a) => a.ip === host)) {
      throw new InputError(`${host} is not on the trunk's ACL, and Exotel refuses an IP destination that is not whitelisted.`, {
        fix: `Whitelist it first (exotrunk acl add ${host}${o.recipe ? ` --recipe ${o.recipe}` : ` --trunk-sid ${sid}`}), or use the partner's host name, which needs no ACL entry.`,
      });
    }
    const [item] = await engine.client.addDestinations(sid, [`${host}:${port};transport=${transport}`]);
    if (!item.ok) {
      if (item.exists) return { exists: true, destination: `sip:${host}:${port};transport=${transport}` };
      throw item.error;
    }
    return item.data;
  },
  (d) => green(d.exists ? `✓ ${d.destination} was already a destination` : `✓ Destination ${d.destination} added (id ${d.id})`),
);

export const aliasSet = cmd(
  async (engine, o, [number]) => {
    const alias = check(validators.e164, number, 'Alias');
    const sid = trunkSidOf(engine, o);
    const items = await engine.client.setAlias(sid, alias);
    const bad = items.find((i) => !i.ok);
    if (bad && !bad.ok) throw bad.error;
    // The API cannot read the alias back: the journal is what verify compares, so it must know.
    const owner = engine.ownerOf(sid, o.recipe);
    const before = owner?.resources.alias; // what apply set for the recipe
    if (owner) engine.recordAlias(owner.recipeId, alias);
    return { trunk_external_alias: alias, recordedFor: owner?.recipeId ?? null, recipeWants: before && before !== alias ? before : undefined };
  },
  (r) => green(`✓ trunk_external_alias = ${r.trunk_external_alias}`) + (r.recipeWants ? yellow(`\n! ${r.recordedFor} wants ${r.recipeWants} as caller ID: verify will report this, and apply ${r.recordedFor} would set it back.`) : ''),
);
