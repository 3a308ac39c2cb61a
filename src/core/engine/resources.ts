/**
 * One-off calls on a trunk's resources (the `trunk`, `numbers`, `acl`, `credentials`, `destinations` and `alias`
 * commands): every argument validated before a request is sent, the trunk taken from --trunk-sid or from a
 * recipe's journal, and what the journal must know (numbers mapped to a recipe's trunk, the alias) recorded.
 * The command prints what these return; none of them prints.
 */
import { InputError, UserError } from '../errors.js';
import { checkTrunkSid, isExotelOwnCredential } from '../exotel/client.js';
import { isNotFound } from '../exotel/error-table.js';
import type { AclEntry, Credential, Destination, NumberMapping, NumberMode, Trunk } from '../exotel/types.js';
import { mapNumbers, type BulkEvent, type BulkResult } from '../bulk/map-numbers.js';
import type { NumberRow } from '../bulk/numbers-csv.js';
import type { RunState } from '../journal/state-store.js';
import type { Validator } from '../rules/contract.js';
import { classifyIPv4, generatePassword, isIPv4, validators } from '../rules/validators.js';
import type { ValidatorName } from '../recipes/schema.js';
import { Secret } from '../secret.js';
import { formatSipUri, parseSipUri, withSip } from '../sip-uri.js';
import { cliName } from '../cli-name.js';
import type { Engine } from './engine.js';

/** Which trunk: given (--trunk-sid), or the one in a recipe's journal (--recipe, or the only run). */
export interface TrunkRef {
  trunkSid?: string;
  recipe?: string;
}

/** A value checked by its validator; a caveat (e.g. udp) goes to `warn`. */
export function checked(v: Validator | ValidatorName, raw: string, what: string, warn?: (text: string) => void): string {
  if (typeof v === 'string') v = validators[v];
  const r = v(raw);
  if (!r.ok) throw new InputError(`${what}: ${r.message}`);
  if (r.warning) warn?.(r.warning);
  return r.value;
}

export class Resources {
  constructor(private readonly engine: Engine) {}

  private get client() {
    return this.engine.client;
  }

  /** The trunk a command works on. */
  trunkSid(ref: TrunkRef): string {
    if (ref.trunkSid) return checkTrunkSid(ref.trunkSid);
    const run = this.engine.requireRun(ref.recipe);
    if (!run.trunkSid && this.engine.inputsFromState(run).skipTrunk) {
      throw new UserError(`${run.recipeId} is set up without an Exotel trunk (its answers chose a path that needs none), so there is nothing on a trunk to show or change.`, { fix: `To use a trunk, apply it again with the trunk path chosen (${cliName()} recipes show ${run.recipeId}), or pass --trunk-sid.` });
    }
    if (!run.trunkSid) throw new UserError(`${run.recipeId} has no trunk yet.`, { fix: `Run ${cliName()} apply ${run.recipeId}, or pass --trunk-sid.` });
    return run.trunkSid;
  }

  /** Exotel's "not found" for a trunk, said as a failure that names the sid (exit 1). */
  private notFound(sid: string, consequence: string): UserError {
    return new UserError(`Trunk ${sid} does not exist in Exotel account ${this.client.accountSid}: ${consequence}.`, {
      why: 'Exotel answers "not found" for a mistyped sid, a trunk already deleted, and a trunk of another account alike.',
      fix: 'Check the sid in the Exotel dashboard (Exotrunk Management) and the account SID / region.',
    });
  }

  async createTrunk(name: string): Promise<Trunk> {
    const trunkName = checked(validators.trunk_name, name, 'Trunk name');
    const r = await this.client.createTrunk({ trunkName });
    if (r.outcome === 'exists') {
      throw new UserError(`A trunk named ${trunkName} already exists in Exotel account ${this.engine.accountSid}: nothing was created.`, {
        why: 'Exotel keeps trunk names unique per account, and its API cannot list trunks to show that one.',
        fix: `Choose another name, or find its sid (trmum…) in the Exotel dashboard under Exotrunk Management and use it: ${cliName()} trunk show <sid>, or ${cliName()} apply <recipe> --trunk-sid <sid> to set a partner up on it.`,
      });
    }
    return r.data;
  }

