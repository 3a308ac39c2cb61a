/**
 * HTTP for the Exotel client: one undici Pool per client, the account's shared rate limiter, a per-request
 * timeout, retries with exponential backoff + full jitter, and a verbose log with every secret masked.
 *
 * Retry policy (exotel-facts.md "Error codes"):
 * - GET / PUT / DELETE are idempotent: retried on 429, 5xx and network errors, honouring Retry-After.
 * - POST is never re-sent once it may have reached the server: a reset, a lost response or a timeout
 *   throws OutcomeUnknownError (the caller looks the resource up). A POST answered with a clean 429 or 503
 *   was refused before being applied, so it MAY be retried; so may one whose connection never opened.
 * - 1002, 1003, 1008, 1010 are never retried: they fail the same way every time.
 */
import type { Pool } from 'undici';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Secret } from '../secret.js';
import { redact } from '../secret.js';
import { ExotelNetworkError, OutcomeUnknownError } from './errors.js';
import { NO_RETRY_CODES } from './error-table.js';
import { maskBody } from './log-mask.js';
import { acquireAccountLimiter, type RateLimiter } from './rate-limiter.js';
import type { RetryInfo } from './types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportOptions {
  baseUrl: URL;
  accountSid: string;
  apiKey: string;
  apiToken: Secret;
  rateLimitPerMinute: number;
  rateWindowMs: number;
  maxConnections: number;
  timeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  log?: (line: string) => void;
  onRetry?: (info: RetryInfo) => void;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** undefined when the body is not JSON */
  json: unknown;
  durationMs: number;
}

/** Longest Retry-After we are willing to sit through inside one command. */
const MAX_RETRY_AFTER_MS = 120_000;
const BACKOFF_CAP_MS = 30_000;
/** Errors raised before any byte of the request left: safe to retry, even for POST. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** undici loads on the first request, not at start-up: the wizard's first frame does not wait for it. */
let undici: Promise<typeof import('undici')> | undefined;
// undici is CommonJS: once bundled, its named exports may sit on `default` only.
const loadUndici = () => (undici ??= import('undici').then((m) => ((m as { Pool?: unknown }).Pool ? m : ((m as { default: typeof import('undici') }).default))));

/** Load the HTTP client now, for a command that will certainly call the API. */
export async function preloadHttp(): Promise<void> {
  await loadUndici();
}

export class Transport {
  private poolPromise: Promise<Pool> | undefined;
  private readonly limiter: RateLimiter;
  private readonly releaseLimiter: () => void;
  private readonly authHeader: string;
  private readonly secrets: (Secret | string)[];

  constructor(private readonly o: TransportOptions) {
    const shared = acquireAccountLimiter(o.baseUrl.href, o.accountSid, {
      limit: o.rateLimitPerMinute,
      windowMs: o.rateWindowMs,
      maxInFlight: o.maxConnections,
    });
    this.limiter = shared.limiter;
    this.releaseLimiter = shared.release;
    const basic = Buffer.from(`${o.apiKey}:${o.apiToken.reveal()}`).toString('base64');
    this.authHeader = `Basic ${basic}`;
    this.secrets = [o.apiToken, basic];
  }

  /** Extra values to mask in logs and errors (e.g. a SIP password being sent). */
  addSecret(s: Secret | string): void {
    this.secrets.push(s);
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }

