/**
 * One-off resource commands. The engine validates every argument before a request is sent and takes the trunk
 * from --trunk-sid or from a recipe's journal (core/engine/resources.ts); these print what comes back.
 */
import type { OptionValues } from 'commander';
import type { Engine, TrunkRef, Trunk } from '../core/engine/types.js';
import { InputError, TRUNK_FIELD_SOURCES, trunkFields } from '../core/engine/index.js';
import { commandLine, withEngine } from './context.js';
import { dim, err, green, json, out, table, yellow } from './format.js';
import { count } from '../present/words.js';
import { globalsOf, text, trunkFlagsOf, type Globals } from './options.js';

type Cmd = (args: unknown[], o: OptionValues) => Promise<number>;
type Ctx = { g: Globals; where: TrunkRef; o: OptionValues; warn: (t: string) => void };

/**
 * Open the engine and call; print JSON or the text. A command that changes the trunk (`writes`) holds the state
 * directory's lock, as apply does: the journal describes that trunk, and a change beside a running apply or
 * teardown is how records get lost.
 */
const cmd = <R>(body: (engine: Engine, c: Ctx, args: string[]) => Promise<R>, show: (r: R) => string, writes = false): Cmd =>
  async (args, o) => {
    const g = globalsOf(o);
    const warn = (t: string) => err(yellow(`! ${t}`));
    return withEngine(g, async (engine) => {
      // an optional positional left out arrives as undefined: drop it rather than pass the string "undefined"
      const r = await body(engine, { g, where: trunkFlagsOf(o), o, warn }, args.filter((x) => x !== undefined).map(String));
      if (g.json) json(r);
      else out(show(r));
      return 0;
    }, writes ? { writes: { resume: commandLine() } } : {});
  };

export const trunkCreate = cmd(
  (engine, _c, [name]) => engine.resources.createTrunk(name!),
  (t) => green(`✓ Trunk ${t.trunkName} created: ${t.trunkSid} (domain ${t.domainName})`),
  true,
);

export const trunkShow = cmd(
  async (engine, { where }, [sid]) => {
    if (sid !== undefined && where.trunkSid !== undefined && sid !== where.trunkSid) throw new InputError(`Two trunks named: ${sid} and --trunk-sid ${where.trunkSid}. Give one.`);
    return engine.resources.showTrunk({ ...where, trunkSid: sid ?? where.trunkSid });
  },
  (t: Trunk) =>
    table(['field', 'value', 'what it means; how it changes'], trunkFields(t).map((f) => [f.field, f.value ?? '(not returned)', f.note])) +
    (t.dateCreated ? dim(`\ncreated ${t.dateCreated}${t.dateUpdated && t.dateUpdated !== t.dateCreated ? `, updated ${t.dateUpdated}` : ''}`) : '') +
    dim(`\nSources: ${TRUNK_FIELD_SOURCES.join('; ')}.`),
);

export const trunkDelete = cmd(
  (engine, { g }, [sid]) => engine.resources.deleteTrunk(sid!, g.yes),
  (t) => green(`✓ Trunk ${t.trunkName ? `${t.trunkName} (${t.trunkSid})` : t.trunkSid} deleted`),
  true,
);

export const numbersList = cmd(
  (engine, { where }) => engine.resources.listNumbers(where),
  (list) => table(['id', 'number', 'mode'], list.map((n) => [n.id, n.phoneNumber, n.mode ?? 'null (pstn)'])) + `\n${count(list.length, 'number')}`,
);

export const numbersSetMode = cmd(
  (engine, { where }, [number, mode]) => engine.resources.setNumberMode(where, number!, mode!),
  (n) => green(`✓ ${n.phoneNumber} (id ${n.id}) is now mode ${n.mode}`),
  true,
);

export const aclList = cmd(
  (engine, { where }) => engine.resources.listAcl(where),
  (list) => table(['id', 'ip'], list.map((a) => [a.id, `${a.ip}/${a.mask}`])) + `\n${count(list.length, 'entry', 'entries')}`,
);

export const aclAdd = cmd(
  async (engine, { where, warn }, [ip]) => {
    const { warning, ...r } = await engine.resources.whitelistIp(where, ip!);
    if (warning) warn(warning);
    return r;
  },
  (r) => green(r.outcome === 'created' ? `✓ Whitelisted ${r.ip}/32 (id ${r.id})` : `✓ ${r.ip} was already whitelisted`),
  true,
);

export const credentialsList = cmd(
  (engine, { where }) => engine.resources.listCredentials(where),
  (list) =>
    table(['id', 'username', 'friendly name'], list.map((c) => [c.id ?? '', c.userName, c.exotelOwn ? "(Exotel's own, generated with the trunk)" : c.friendlyName ?? ''])) + `\n${count(list.length, 'credential')}; passwords are never shown`,
);

export const credentialsAdd = cmd(
  (engine, { g, where, o }, [username]) => engine.resources.addCredential(where, username!, { friendlyName: text(o, 'friendlyName'), password: process.env.EXOTRUNK_SIP_PASSWORD || undefined, reveal: g.showSecrets }),
  (r) => green(`✓ Credential ${r.userName} created (id ${r.id}).`) + (r.generated ? `\nPassword (generated; shown this once): ${r.password}` : ''),
  true,
);

export const credentialsDelete = cmd(
  (engine, { g, where, o }) => engine.resources.deleteCredential(where, text(o, 'id'), g.yes),
  (r) => green(`✓ Credential ${r.deleted} deleted`),
  true,
);

export const destinationsList = cmd(
  (engine, { where }) => engine.resources.listDestinations(where),
  (list) => table(['id', 'destination'], list.map((d) => [d.id, d.destination])) + `\n${count(list.length, 'destination')}`,
);

export const destinationsAdd = cmd(
  (engine, { where, warn }, [uri]) => engine.resources.addDestination(where, uri!, warn),
  (d) => green('exists' in d ? `✓ ${d.destination} was already a destination` : `✓ Destination ${d.destination} added (id ${d.id})`),
  true,
);

export const aliasSet = cmd(
  (engine, { where }, [number]) => engine.resources.setAlias(where, number!),
  (r) => green(`✓ trunk_external_alias = ${r.trunk_external_alias}`) + (r.recipeWants ? yellow(`\n! ${r.recordedFor} wants ${r.recipeWants} as caller ID: verify will report this, and apply ${r.recordedFor} would set it back.`) : ''),
  true,
);