  async showTrunk(ref: TrunkRef): Promise<Trunk> {
    const sid = this.trunkSid(ref);
    try {
      return await this.client.getTrunk(sid);
    } catch (e) {
      if (isNotFound(e)) throw this.notFound(sid, 'nothing to show');
      throw e;
    }
  }

  async deleteTrunk(sid: string, confirmed: boolean): Promise<Trunk> {
    this.trunkSid({ trunkSid: sid });
    // a trunk a run of this journal set up goes through teardown, which journals it (and its partner side)
    const owner = this.engine.runs().find((r) => r.trunkSid === sid && !r.tornDownAt);
    if (owner) {
      throw new InputError(`Trunk ${sid} is ${owner.recipeId}'s trunk in this state: deleting it here would leave the journal naming a trunk that is gone. Nothing was deleted.`, {
        fix: `Use ${cliName()} teardown ${owner.recipeId}: it deletes the credentials and the trunk (and the partner side made through its API), and records it.`,
      });
    }
    if (!confirmed) throw new InputError(`Deleting trunk ${sid} needs --yes.`, { fix: `Or use ${cliName()} teardown <recipe>, which also deletes its credentials.` });
    const deleted = await this.client.deleteTrunk(sid);
    // Exotel's failure envelope for an unknown sid must never read as a success
    if (!deleted) throw this.notFound(sid, 'nothing was deleted');
    return deleted;
  }

  listNumbers(ref: TrunkRef): Promise<NumberMapping[]> {
    return this.client.listNumbers(this.trunkSid(ref));
  }

  /**
   * Map one number; a number already there is "exists" (its mode kept: modeDiffers says so). A number on a
   * recipe's trunk is journaled for that recipe, so verify and apply want it too.
   */
  async mapNumber(ref: TrunkRef, number: string, mode?: NumberMode): Promise<{ outcome: 'created' | 'exists'; mapping: NumberMapping; owner?: string; modeDiffers: boolean }> {
    const phone = checked(validators.e164, number, 'Number');
    const sid = this.trunkSid(ref);
    const r = await this.client.mapNumber(sid, { phoneNumber: phone, mode });
    const n = r.outcome === 'created' ? r.data : (await this.client.listNumbers(sid)).find((x) => x.phoneNumber === phone);
    if (!n) throw new UserError(`Exotel says ${phone} already exists, but it is not on trunk ${sid}.`, { why: r.outcome === 'exists' ? r.error.message : undefined, fix: 'The number may be mapped to another trunk: check ExoPhones in the Exotel dashboard.' });
    const owner = this.engine.ownerOf(sid, ref.recipe);
    if (owner) this.engine.recordExtraNumbers(owner.recipeId, [n]);
    return { outcome: r.outcome, mapping: n, owner: owner?.recipeId, modeDiffers: r.outcome === 'exists' && mode !== undefined && (n.mode ?? 'pstn') !== mode };
  }

  /** Map many numbers at the account's rate limit (resumable); what ends up on a recipe's trunk is journaled for it. */
  async mapNumbers(ref: TrunkRef, rows: NumberRow[], opts: { onEvent?: (e: BulkEvent) => void; signal?: AbortSignal } = {}): Promise<BulkResult & { trunkSid: string; owner?: string }> {
    const sid = this.trunkSid(ref);
    const r = await mapNumbers(this.client, sid, rows, opts);
    const owner = this.engine.ownerOf(sid, ref.recipe);
    if (owner && r.onTrunk.length) this.engine.recordExtraNumbers(owner.recipeId, r.onTrunk);
    return { ...r, trunkSid: sid, owner: owner?.recipeId };
  }

  async setNumberMode(ref: TrunkRef, number: string, mode: string): Promise<NumberMapping> {
    const phone = checked(validators.e164, number, 'Number');
    if (mode !== 'pstn' && mode !== 'flow') throw new InputError(`Mode "${mode}" is not valid: use pstn (Connect / outbound) or flow (Voicebot / StreamKit).`);
    const sid = this.trunkSid(ref);
    const found = (await this.client.listNumbers(sid)).find((n) => n.phoneNumber === phone);
    if (!found) throw new UserError(`${phone} is not mapped to trunk ${sid}.`, { fix: `Map it first: ${cliName()} numbers add ${phone} --trunk-sid ${sid}` });
    return this.client.setNumberMode(sid, found.id, { phoneNumber: phone, mode });
  }

