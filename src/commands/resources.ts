/**
 * One-off resource commands. Every argument is validated before a request is sent; the trunk comes from
 * --trunk-sid or from a recipe's state.
 */
import { InputError, UserError } from '../core/errors.js';
import type { Engine } from '../core/engine/engine.js';
import { generatePassword, isIPv4, validators } from '../core/rules/validators.js';
import type { Validator } from '../core/rules/contract.js';
import { Secret } from '../core/secret.js';
import { formatSipUri, parseSipUri, withSip } from '../core/sip-uri.js';
import { trunkExistsError } from '../core/plan/apply.js';
import { checkTrunkSid, isExotelOwnCredential } from '../core/exotel/client.js';
import { TRUNK_FIELD_SOURCES, trunkFields } from '../core/plan/trunk-record.js';
import { commandLine, withEngine, type Globals } from './context.js';
import { isNotFound } from '../core/exotel/error-table.js';
import type { Trunk } from '../core/exotel/types.js';
import { dim, err, green, json, out, table, yellow } from './format.js';
import { cliName } from '../core/cli-name.js';
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
  if (o.trunkSid) return checkTrunkSid(o.trunkSid);
  const run = engine.requireRun(o.recipe);
  if (!run.trunkSid && engine.inputsFromState(run).skipTrunk) {
    throw new UserError(`${run.recipeId} is set up without an Exotel trunk (its answers chose a path that needs none), so there is nothing on a trunk to show or change.`, { fix: `To use a trunk, apply it again with the trunk path chosen (${cliName()} recipes show ${run.recipeId}), or pass --trunk-sid.` });
  }
  if (!run.trunkSid) throw new UserError(`${run.recipeId} has no trunk yet.`, { fix: `Run ${cliName()} apply ${run.recipeId}, or pass --trunk-sid.` });
  return run.trunkSid;
}

/**
 * Validate first, then open the engine and call. A command that changes the trunk (`writes`) holds the state
 * directory's lock, as apply does: the journal describes that trunk, and a change beside a running apply or
 * teardown is how records get lost.
 */
const cmd = (body: (engine: Engine, o: Opts, args: string[]) => Promise<unknown>, show: (r: any, o: Opts) => string, writes = false): Cmd =>
  async (args, raw) => {
    const o = raw as unknown as Opts;
    return withEngine(o, async (engine) => {
      // an optional positional left out arrives as undefined: drop it rather than pass the string "undefined"
      const r = await body(engine, o, args.filter((x) => x !== undefined).map(String));
      if (o.json) json(r);
      else out(show(r, o));
      return 0;
    }, writes ? { writes: { resume: commandLine() } } : {});
  };

export const trunkCreate = cmd(
  async (engine, _o, [name]) => {
    const trunkName = check(validators.trunk_name, name, 'Trunk name');
    const r = await engine.client.createTrunk({ trunkName });
    if (r.outcome === 'exists') throw trunkExistsError(trunkName, '<recipe>');
    return r.data;
  },
  (t) => green(`✓ Trunk ${t.trunkName} created: ${t.trunkSid} (domain ${t.domainName})`),
  true,
);

export const trunkShow = cmd(
  async (engine, o, [sid]) => {
    if (sid !== undefined && o.trunkSid !== undefined && sid !== o.trunkSid) throw new InputError(`Two trunks named: ${sid} and --trunk-sid ${o.trunkSid}. Give one.`);
    const trunkSid = trunkSidOf(engine, { ...o, trunkSid: sid ?? o.trunkSid });
    try {
      return await engine.client.getTrunk(trunkSid);
    } catch (e) {
      if (isNotFound(e)) throw notFound(engine, trunkSid, 'nothing to show');
      throw e;
    }
  },
  (t: Trunk) =>
    table(['field', 'value', 'what it means; how it changes'], trunkFields(t).map((f) => [f.field, f.value ?? '(not returned)', f.note])) +
    (t.dateCreated ? dim(`\ncreated ${t.dateCreated}${t.dateUpdated && t.dateUpdated !== t.dateCreated ? `, updated ${t.dateUpdated}` : ''}`) : '') +
    dim(`\nSources: ${TRUNK_FIELD_SOURCES.join('; ')}.`),
);

