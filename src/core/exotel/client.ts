/**
 * The Exotel trunk API client: the requests of wire.ts out, camelCase domain objects in. HTTP, retries and the
 * rate limit live in transport.ts; envelope reading in interpret.ts.
 */
import type { z } from 'zod';
import { InputError, UserError } from '../errors.js';
import { Secret } from '../secret.js';
import { checkBaseUrl } from './base-url.js';
import {
  aclDataSchema,
  credentialDataSchema,
  credentialPairSchema,
  destinationDataSchema,
  itemFailed,
  numberDataSchema,
  settingDataSchema,
  trunkDataSchema,
} from './envelopes.js';
import { isDuplicateError, isNotFound, makeApiError } from './error-table.js';
import { apiError, parseData, readListPage, readMultiStatus, readSingle, type CallSite } from './interpret.js';
import { Transport, type HttpAnswer, type HttpMethod, type TransportOptions } from './transport.js';
import { wire, type WireRequest } from './wire.js';
import { cliName } from '../cli-name.js';
import type {
  AclEntry,
  Credential,
  Destination,
  ExotelClient,
  ExotelClientConfig,
  ItemResult,
  NumberMapping,
  NumberMode,
  Trunk,
  TrunkSetting,
  WriteResult,
} from './types.js';

export const TRUNK_NAME_RE = /^[A-Za-z0-9_]{1,16}$/;
/** Trunk sids as Exotel shows them: lower-case letters and digits, e.g. trmum1f708622631150902801a1n. */
export const TRUNK_SID_RE = /^[a-z0-9]{6,64}$/;

/** A malformed sid is refused before any request (it would only come back as a confusing 404). */
export function checkTrunkSid(sid: string, what = 'trunk sid'): string {
  if (!TRUNK_SID_RE.test(sid)) {
    throw new InputError(`"${sid}" does not look like a ${what}.`, {
      why: 'Exotel trunk sids are lower-case letters and digits (6 to 64), e.g. trmum1a2b3c4d5e6f7890123456.',
      fix: `Copy the sid from the Exotel dashboard (ExoTrunk Management, "ID: …" under the trunk name) or from ${cliName()} apply's output.`,
    });
  }
  return sid;
}

/**
 * Exotel's own credential: the one seed 000's "Get Credentials" example returns, with username = the trunk sid and
 * a password Exotel generated. The project's first reading of the sources (its fact sheet) had every credential
 * created through the API; a trunk can carry this one that nobody created, so it is never drift and never deleted.
 */
export function isExotelOwnCredential(c: { userName: string; exotelOwn?: boolean }, trunkSid: string): boolean {
  return c.exotelOwn === true || c.userName === trunkSid;
}
/**
 * Guard against a server that keeps handing out next pages: 1000 pages is 50,000 items at Exotel's page size
 * of 50, far beyond one trunk's numbers. Reaching it, or a link seen before, is an error: a list cut short
 * and reported as complete would make verify and apply decide on half the data.
 */
const MAX_PAGES = 1000;

export function createExotelClient(cfg: ExotelClientConfig): ExotelClient {
  return new HttpExotelClient(cfg);
}

/**
 * The client: the generic envelope calls (create, single, list, multi-status) in private methods, and one short
 * method per endpoint, each with its request from wire.ts.
 */
class HttpExotelClient implements ExotelClient {
  readonly accountSid: string;
  readonly baseUrl: string;
  private readonly origin: URL;
  private readonly t: Transport;
  /** /v2/accounts/{sid} below the base URL's own path */
  private readonly prefix: string;

  constructor(cfg: ExotelClientConfig) {
    const baseUrl = checkBaseUrl(cfg.baseUrl);
    if (!cfg.accountSid) throw new UserError('An Exotel account SID is required.', { fix: 'Set EXOTEL_ACCOUNT_SID.' });
    this.accountSid = cfg.accountSid;
    this.baseUrl = baseUrl.href.replace(/\/+$/, '');
    this.origin = baseUrl;
    this.t = new Transport(transportOptions(cfg, baseUrl));
    this.prefix = `${baseUrl.pathname.replace(/\/+$/, '')}/v2/accounts/${encodeURIComponent(cfg.accountSid)}`;
  }

  private async call(req: WireRequest | { method: HttpMethod; path: string; body?: unknown; absolute: true }): Promise<{ ans: HttpAnswer; at: CallSite }> {
    const path = 'absolute' in req ? req.path : this.prefix + req.path;
    const ans = await this.t.send(req.method, path, req.body);
    return { ans, at: { method: req.method, path, redact: (s) => this.t.redact(s) } };
  }

