/**
 * The contract of the Exotel trunk API client. Domain objects are camelCase; the wire format (snake_case
 * envelopes, see ../shared/docs/exotel-facts.md and seed 000) is the client's business only.
 */
import type { Secret } from '../secret.js';

export type Region = 'in' | 'sg';
export const REGION_BASE_URL: Record<Region, string> = {
  in: 'https://api.in.exotel.com',
  sg: 'https://api.exotel.com',
};

export type NumberMode = 'pstn' | 'flow';

export interface Trunk {
  trunkSid: string;
  trunkName: string;
  domainName: string;
  /** `active` / `inactive` (seed 000) */
  status?: string;
  /** only `IP-WHITELIST` is documented */
  authType?: string;
  /** `enabled` / `disabled`: SIP registration (Exotel's vSIP guides: REGISTER is not supported) */
  registrationEnabled?: string;
  /** `auto` is the only documented value */
  edgePreference?: string;
  /** `ANY-ANY` as created */
  nsoCode?: string;
  /** `enabled` / `disabled`: "TLS status" in seed 002's field table */
  secureTrunking?: string;
  dateCreated?: string;
  dateUpdated?: string;
}

export interface NumberMapping {
  /** numeric id as a string, e.g. "41512"; needed for PUT (mode update) */
  id: string;
  phoneNumber: string;
  trunkSid: string;
  /** null when the mapping was created without a mode (behaves as pstn) */
  mode: NumberMode | null;
  dateCreated?: string;
  dateUpdated?: string;
}

export interface AclEntry {
  id: string;
  ip: string;
  mask: number;
  trunkSid: string;
  friendlyName?: string | null;
}

export interface Credential {
  /** absent in the seed-000 single-object shape `{username, password}` */
  id?: string;
  /**
   * Exotel generated it with the trunk (seed 000 "Get Credentials": username = the trunk sid, a password nobody
   * sent): not the recipe's, never drift, never deleted by exotrunk. See isExotelOwnCredential.
   */
  exotelOwn?: boolean;
  userName: string;
  friendlyName?: string | null;
  trunkSid?: string;
  /** only when the API returned one (seed-000 shape); never persisted */
  password?: Secret;
}

export interface Destination {
  id: string;
  /** as stored by Exotel, with the `sip:` prefix, e.g. "sip:sip.retellai.com:5060;transport=tcp" */
  destination: string;
  trunkSid?: string;
  type?: string;
  priority?: number;
  weight?: number;
}

export interface TrunkSetting {
  name: string;
  value: string;
}

/** Outcome of a write: created, or the API said it already exists (HTTP 409 / inner 409 / 1008 / 1002 "exists"). */
export type WriteResult<T> =
  | { outcome: 'created'; data: T; requestId?: string }
  | { outcome: 'exists'; error: import('./errors.js').ExotelApiError };

/** Per-item result of a multi-status (200/207) call. */
export type ItemResult<T> =
  | { ok: true; data: T }
  | { ok: false; exists: boolean; error: import('./errors.js').ExotelApiError };

export interface ExotelClientConfig {
  accountSid: string;
  apiKey: string;
  apiToken: Secret;
  /** https://…; http only for loopback hosts */
  baseUrl: string;
  /** requests per minute per account (default 200) */
  rateLimitPerMinute?: number;
  /** length of the rate-limit window in ms (default 60000); tests shorten it, as the sandbox allows */
  rateWindowMs?: number;
  /** concurrent connections (default 50) */
  maxConnections?: number;
  /** per-request timeout in ms (default 15000) */
  timeoutMs?: number;
  /** retry budget for idempotent calls (GET/PUT/DELETE) on 429/5xx/network errors (default 5 attempts) */
  maxAttempts?: number;
  /** base backoff in ms (default 500); tests set it low */
  backoffBaseMs?: number;
  /** called for each request/response line when verbose; every secret already masked */
  log?: (line: string) => void;
  /** notified before each retry, so front ends can say "rate limited, retrying in 2 s" */
  onRetry?: (info: RetryInfo) => void;
  /** a request is about to wait this long for the account's rate limit */
  onRateWait?: (ms: number, perMinute: number) => void;
  /** once aborted (Ctrl-C), no new request is sent; those in flight finish */
  signal?: AbortSignal;
  /** longest time one request may spend waiting between its attempts, Retry-After included (default 60 s) */
  retryBudgetMs?: number;
  /** largest answer body read (default 10 MB); a larger one is an error, not an out-of-memory crash */
  maxBodyBytes?: number;
}

export interface RetryInfo {
  method: string;
  path: string;
  /** the attempt about to be made after the wait, counting the first try as 1 (2 = the first retry) */
  attempt: number;
  /** the most attempts this request gets (so a notice can say "attempt 2 of 5") */
  maxAttempts: number;
  delayMs: number;
  reason: string; // e.g. "HTTP 429 (rate limit)", "HTTP 503", "connection reset"
}

export interface ExotelClient {
  readonly accountSid: string;
  readonly baseUrl: string;
  createTrunk(input: { trunkName: string }): Promise<WriteResult<Trunk>>;
  /** `GET /trunks/{trunk_sid}`; an unknown sid throws the API error (isNotFound) */
  getTrunk(trunkSid: string): Promise<Trunk>;
  /** the deleted trunk, or null when Exotel says it does not exist */
  deleteTrunk(trunkSid: string): Promise<Trunk | null>;
  mapNumber(trunkSid: string, input: { phoneNumber: string; mode?: NumberMode }): Promise<WriteResult<NumberMapping>>;
  setNumberMode(trunkSid: string, id: string, input: { phoneNumber: string; mode: NumberMode }): Promise<NumberMapping>;
  listNumbers(trunkSid: string): Promise<NumberMapping[]>;
  /** always sends mask 32, even though seed 002 makes it optional with that default */
  whitelistIp(trunkSid: string, input: { ip: string; mask?: 32 }): Promise<WriteResult<AclEntry>>;
  listAcl(trunkSid: string): Promise<AclEntry[]>;
  createCredential(
    trunkSid: string,
    input: { userName: string; password: Secret; friendlyName?: string },
  ): Promise<WriteResult<Credential>>;
  listCredentials(trunkSid: string): Promise<Credential[]>;
  deleteCredential(trunkSid: string, id: string): Promise<void>;
  /** destinations as "host:port;transport=tls|tcp|udp" (a leading "sip:" is accepted) */
  addDestinations(trunkSid: string, destinations: string[]): Promise<ItemResult<Destination>[]>;
  listDestinations(trunkSid: string): Promise<Destination[]>;
  setAlias(trunkSid: string, alias: string): Promise<ItemResult<TrunkSetting>[]>;
  close(): Promise<void>;
}