/** Exotel's "not found" for a trunk, said as a failure that names the sid (exit 1). */
function notFound(engine: Engine, sid: string, consequence: string): UserError {
  return new UserError(`Trunk ${sid} does not exist in Exotel account ${engine.client.accountSid}: ${consequence}.`, {
    why: 'Exotel answers "not found" for a mistyped sid, a trunk already deleted, and a trunk of another account alike.',
    fix: 'Check the sid in the Exotel dashboard (Exotrunk Management) and the account SID / region.',
  });
}

export const trunkDelete = cmd(
  async (engine, o, [sid]) => {
    trunkSidOf(engine, { ...o, trunkSid: sid });
    if (!o.yes) throw new InputError(`Deleting trunk ${sid} needs --yes.`, { fix: `Or use ${cliName()} teardown <recipe>, which also deletes its credentials.` });
    const deleted = await engine.client.deleteTrunk(sid);
    // Exotel's failure envelope for an unknown sid must never read as a success
    if (!deleted) throw notFound(engine, sid, 'nothing was deleted');
    return deleted;
  },
  (t: Trunk) => green(`✓ Trunk ${t.trunkName ? `${t.trunkName} (${t.trunkSid})` : t.trunkSid} deleted`),
  true,
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
    if (!found) throw new UserError(`${phone} is not mapped to trunk ${sid}.`, { fix: `Map it first: ${cliName()} numbers add ${phone} --trunk-sid ${sid}` });
    return engine.client.setNumberMode(sid, found.id, { phoneNumber: phone, mode });
  },
  (n) => green(`✓ ${n.phoneNumber} (id ${n.id}) is now mode ${n.mode}`),
  true,
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
  true,
);

export const credentialsList = cmd(
  async (engine, o) => {
    const sid = trunkSidOf(engine, o);
    return (await engine.client.listCredentials(sid)).map((c) => ({ id: c.id, userName: c.userName, friendlyName: c.friendlyName, exotelOwn: isExotelOwnCredential(c, sid) }));
  },
  (list: { id?: string; userName: string; friendlyName?: string | null; exotelOwn: boolean }[]) =>
    table(['id', 'username', 'friendly name'], list.map((c) => [c.id ?? '', c.userName, c.exotelOwn ? "(Exotel's own, generated with the trunk)" : c.friendlyName ?? ''])) + `\n${count(list.length, 'credential')}; passwords are never shown`,
);

export const credentialsAdd = cmd(
  async (engine, o, [username]) => {
    const userName = check(validators.sip_username, username, 'Username');
    const friendlyName = o.friendlyName ? check(validators.friendly_name, o.friendlyName, 'Friendly name') : undefined;
    const given = process.env.EXOTRUNK_SIP_PASSWORD;
    // A generated password nobody is shown could never be used: it is printed once, or not made at all.
    if (!given && !o.showSecrets) {
      throw new InputError('No password for the new credential: exotrunk would have to generate one, and without --show-secrets nobody would ever see it.', {
        fix: `Set EXOTRUNK_SIP_PASSWORD to the password the partner will use, or add --show-secrets to print the generated one once. For a recipe's own credential, ${cliName()} credentials rotate <recipe> keeps the new password for its configs.`,
      });
    }
    const password = new Secret(given ? check(validators.sip_password, given, 'EXOTRUNK_SIP_PASSWORD') : generatePassword());
    const r = await engine.client.createCredential(trunkSidOf(engine, o), { userName, password, friendlyName });
    if (r.outcome === 'exists') throw new UserError(`A credential named ${userName} already exists on this trunk.`, { fix: 'Pick another username, or delete the old one first (credentials delete --id).' });
    return { id: r.data.id, userName, password: o.showSecrets ? password.reveal() : undefined, generated: !given };
  },
  (r) => green(`✓ Credential ${r.userName} created (id ${r.id}).`) + (r.generated ? `\nPassword (generated; shown this once): ${r.password}` : ''),
  true,
);