  listAcl(ref: TrunkRef): Promise<AclEntry[]> {
    return this.client.listAcl(this.trunkSid(ref));
  }

  /** Whitelist one public IPv4 (mask 32); `warning` when the recipe's trunk authenticates with digest. */
  async whitelistIp(ref: TrunkRef, ip: string): Promise<{ outcome: 'created' | 'exists'; ip: string; id?: string; warning?: string }> {
    // a range is refused here without the recipe's words ("this trunk will use SIP digest"): no rule runs here
    if (classifyIPv4(ip.trim()).range === 'cidr') throw new InputError(`ACL IP: ${JSON.stringify(ip.trim())} is an IP range, and Exotel whitelists single IPs only (mask 32): give one public IPv4 address such as 44.248.146.11, once per address.`, { fix: 'A partner that sends from a range cannot be whitelisted: its recipe uses SIP digest credentials instead.' });
    const addr = checked(validators.ipv4_public, ip, 'ACL IP');
    const sid = this.trunkSid(ref);
    const owner = this.engine.ownerOf(sid, ref.recipe);
    const warning = owner?.resources.credential && !Object.keys(owner.resources.acl).length
      ? `${owner.recipeId}'s trunk authenticates with SIP digest; an ACL entry as well mixes ACL and digest on one trunk, which Exotel advises against unless it approved the mix for your account.`
      : undefined;
    const r = await this.client.whitelistIp(sid, { ip: addr, mask: 32 });
    return r.outcome === 'created' ? { outcome: 'created', ip: r.data.ip, id: r.data.id, warning } : { outcome: 'exists', ip: addr, warning };
  }

  async listCredentials(ref: TrunkRef): Promise<(Pick<Credential, 'id' | 'userName' | 'friendlyName'> & { exotelOwn: boolean })[]> {
    const sid = this.trunkSid(ref);
    return (await this.client.listCredentials(sid)).map((c) => ({ id: c.id, userName: c.userName, friendlyName: c.friendlyName, exotelOwn: isExotelOwnCredential(c, sid) }));
  }

  /**
   * Create a credential with the given password, or a generated one, which is returned to be shown once (a
   * password nobody sees could never be used, so without `reveal` none is generated).
   */
  async addCredential(ref: TrunkRef, username: string, opts: { friendlyName?: string; password?: string; reveal: boolean }): Promise<{ id?: string; userName: string; password?: string; generated: boolean }> {
    const userName = checked(validators.sip_username, username, 'Username');
    const friendlyName = opts.friendlyName ? checked(validators.friendly_name, opts.friendlyName, 'Friendly name') : undefined;
    if (!opts.password && !opts.reveal) {
      throw new InputError('No password for the new credential: exotrunk would have to generate one, and without --show-secrets nobody would ever see it.', {
        fix: `Set EXOTRUNK_SIP_PASSWORD to the password the partner will use, or add --show-secrets to print the generated one once. For a recipe's own credential, ${cliName()} credentials rotate <recipe> keeps the new password for its configs.`,
      });
    }
    const password = new Secret(opts.password ? checked(validators.sip_password, opts.password, 'EXOTRUNK_SIP_PASSWORD') : generatePassword());
    const r = await this.client.createCredential(this.trunkSid(ref), { userName, password, friendlyName });
    if (r.outcome === 'exists') throw new UserError(`A credential named ${userName} already exists on this trunk.`, { fix: 'Pick another username, or delete the old one first (credentials delete --id).' });
    return { id: r.data.id, userName, password: opts.reveal ? password.reveal() : undefined, generated: !opts.password };
  }

