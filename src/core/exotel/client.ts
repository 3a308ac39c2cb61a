/**
 * The Exotel trunk API client: endpoints and paths exactly as exotel-facts.md "Endpoints"; wire format in,
 * camelCase domain objects out. HTTP, retries and the rate limit live in transport.ts; envelope reading in
 * interpret.ts.
 */
import type { z } from 'zod';
import { InputError, UserError } from '../errors.js';
import { Secret } from '../secret.js';
import { checkBaseUrl } from './base-url.js';
import { bareSipUri } from '../sip-uri.js';
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
import { Transport, type HttpAnswer, type HttpMethod } from './transport.js';
import { cliName } from '../cli-name.js';
import type {
  AclEntry,
  Credential,
  Destination,
  ExotelClient,
  ExotelClientConfig,
  ItemResult,
  NumberMapping,
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
  const baseUrl = checkBaseUrl(cfg.baseUrl);
  if (!cfg.accountSid) throw new UserError('An Exotel account SID is required.', { fix: 'Set EXOTEL_ACCOUNT_SID.' });
  const t = new Transport({
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
  });
  const prefix = `${baseUrl.pathname.replace(/\/+$/, '')}/v2/accounts/${encodeURIComponent(cfg.accountSid)}`;
  const trunkPath = (sid: string, sub: string) => `${prefix}/trunks/${encodeURIComponent(sid)}/${sub}`;
  const q = encodeURIComponent;

  async function call(method: HttpMethod, path: string, body?: unknown): Promise<{ ans: HttpAnswer; at: CallSite }> {
    const ans = await t.send(method, path, body);
    return { ans, at: { method, path, redact: (s) => t.redact(s) } };
  }

  /** A create call: created, or "exists" for any of the duplicate signals; other failures throw. */
  async function create<S extends z.ZodType, T>(
    path: string,
    body: unknown,
    schema: S,
    toDomain: (d: z.output<S>) => T,
  ): Promise<WriteResult<T>> {
    const { ans, at } = await call('POST', path, body);
    const r = readSingle(ans, at);
    if (!r.ok) {
      if (isDuplicateError(r.error)) return { outcome: 'exists', error: r.error };
      throw r.error;
    }
    return { outcome: 'created', data: toDomain(parseData(schema, r.data, ans, at)), requestId: r.requestId };
  }

  async function single<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, body?: unknown) {
    const { ans, at } = await call(method, path, body);
    const r = readSingle(ans, at);
    if (!r.ok) throw r.error;
    return parseData(schema, r.data, ans, at);
  }

  /**
   * Every item of a paginated list, following metadata.next_page_uri (a path+query) until null.
   * `first` is an answer already fetched for `path` (credentials GET peeks at the shape first).
   */
  async function listAll(
    path: string,
    first?: { ans: HttpAnswer; at: CallSite },
  ): Promise<{ items: unknown[]; ans: HttpAnswer; at: CallSite }[]> {
    const pages: { items: unknown[]; ans: HttpAnswer; at: CallSite }[] = [];
    const seen = new Set<string>();
    let next: string | null = path;
    while (next) {
      if (seen.has(next) || pages.length >= MAX_PAGES) {
        const last = pages[pages.length - 1];
        throw makeApiError({
          httpStatus: last.ans.status,
          message: seen.has(next)
            ? `Exotel's list pagination loops: next_page_uri ${next} was already read; refusing to read it again (the list would never end)`
            : `Exotel's list has more than ${MAX_PAGES} pages (next_page_uri keeps coming); stopping instead of returning a partial list`,
          method: 'GET',
          path,
        });
      }
      seen.add(next);
      const { ans, at }: { ans: HttpAnswer; at: CallSite } = first ?? (await call('GET', next));
      first = undefined;
      const page = readListPage(ans, at);
      pages.push({ items: page.items, ans, at });
      next = page.nextPageUri ? sameOriginPath(page.nextPageUri, at, ans) : null;
    }
    return pages;
  }

  function sameOriginPath(uri: string, at: CallSite, ans: HttpAnswer): string {
    const u = new URL(uri, baseUrl);
    // never send the Authorization header to a host the user did not configure
    if (u.origin !== baseUrl.origin) {
      throw makeApiError({
        httpStatus: ans.status,
        message: `Exotel's next_page_uri points to another host (${u.origin}); refusing to follow it`,
        method: at.method,
        path: at.path,
      });
    }
    return u.pathname + u.search;
  }

  async function list<S extends z.ZodType, T>(path: string, schema: S, toDomain: (d: z.output<S>) => T): Promise<T[]> {
    const out: T[] = [];
    for (const page of await listAll(path)) {
      for (const d of page.items) out.push(toDomain(parseData(schema, d, page.ans, page.at)));
    }
    return out;
  }

  async function multi<S extends z.ZodType, T>(
    path: string,
    body: unknown,
    schema: S,
    toDomain: (d: z.output<S>) => T,
  ): Promise<ItemResult<T>[]> {
    const { ans, at } = await call('POST', path, body);
    return readMultiStatus(ans, at).map((item): ItemResult<T> => {
      if (itemFailed(item)) {
        const error = apiError(ans, at, item);
        return { ok: false, exists: isDuplicateError(error), error };
      }
      return { ok: true, data: toDomain(parseData(schema, item.data, ans, at)) };
    });
  }

  return {
    accountSid: cfg.accountSid,
    baseUrl: baseUrl.href.replace(/\/+$/, ''),

    async createTrunk({ trunkName }) {
      if (!TRUNK_NAME_RE.test(trunkName)) {
        throw new InputError(`Invalid trunk name "${trunkName}".`, {
          why: 'Exotel accepts letters, digits and underscore only, at most 16 characters.',
          fix: 'Pick a name like voiceai_out_01.',
        });
      }
      return create(
        `${prefix}/trunks`,
        { trunk_name: trunkName, nso_code: 'ANY-ANY', domain_name: `${cfg.accountSid}.pstn.exotel.com` },
        trunkDataSchema,
        toTrunk,
      );
    },

    async getTrunk(trunkSid) {
      // The project's fact sheet first said a single trunk cannot be read. Seed 002 §2.1 "Verify (GET)" (cut short
      // there) and Exotel's AgentStream-VoiceAIEcosystem docs/support/_exotel-trunk-api-snippets.md show this call.
      checkTrunkSid(trunkSid);
      return toTrunk(await single('GET', `${prefix}/trunks/${q(trunkSid)}`, trunkDataSchema));
    },

    async deleteTrunk(trunkSid) {
      const { ans, at } = await call('DELETE', `${prefix}/trunks?trunk_sid=${q(trunkSid)}`);
      const r = readSingle(ans, at);
      if (!r.ok) {
        // already gone: the caller decides whether that is fine (teardown) or an error (trunk delete)
        if (isNotFound(r.error)) return null;
        throw r.error;
      }
      // deleted: an answer without the documented trunk record still means it is gone
      const parsed = trunkDataSchema.safeParse(r.data);
      return parsed.success ? toTrunk(parsed.data) : { trunkSid, trunkName: '', domainName: '' };
    },

    mapNumber(trunkSid, { phoneNumber, mode }) {
      const body = mode ? { phone_number: phoneNumber, mode } : { phone_number: phoneNumber };
      return create(trunkPath(trunkSid, 'phone-numbers'), body, numberDataSchema, (d) => toNumber(d, trunkSid));
    },

    async setNumberMode(trunkSid, id, { phoneNumber, mode }) {
      const d = await single('PUT', `${trunkPath(trunkSid, 'phone-numbers')}/${q(id)}`, numberDataSchema, {
        phone_number: phoneNumber,
        mode,
      });
      return toNumber(d, trunkSid);
    },

    listNumbers(trunkSid) {
      return list(trunkPath(trunkSid, 'phone-numbers'), numberDataSchema, (d) => toNumber(d, trunkSid));
    },

    whitelistIp(trunkSid, { ip }) {
      // always a single address: Exotel does not support CIDR ranges on the trunk (exotel-facts.md). Seed 002 makes
      // mask optional (default 32) where seed 000 requires it; sending it satisfies both readings.
      return create(trunkPath(trunkSid, 'whitelisted-ips'), { ip, mask: 32 }, aclDataSchema, (d) => toAcl(d, trunkSid));
    },

    listAcl(trunkSid) {
      return list(trunkPath(trunkSid, 'whitelisted-ips'), aclDataSchema, (d) => toAcl(d, trunkSid));
    },

    async createCredential(trunkSid, { userName, password, friendlyName }) {
      t.addSecret(password);
      const body: Record<string, string> = { user_name: userName, password: password.reveal() };
      if (friendlyName !== undefined) body.friendly_name = friendlyName;
      const { ans, at } = await call('POST', trunkPath(trunkSid, 'credentials'), body);
      const r = readSingle(ans, at);
      if (!r.ok) {
        if (isDuplicateError(r.error)) return { outcome: 'exists', error: r.error };
        throw r.error;
      }
      // seed 002's create example is malformed around `data`; fall back to what we sent
      const parsed = credentialDataSchema.safeParse(r.data);
      const data: Credential = parsed.success
        ? toCredential(parsed.data, trunkSid)
        : { userName, friendlyName: friendlyName ?? null, trunkSid };
      return { outcome: 'created', data, requestId: r.requestId };
    },

    async listCredentials(trunkSid) {
      const keep = (p: Secret) => t.addSecret(p);
      const path = trunkPath(trunkSid, 'credentials');
      const { ans, at } = await call('GET', path);
      const response = (ans.json as { response?: unknown } | undefined)?.response;
      if (Array.isArray(response)) {
        // seed 002 list shape (possibly paginated) or the empty `response: []`
        const pages = await listAll(path, { ans, at });
        return pages.flatMap((p) => p.items.map((d) => credentialFrom(d, p.ans, p.at, trunkSid, keep)));
      }
      // seed 000 single shape: {response: {data: {username, password}}}
      const r = readSingle(ans, at);
      if (!r.ok) throw r.error;
      if (r.data === null || r.data === undefined) return [];
      if (Array.isArray(r.data)) return r.data.map((d) => credentialFrom(d, ans, at, trunkSid, keep));
      return [credentialFrom(r.data, ans, at, trunkSid, keep)];
    },

    async deleteCredential(trunkSid, id) {
      const { ans, at } = await call('DELETE', `${trunkPath(trunkSid, 'credentials')}?id=${q(id)}`);
      const r = readSingle(ans, at);
      if (!r.ok) throw r.error;
    },

    addDestinations(trunkSid, destinations) {
      const body = { destinations: destinations.map((d) => ({ destination: bareSipUri(d) })) };
      return multi(trunkPath(trunkSid, 'destination-uris'), body, destinationDataSchema, (d) => toDestination(d, trunkSid));
    },

    listDestinations(trunkSid) {
      return list(trunkPath(trunkSid, 'destination-uris'), destinationDataSchema, (d) => toDestination(d, trunkSid));
    },

    setAlias(trunkSid, alias) {
      const body = { settings: [{ name: 'trunk_external_alias', value: alias }] };
      return multi(trunkPath(trunkSid, 'settings'), body, settingDataSchema, (d): TrunkSetting => ({
        name: d.name,
        value: d.value,
      }));
    },

    close: () => t.close(),
  };
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