  /**
   * Send with retries. Returns the final HTTP answer (which may be an error status once retries are spent);
   * throws OutcomeUnknownError / ExotelNetworkError for network failures.
   */
  async send(method: HttpMethod, path: string, body?: unknown): Promise<HttpAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      let answer: HttpAnswer;
      try {
        answer = await this.once(method, path, payload);
      } catch (err) {
        const { reason, notSent } = describeNetworkError(err, this.o.timeoutMs);
        this.log(`x ${method} ${path}: ${reason}`);
        if (method === 'POST' && !notSent) throw new OutcomeUnknownError(method, path, reason);
        if (attempt >= this.o.maxAttempts) {
          throw new ExotelNetworkError(method, path, `${reason} (gave up after ${attempt} attempts)`);
        }
        await this.waitBeforeRetry(method, path, attempt, reason, undefined);
        continue;
      }
      const reason = retryReason(method, answer);
      if (!reason || attempt >= this.o.maxAttempts) return answer;
      const retryAfterMs = parseRetryAfter(answer.headers['retry-after']);
      if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) return answer;
      if (retryAfterMs !== undefined && answer.status === 429) this.limiter.pauseUntil(Date.now() + retryAfterMs);
      await this.waitBeforeRetry(method, path, attempt, reason, retryAfterMs);
    }
  }

  private pool(): Promise<Pool> {
    return (this.poolPromise ??= loadUndici().then(({ Pool }) => new Pool(this.o.baseUrl.origin, { connections: this.o.maxConnections })));
  }

  async close(): Promise<void> {
    this.releaseLimiter();
    if (this.poolPromise) await (await this.poolPromise).close();
  }

  private async waitBeforeRetry(
    method: string,
    path: string,
    attempt: number,
    reason: string,
    retryAfterMs: number | undefined,
  ): Promise<void> {
    // full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]; Retry-After, when given, is a floor
    const ceiling = Math.min(BACKOFF_CAP_MS, this.o.backoffBaseMs * 2 ** (attempt - 1));
    const jitter = Math.round(Math.random() * ceiling);
    const delayMs = retryAfterMs !== undefined ? Math.max(retryAfterMs, jitter) : jitter;
    this.o.onRetry?.({ method, path, attempt: attempt + 1, delayMs, reason });
    this.log(`~ ${method} ${path}: ${reason}; retry ${attempt + 1}/${this.o.maxAttempts} in ${delayMs} ms`);
    await sleep(delayMs);
  }

  private async once(method: HttpMethod, path: string, payload: string | undefined): Promise<HttpAnswer> {
    const release = await this.limiter.acquire();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError(this.o.timeoutMs)), this.o.timeoutMs);
    const started = Date.now();
    try {
      if (payload !== undefined) this.log(`> ${method} ${path} ${maskBody(payload, this.secrets)}`);
      else this.log(`> ${method} ${path}`);
      const headers: Record<string, string> = {
        authorization: this.authHeader,
        accept: 'application/json',
        'user-agent': 'exotrunk',
      };
      if (method === 'POST' || method === 'PUT') headers['content-type'] = 'application/json';
      const res = await (await this.pool()).request({ method, path, headers, body: payload, signal: controller.signal });
      const text = await res.body.text();
      const durationMs = Date.now() - started;
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      this.log(`< ${res.statusCode} ${method} ${path} (${durationMs} ms) ${maskBody(text, this.secrets)}`);
      return { status: res.statusCode, headers: res.headers, text, json, durationMs };
    } catch (err) {
      if (controller.signal.aborted) throw controller.signal.reason;
      throw err;
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  private log(line: string): void {
    if (this.o.log) this.o.log(redact(line, this.secrets));
  }
}

class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

function describeNetworkError(err: unknown, timeoutMs: number): { reason: string; notSent: boolean } {
  if (err instanceof TimeoutError) return { reason: `timeout after ${timeoutMs} ms`, notSent: false };
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  if (code && NOT_SENT_CODES.has(code)) return { reason: `cannot connect (${code})`, notSent: true };
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return { reason: 'connection reset', notSent: false };
  }
  return { reason: `network error (${code ?? e?.message ?? String(err)})`, notSent: false };
}

/** Why this answer deserves another attempt, or undefined. */
function retryReason(method: HttpMethod, a: HttpAnswer): string | undefined {
  const inner = innerCodes(a.json);
  if (inner.errorCode !== undefined && NO_RETRY_CODES.has(inner.errorCode)) return undefined;
  const status = a.status >= 400 ? a.status : (inner.responseCode ?? a.status);
  const rateLimited = status === 429 || inner.errorCode === 1030;
  if (method === 'POST') {
    // only answers that prove the write was refused before it was applied
    if (rateLimited) return 'HTTP 429 (rate limit)';
    if (status === 503) return 'HTTP 503 (service unavailable)';
    return undefined;
  }
  if (rateLimited) return 'HTTP 429 (rate limit)';
  if (status >= 500 && status <= 599) return `HTTP ${status}`;
  return undefined;
}

function innerCodes(json: unknown): { responseCode?: number; errorCode?: number } {
  const r = (json as { response?: unknown } | undefined)?.response;
  if (!r || typeof r !== 'object' || Array.isArray(r)) return {};
  const item = r as { code?: unknown; error_data?: { code?: unknown } | null };
  const num = (v: unknown) => (v === undefined || v === null || Number.isNaN(Number(v)) ? undefined : Number(v));
  return { responseCode: num(item.code), errorCode: num(item.error_data?.code) };
}

/** Retry-After in seconds (or an HTTP date) -> ms. */
export function parseRetryAfter(v: string | string[] | undefined): number | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return undefined;
  if (/^\d+(\.\d+)?$/.test(s.trim())) return Math.ceil(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