export const credentialsDelete = cmd(
  async (engine, o) => {
    if (!/^\d+$/.test(o.id ?? '')) throw new InputError(`Credential id "${o.id}" is not valid: it is the number shown by ${cliName()} credentials list.`);
    const sid = trunkSidOf(engine, o);
    // Exotel generated that one with the trunk; a setup may depend on it (sip_credential=exotel): only on purpose
    const listed = await engine.client.listCredentials(sid);
    const own = listed.find((c) => c.id === o.id && isExotelOwnCredential(c, sid));
    // Exotel's API reference lists its own credential without an id: an id not listed may well be that one
    const unlisted = !listed.some((c) => c.id === o.id) && listed.find((c) => !c.id && isExotelOwnCredential(c, sid));
    if ((own || unlisted) && !o.yes) {
      throw new InputError(own
        ? `Credential ${o.id} (${own.userName}) is the one Exotel generated with trunk ${sid}, not one exotrunk created.`
        : `Credential ${o.id} is not in the trunk's list, which shows the one Exotel generated with trunk ${sid} without an id: ${o.id} may be that one.`, { fix: 'Partner configs may use it: add --yes to delete it anyway.' });
    }
    await engine.client.deleteCredential(sid, o.id!);
    return { deleted: o.id };
  },
  (r) => green(`✓ Credential ${r.deleted} deleted`),
  true,
);

export const destinationsList = cmd(
  async (engine, o) => engine.client.listDestinations(trunkSidOf(engine, o)),
  (list: { id: string; destination: string }[]) => table(['id', 'destination'], list.map((d) => [d.id, d.destination])) + `\n${count(list.length, 'destination')}`,
);

export const destinationsAdd = cmd(
  async (engine, o, [uri]) => {
    const m = parseSipUri(uri);
    if (!m.host || m.user || m.params.length || /[?<>@]/.test(uri)) throw new InputError(`"${uri}" is not a destination URI: use host:port;transport=tls|tcp, e.g. sip.retellai.com:5060;transport=tcp.`);
    const host = check(validators.host, m.host, 'Destination host');
    if (m.portText === undefined) throw new InputError(`"${uri}" has no port: Exotel needs host:port;transport=…, e.g. ${host}:5061;transport=tls or ${host}:5060;transport=tcp.`);
    const port = check(validators.port, m.portText, 'Destination port');
    if (m.transportText === undefined) throw new InputError(`"${uri}" has no transport: add ;transport=tls or ;transport=tcp, e.g. ${host}:${port};transport=${port === '5061' ? 'tls' : 'tcp'}.`);
    const transport = check(validators.transport, m.transportText, 'Destination transport');
    const sid = trunkSidOf(engine, o);
    // Exotel refuses an IP destination that is not on the trunk's ACL (207 / 1002): check before sending.
    if (isIPv4(host) && !(await engine.client.listAcl(sid)).some((a) => a.ip === host)) {
      throw new InputError(`${host} is not on the trunk's ACL, and Exotel refuses an IP destination that is not whitelisted.`, {
        fix: `Whitelist it first (${cliName()} acl add ${host}${o.recipe ? ` --recipe ${o.recipe}` : ` --trunk-sid ${sid}`}), or use the partner's host name, which needs no ACL entry.`,
      });
    }
    const dest = formatSipUri({ host, port, transport });
    const [item] = await engine.client.addDestinations(sid, [dest]);
    if (!item.ok) {
      if (item.exists) return { exists: true, destination: withSip(dest) };
      throw item.error;
    }
    return item.data;
  },
  (d) => green(d.exists ? `✓ ${d.destination} was already a destination` : `✓ Destination ${d.destination} added (id ${d.id})`),
  true,
);

export const aliasSet = cmd(
  async (engine, o, [number]) => {
    const alias = check(validators.e164, number, 'Alias');
    const sid = trunkSidOf(engine, o);
    const items = await engine.client.setAlias(sid, alias);
    const bad = items.find((i) => !i.ok);
    if (bad && !bad.ok) throw bad.error;
    if (!items.length) throw new UserError(`Exotel answered the alias call for trunk ${sid} with no result for the setting, so it is unknown whether it was set.`, { fix: 'Run the same command again.' });
    // The API cannot read the alias back: the journal is what verify compares, so it must know.
    const owner = engine.ownerOf(sid, o.recipe);
    const before = owner?.resources.alias; // what apply set for the recipe
    if (owner) engine.recordAlias(owner.recipeId, alias);
    return { trunk_external_alias: alias, recordedFor: owner?.recipeId ?? null, recipeWants: before && before !== alias ? before : undefined };
  },
  (r) => green(`✓ trunk_external_alias = ${r.trunk_external_alias}`) + (r.recipeWants ? yellow(`\n! ${r.recordedFor} wants ${r.recipeWants} as caller ID: verify will report this, and apply ${r.recordedFor} would set it back.`) : ''),
  true,
);
