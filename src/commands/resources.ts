/**
 * One-off resource commands. Every argument is validated before a request is sent; the trunk comes from
 * --trunk-sid or from a recipe's state.
 */
import { InputError, UserError } from '../core/errors.js';
import type { Engine } from '../core/engine/engine.js';
import { generatePassword, validators } from '../core/rules/validators.js';
import type { Validator } from '../core/rules/contract.js';
import { Secret } from '../core/secret.js';
import { trunkExistsError } from '../core/plan/apply.js';
import { withEngine, type Globals } from './context.js';
import { err, green, json, out, table, yellow } from './format.js';

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
  (list: { id: string; phoneNumber: string; mode: string | null }[]) => table(['id', 'number', 'mode'], list.map((n) => [n.id, n.phoneNumber, n.mode ?? 'null (pstn)'])) + `\n${list.length} number(s)`,
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
    const r = await engine.client.whitelistIp(trunkSidOf(engine, o), { ip: addr, mask: 32 });
    return r.outcome === 'created' ? { outcome: 'created', ...r.data } : { outcome: 'exists', ip: addr };
  },
  (r) => green(r.outcome === 'created' ? `✓ Whitelisted ${r.ip}/32 (id ${r.id})` : `✓ ${r.ip} was already whitelisted`),
);

export const credentialsList = cmd(
  async (engine, o) => (await engine.client.listCredentials(trunkSidOf(engine, o))).map((c) => ({ id: c.id, userName: c.userName, friendlyName: c.friendlyName })),
  (list: { id?: string; userName: string; friendlyName?: string | null }[]) => table(['id', 'username', 'friendly name'], list.map((c) => [c.id ?? '', c.userName, c.friendlyName ?? ''])) + `\n${list.length} credential(s); passwords are never shown`,
);

export const credentialsAdd = cmd(
  async (engine, o, [username]) => {
    const userName = check(validators.sip_username, username, 'Username');
    const friendlyName = o.friendlyName ? check(validators.friendly_name, o.friendlyName, 'Friendly name') : undefined;
    const given = process.env.EXOTRUNK_SIP_PASSWORD;
    const password = new Secret(given ? check(validators.sip_password, given, 'EXOTRUNK_SIP_PASSWORD') : generatePassword());
    const r = await engine.client.createCredential(trunkSidOf(engine, o), { userName, password, friendlyName });
    if (r.outcome === 'exists') throw new UserError(`A credential named ${userName} already exists on this trunk.`, { fix: 'Pick another username, or delete the old one first (credentials delete --id).' });
    return { id: r.data.id, userName, password: o.showSecrets ? password.reveal() : undefined, generated: !given };
  },
  (r, o) => green(`✓ Credential ${r.userName} created (id ${r.id}).`) + (r.generated ? (o.showSecrets ? `\nPassword: ${r.password}` : '\nA strong password was generated; run again with --show-secrets to print it, or set EXOTRUNK_SIP_PASSWORD.') : ''),
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
  (list: { id: string; destination: string }[]) => table(['id', 'destination'], list.map((d) => [d.id, d.destination])) + `\n${list.length} destination(s)`,
);

export const destinationsAdd = cmd(
  async (engine, o, [uri]) => {
    const bare = uri.replace(/^sips?:/i, '');
    const m = /^([^:;]+)(?::(\d+))?(?:;transport=(\w+))?$/i.exec(bare);
    if (!m) throw new InputError(`"${uri}" is not a destination URI: use host:port;transport=tls|tcp, e.g. sip.retellai.com:5060;transport=tcp.`);
    const host = check(validators.host, m[1], 'Destination host');
    const port = check(validators.port, m[2] ?? '', 'Destination port');
    const transport = check(validators.transport, m[3] ?? '', 'Destination transport');
    const [item] = await engine.client.addDestinations(trunkSidOf(engine, o), [`${host}:${port};transport=${transport}`]);
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
    const items = await engine.client.setAlias(trunkSidOf(engine, o), alias);
    const bad = items.find((i) => !i.ok);
    if (bad && !bad.ok) throw bad.error;
    return { trunk_external_alias: alias };
  },
  (r) => green(`✓ trunk_external_alias = ${r.trunk_external_alias}`),
);