  /** A create call: created, or "exists" for any of the duplicate signals; other failures throw. */
  private async create<S extends z.ZodType, T>(req: WireRequest, schema: S, toDomain: (d: z.output<S>) => T): Promise<WriteResult<T>> {
    const { ans, at } = await this.call(req);
    const r = readSingle(ans, at);
    if (!r.ok) {
      if (isDuplicateError(r.error)) return { outcome: 'exists', error: r.error };
      throw r.error;
    }
    return { outcome: 'created', data: toDomain(parseData(schema, r.data, ans, at)), requestId: r.requestId };
  }

  private async single<S extends z.ZodType>(req: WireRequest, schema: S): Promise<z.output<S>> {
    const { ans, at } = await this.call(req);
    const r = readSingle(ans, at);
    if (!r.ok) throw r.error;
    return parseData(schema, r.data, ans, at);
  }

  /**
   * Every item of a paginated list, following metadata.next_page_uri (a path+query) until null.
   * `first` is an answer already fetched for `req` (credentials GET peeks at the shape first).
   */
  private async listAll(req: WireRequest, first?: { ans: HttpAnswer; at: CallSite }): Promise<{ items: unknown[]; ans: HttpAnswer; at: CallSite }[]> {
    const pages: { items: unknown[]; ans: HttpAnswer; at: CallSite }[] = [];
    const seen = new Set<string>();
    let next: string | null = this.prefix + req.path;
    while (next) {
      if (seen.has(next) || pages.length >= MAX_PAGES) throw endlessList(next, seen.has(next), pages[pages.length - 1]!.ans.status, this.prefix + req.path);
      seen.add(next);
      const { ans, at }: { ans: HttpAnswer; at: CallSite } = first ?? (await this.call({ method: 'GET', path: next, absolute: true }));
      first = undefined;
      const page = readListPage(ans, at);
      pages.push({ items: page.items, ans, at });
      next = page.nextPageUri ? this.sameOriginPath(page.nextPageUri, at, ans) : null;
    }
    return pages;
  }

  private sameOriginPath(uri: string, at: CallSite, ans: HttpAnswer): string {
    const u = new URL(uri, this.origin);
    // never send the Authorization header to a host the user did not configure
    if (u.origin !== this.origin.origin) {
      throw makeApiError({ httpStatus: ans.status, message: `Exotel's next_page_uri points to another host (${u.origin}); refusing to follow it`, method: at.method, path: at.path });
    }
    return u.pathname + u.search;
  }

  private async list<S extends z.ZodType, T>(req: WireRequest, schema: S, toDomain: (d: z.output<S>) => T): Promise<T[]> {
    const out: T[] = [];
    for (const page of await this.listAll(req)) {
      for (const d of page.items) out.push(toDomain(parseData(schema, d, page.ans, page.at)));
    }
    return out;
  }

  private async multi<S extends z.ZodType, T>(req: WireRequest, schema: S, toDomain: (d: z.output<S>) => T): Promise<ItemResult<T>[]> {
    const { ans, at } = await this.call(req);
    return readMultiStatus(ans, at).map((item): ItemResult<T> => {
      if (itemFailed(item)) {
        const error = apiError(ans, at, item);
        return { ok: false, exists: isDuplicateError(error), error };
      }
      return { ok: true, data: toDomain(parseData(schema, item.data, ans, at)) };
    });
  }

  async createTrunk({ trunkName }: { trunkName: string }): Promise<WriteResult<Trunk>> {
    if (!TRUNK_NAME_RE.test(trunkName)) {
      throw new InputError(`Invalid trunk name "${trunkName}".`, { why: 'Exotel accepts letters, digits and underscore only, at most 16 characters.', fix: 'Pick a name like voiceai_out_01.' });
    }
    return this.create(wire.createTrunk(this.accountSid, trunkName), trunkDataSchema, toTrunk);
  }

  async getTrunk(trunkSid: string): Promise<Trunk> {
    // Exotel's SIP trunking guide ("Verify (GET)") and its AgentStream-VoiceAIEcosystem trunk API snippets show
    // this call; the project's first reading of the sources said a single trunk could not be read.
    checkTrunkSid(trunkSid);
    return toTrunk(await this.single(wire.getTrunk(q(trunkSid)), trunkDataSchema));
  }

  async deleteTrunk(trunkSid: string): Promise<Trunk | null> {
    const { ans, at } = await this.call(wire.deleteTrunk(q(trunkSid)));
    const r = readSingle(ans, at);
    if (!r.ok) {
      // already gone: the caller decides whether that is fine (teardown) or an error (trunk delete)
      if (isNotFound(r.error)) return null;
      throw r.error;
    }
    // deleted: an answer without the documented trunk record still means it is gone
    const parsed = trunkDataSchema.safeParse(r.data);
    return parsed.success ? toTrunk(parsed.data) : { trunkSid, trunkName: '', domainName: '' };
  }