  /** Delete a credential by id; Exotel's own one (generated with the trunk) only when `confirmed`. */
  async deleteCredential(ref: TrunkRef, id: string | undefined, confirmed: boolean): Promise<{ deleted: string }> {
    if (!/^\d+$/.test(id ?? '')) throw new InputError(`Credential id "${id}" is not valid: it is the number shown by ${cliName()} credentials list.`);
    const sid = this.trunkSid(ref);
    // Exotel generated that one with the trunk; a setup may depend on it (sip_credential=exotel): only on purpose
    const listed = await this.client.listCredentials(sid);
    const own = listed.find((c) => c.id === id && isExotelOwnCredential(c, sid));
    // Exotel's API reference lists its own credential without an id: an id not listed may well be that one
    const unlisted = !listed.some((c) => c.id === id) && listed.find((c) => !c.id && isExotelOwnCredential(c, sid));
    if ((own || unlisted) && !confirmed) {
      throw new InputError(own
        ? `Credential ${id} (${own.userName}) is the one Exotel generated with trunk ${sid}, not one exotrunk created.`
        : `Credential ${id} is not in the trunk's list, which shows the one Exotel generated with trunk ${sid} without an id: ${id} may be that one.`, { fix: 'Partner configs may use it: add --yes to delete it anyway.' });
    }
    if (!own && !unlisted && !listed.some((c) => c.id === id)) {
      const ids = listed.filter((c) => c.id).map((c) => `${c.id} (${c.userName})`);
      throw new UserError(`Trunk ${sid} has no credential with id ${id}: nothing was deleted.`, { fix: ids.length ? `Its credentials: ${ids.join(', ')} (${cliName()} credentials list).` : `It has no credential to delete (${cliName()} credentials list).` });
    }
    await this.client.deleteCredential(sid, id!);
    return { deleted: id! };
  }

  listDestinations(ref: TrunkRef): Promise<Destination[]> {
    return this.client.listDestinations(this.trunkSid(ref));
  }

  /** Add host:port;transport=… (sip: allowed); an IP destination must be whitelisted first, as Exotel requires. */
  async addDestination(ref: TrunkRef, uri: string, warn?: (text: string) => void): Promise<Destination | { exists: true; destination: string }> {
    const m = parseSipUri(uri);
    if (!m.host || m.user || m.params.length || /[?<>@]/.test(uri)) throw new InputError(`"${uri}" is not a destination URI: use host:port;transport=tls|tcp, e.g. sip.retellai.com:5060;transport=tcp.`);
    const host = checked(validators.host, m.host, 'Destination host', warn);
    if (m.portText === undefined) throw new InputError(`"${uri}" has no port: Exotel needs host:port;transport=…, e.g. ${host}:5061;transport=tls or ${host}:5060;transport=tcp.`);
    const port = checked(validators.port, m.portText, 'Destination port', warn);
    if (m.transportText === undefined) throw new InputError(`"${uri}" has no transport: add ;transport=tls or ;transport=tcp, e.g. ${host}:${port};transport=${port === '5061' ? 'tls' : 'tcp'}.`);
    const transport = checked(validators.transport, m.transportText, 'Destination transport', warn);
    const sid = this.trunkSid(ref);
    // Exotel refuses an IP destination that is not on the trunk's ACL (207 / 1002): check before sending.
    if (isIPv4(host) && !(await this.client.listAcl(sid)).some((a) => a.ip === host)) {
      throw new InputError(`${host} is not on the trunk's ACL, and Exotel refuses an IP destination that is not whitelisted.`, {
        fix: `Whitelist it first (${cliName()} acl add ${host}${ref.recipe ? ` --recipe ${ref.recipe}` : ` --trunk-sid ${sid}`}), or use the partner's host name, which needs no ACL entry.`,
      });
    }
    const dest = formatSipUri({ host, port, transport });
    const [item] = await this.client.addDestinations(sid, [dest]);
    if (!item!.ok) {
      if (item!.exists) return { exists: true, destination: withSip(dest) };
      throw item!.error;
    }
    return item!.data;
  }

  /** Set the caller-ID alias; journaled for the recipe whose trunk it is (the API has no read for it). */
  async setAlias(ref: TrunkRef, number: string): Promise<{ trunk_external_alias: string; recordedFor: string | null; recipeWants?: string }> {
    const alias = checked(validators.e164, number, 'Alias');
    const sid = this.trunkSid(ref);
    const items = await this.client.setAlias(sid, alias);
    const bad = items.find((i) => !i.ok);
    if (bad && !bad.ok) throw bad.error;
    if (!items.length) throw new UserError(`Exotel answered the alias call for trunk ${sid} with no result for the setting, so it is unknown whether it was set.`, { fix: 'Run the same command again.' });
    const owner: RunState | undefined = this.engine.ownerOf(sid, ref.recipe);
    const before = owner?.resources.alias; // what apply set for the recipe
    if (owner) this.engine.recordAlias(owner.recipeId, alias);
    return { trunk_external_alias: alias, recordedFor: owner?.recipeId ?? null, recipeWants: before && before !== alias ? before : undefined };
  }
}