  mapNumber(trunkSid: string, { phoneNumber, mode }: { phoneNumber: string; mode?: NumberMode }): Promise<WriteResult<NumberMapping>> {
    return this.create(wire.mapNumber(q(trunkSid), phoneNumber, mode), numberDataSchema, (d) => toNumber(d, trunkSid));
  }

  async setNumberMode(trunkSid: string, id: string, { phoneNumber, mode }: { phoneNumber: string; mode: NumberMode }): Promise<NumberMapping> {
    return toNumber(await this.single(wire.setNumberMode(q(trunkSid), q(id), phoneNumber, mode), numberDataSchema), trunkSid);
  }

  listNumbers(trunkSid: string): Promise<NumberMapping[]> {
    return this.list(wire.listNumbers(q(trunkSid)), numberDataSchema, (d) => toNumber(d, trunkSid));
  }

  whitelistIp(trunkSid: string, { ip }: { ip: string; mask?: 32 }): Promise<WriteResult<AclEntry>> {
    return this.create(wire.whitelistIp(q(trunkSid), ip), aclDataSchema, (d) => toAcl(d, trunkSid));
  }

  listAcl(trunkSid: string): Promise<AclEntry[]> {
    return this.list(wire.listAcl(q(trunkSid)), aclDataSchema, (d) => toAcl(d, trunkSid));
  }

  async createCredential(trunkSid: string, { userName, password, friendlyName }: { userName: string; password: Secret; friendlyName?: string }): Promise<WriteResult<Credential>> {
    this.t.addSecret(password);
    const { ans, at } = await this.call(wire.createCredential(q(trunkSid), userName, password.reveal(), friendlyName));
    const r = readSingle(ans, at);
    if (!r.ok) {
      if (isDuplicateError(r.error)) return { outcome: 'exists', error: r.error };
      throw r.error;
    }
    // the SIP trunking guide's create example is malformed around `data`; fall back to what we sent
    const parsed = credentialDataSchema.safeParse(r.data);
    const data: Credential = parsed.success ? toCredential(parsed.data, trunkSid) : { userName, friendlyName: friendlyName ?? null, trunkSid };
    return { outcome: 'created', data, requestId: r.requestId };
  }

  async listCredentials(trunkSid: string): Promise<Credential[]> {
    const keep = (p: Secret) => this.t.addSecret(p);
    const req = wire.listCredentials(q(trunkSid));
    const { ans, at } = await this.call(req);
    const response = (ans.json as { response?: unknown } | undefined)?.response;
    if (Array.isArray(response)) {
      // the SIP trunking guide's list shape (possibly paginated) or the empty `response: []`
      const pages = await this.listAll(req, { ans, at });
      return pages.flatMap((p) => p.items.map((d) => credentialFrom(d, p.ans, p.at, trunkSid, keep)));
    }
    // the API reference's single shape: {response: {data: {username, password}}}
    const r = readSingle(ans, at);
    if (!r.ok) throw r.error;
    if (r.data === null || r.data === undefined) return [];
    if (Array.isArray(r.data)) return r.data.map((d) => credentialFrom(d, ans, at, trunkSid, keep));
    return [credentialFrom(r.data, ans, at, trunkSid, keep)];
  }

  async deleteCredential(trunkSid: string, id: string): Promise<void> {
    const { ans, at } = await this.call(wire.deleteCredential(q(trunkSid), q(id)));
    const r = readSingle(ans, at);
    if (!r.ok) throw r.error;
  }

  addDestinations(trunkSid: string, destinations: string[]): Promise<ItemResult<Destination>[]> {
    return this.multi(wire.addDestinations(q(trunkSid), destinations), destinationDataSchema, (d) => toDestination(d, trunkSid));
  }

  listDestinations(trunkSid: string): Promise<Destination[]> {
    return this.list(wire.listDestinations(q(trunkSid)), destinationDataSchema, (d) => toDestination(d, trunkSid));
  }

  setAlias(trunkSid: string, alias: string): Promise<ItemResult<TrunkSetting>[]> {
    return this.multi(wire.setAlias(q(trunkSid), alias), settingDataSchema, (d): TrunkSetting => ({ name: d.name, value: d.value }));
  }

  close(): Promise<void> {
    return this.t.close();
  }
}

const q = encodeURIComponent;

function transportOptions(cfg: ExotelClientConfig, baseUrl: URL): TransportOptions {
  return {
    baseUrl,
    accountSid: cfg.accountSid,
    apiKey: cfg.apiKey || cfg.accountSid,
    apiToken: cfg.apiToken,
    rateLimitPerMinute: positive(cfg.rateLimitPerMinute, 200, 'rateLimitPerMinute'),
    rateWindowMs: positive(cfg.rateWindowMs, 60_000, 'rateWindowMs'),
    maxConnections: positive(cfg.maxConnections, 50, 'maxConnections'),
    timeoutMs: positive(cfg.timeoutMs, 15_000, 'timeoutMs'),
    maxAttempts: positive(cfg.maxAttempts, 5, 'maxAttempts'),
    backoffBaseMs: cfg.backoffBaseMs ?? 500,
    log: cfg.log,
    onRetry: cfg.onRetry,
    onRateWait: cfg.onRateWait,
    signal: cfg.signal,
    retryBudgetMs: cfg.retryBudgetMs ?? 60_000,
    maxBodyBytes: cfg.maxBodyBytes ?? 10 * 1024 * 1024,
  };
}

/** A list that would never end: a next page seen before, or more pages than any trunk has. */
function endlessList(next: string, loops: boolean, httpStatus: number, path: string) {
  return makeApiError({
    httpStatus,
    message: loops
      ? `Exotel's list pagination loops: next_page_uri ${next} was already read; refusing to read it again (the list would never end)`
      : `Exotel's list has more than ${MAX_PAGES} pages (next_page_uri keeps coming); stopping instead of returning a partial list`,
    method: 'GET',
    path,
  });
}

function positive(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (!Number.isFinite(v) || v <= 0) throw new InputError(`${name} must be a positive number, got ${v}.`);
  return v;
}

function credentialFrom(d: unknown, ans: HttpAnswer, at: CallSite, trunkSid: string, addSecret: (s: Secret) => void): Credential {
  const pair = credentialPairSchema.safeParse(d);
  if (pair.success) {
    // seed 000's shape is Exotel's own credential (username = the trunk sid, a password Exotel generated)
    const c: Credential = { userName: pair.data.username, trunkSid, exotelOwn: true };
    if (pair.data.password) {
      c.password = new Secret(pair.data.password);
      addSecret(c.password); // masked in every later log line and error message
    }
    return c;
  }
  const c = toCredential(parseData(credentialDataSchema, d, ans, at), trunkSid);
  return isExotelOwnCredential(c, trunkSid) ? { ...c, exotelOwn: true } : c;
}

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function toTrunk(d: z.output<typeof trunkDataSchema>): Trunk {
  const t: Trunk = { trunkSid: d.trunk_sid, trunkName: d.trunk_name ?? '', domainName: d.domain_name ?? '' };
  const fields: [keyof Trunk, string | null | undefined][] = [
    ['status', d.status],
    ['authType', d.auth_type],
    ['registrationEnabled', d.registration_enabled],
    ['edgePreference', d.edge_preference],
    ['nsoCode', d.nso_code],
    ['secureTrunking', d.secure_trunking],
    ['dateCreated', d.date_created],
    ['dateUpdated', d.date_updated],
  ];
  for (const [k, v] of fields) if (v !== null && v !== undefined) (t as unknown as Record<string, string>)[k] = v;
  return t;
}

function toNumber(d: z.output<typeof numberDataSchema>, trunkSid: string): NumberMapping {
  return {
    id: d.id,
    phoneNumber: d.phone_number,
    trunkSid: d.trunk_sid ?? trunkSid,
    mode: d.mode ?? null,
    dateCreated: opt(d.date_created),
    dateUpdated: opt(d.date_updated),
  };
}

function toAcl(d: z.output<typeof aclDataSchema>, trunkSid: string): AclEntry {
  return { id: d.id, ip: d.ip, mask: d.mask ?? 32, trunkSid: d.trunk_sid ?? trunkSid, friendlyName: d.friendly_name };
}

function toCredential(d: z.output<typeof credentialDataSchema>, trunkSid: string): Credential {
  return {
    id: opt(d.id),
    userName: d.user_name,
    friendlyName: d.friendly_name,
    trunkSid: d.trunk_sid ?? trunkSid,
  };
}

function toDestination(d: z.output<typeof destinationDataSchema>, trunkSid: string): Destination {
  return {
    id: d.id,
    destination: d.destination,
    trunkSid: d.trunk_sid ?? trunkSid,
    type: opt(d.type),
    priority: opt(d.priority),
    weight: opt(d.weight),
  };
}
