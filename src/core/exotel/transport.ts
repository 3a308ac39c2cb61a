/**
 * HTTP for the Exotel client: one keep-alive connection pool per client, the account's shared rate limiter, a
 * per-request timeout, retries with exponential backoff + full jitter, and a verbose log with every secret masked.
 *
 * Why node:http and not undici (house-style.md names undici): every command is a fresh, short process, and
 * there undici costs more than it gives. Measured on this project (docs/benchmarks.md): loading the bundled
 * undici took 60-75 ms against 6 ms for node:http (Node's own client sits in its startup snapshot); its first
 * request runs cold JS where node:http's is precompiled (four concurrent cold GETs: 118 ms against 112 ms at
 * 100 ms latency); and its llhttp WebAssembly parser left a background TurboFan compile that held every
 * API-calling command ~100 ms at exit. None of undici's extras (fetch, HTTP/2, interceptors) is used here.
 *
 * Retry policy (exotel-facts.md "Error codes"):
 * - GET / PUT / DELETE are idempotent: retried on 429, 5xx and network errors, honouring Retry-After.
 * - POST is never re-sent once it may have reached the server: a reset, a lost response or a timeout
 *   throws OutcomeUnknownError (the caller looks the resource up). A POST answered with a clean 429 or 503
 *   was refused before being applied, so it MAY be retried; so may one whose connection never opened.
 * - 1002, 1003, 1008, 1010 are never retried: they fail the same way every time.
 * - One request waits at most retryBudgetMs between its attempts: a Retry-After beyond what is left of it is
 *   reported at once, with the wait, instead of holding the command for minutes.
 *
 * Bounds: an answer body larger than maxBodyBytes is an error (never buffered whole). Once the signal is
 * aborted (Ctrl-C) no new request leaves, including those queued for the rate limit or waiting to retry;
 * those already sent finish, so their answers can be journaled.
 */
import type { Agent, IncomingHttpHeaders } from 'node:http';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Secret } from '../secret.js';
import { redact } from '../secret.js';
import { ExotelNetworkError, InterruptedError, OutcomeUnknownError, RetryAfterTooLongError } from './errors.js';
import { NO_RETRY_CODES } from './error-table.js';
import { open } from './in-flight.js';
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
  /** a request is about to wait this long for the account's rate limit (slots held by recent requests) */
  onRateWait?: (ms: number, perMinute: number) => void;
  signal?: AbortSignal;
  retryBudgetMs?: number;
  maxBodyBytes?: number;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** undefined when the body is not JSON */
  json: unknown;
  durationMs: number;
}

const RETRY_BUDGET_MS = 60_000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const BACKOFF_CAP_MS = 30_000;

/** Errors raised before any byte of the request left: safe to retry, even for POST. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

type HttpModule = typeof import('node:http') | typeof import('node:https');
/** The client module loads when a Transport is made, not at start-up (https pulls in TLS). */
const modules = new Map<string, Promise<HttpModule>>();
const loadHttp = (protocol: string): Promise<HttpModule> => {
  let m = modules.get(protocol);
  if (!m) modules.set(protocol, (m = protocol === 'https:' ? import('node:https') : import('node:http')));
  return m;
};

export class Transport {
  private agentPromise: Promise<{ mod: HttpModule; agent: Agent }> | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly limiter: RateLimiter;
  private readonly releaseLimiter: () => void;
  private readonly authHeader: string;
  private readonly secrets: (Secret | string)[];

  constructor(private readonly o: TransportOptions) {
    void loadHttp(o.baseUrl.protocol); // start loading now; the first request awaits it
    if (o.signal) setMaxListeners(0, o.signal); // every request queued for the rate limit listens for Ctrl-C
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
    const budgetMs = this.o.retryBudgetMs ?? RETRY_BUDGET_MS;
    let waitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      if (this.o.signal?.aborted) throw new InterruptedError(`${method} ${path}`);
      let answer: HttpAnswer;
      try {
        answer = await this.once(method, path, payload);
      } catch (err) {
        if (err instanceof InterruptedError) throw err;
        const { reason, notSent, permanent } = describeNetworkError(err, this.o.timeoutMs);
        this.log(`x ${method} ${path}: ${reason}`);
        if (method === 'POST' && !notSent) throw new OutcomeUnknownError(method, path, reason);
        if (permanent) throw new ExotelNetworkError(method, path, reason);
        if (attempt >= this.o.maxAttempts) {
          throw new ExotelNetworkError(method, path, `${reason} (gave up after ${attempt} attempts)`);
        }
        waitedMs += await this.waitBeforeRetry(method, path, attempt, reason, undefined);
        continue;
      }
      const reason = retryReason(method, answer);
      if (!reason || attempt >= this.o.maxAttempts) return answer;
      const retryAfterMs = parseRetryAfter(answer.headers['retry-after']);
      if (retryAfterMs !== undefined && retryAfterMs > budgetMs - waitedMs) {
        this.log(`x ${method} ${path}: Retry-After ${retryAfterMs} ms is beyond the ${budgetMs - waitedMs} ms left to wait`);
        throw new RetryAfterTooLongError(method, path, answer.status, retryAfterMs, budgetMs);
      }
      if (retryAfterMs !== undefined && answer.status === 429) this.limiter.pauseUntil(Date.now() + retryAfterMs);
      waitedMs += await this.waitBeforeRetry(method, path, attempt, reason, retryAfterMs);
    }
  }

  /** One keep-alive pool of at most maxConnections sockets to the API host. */
  private agent(): Promise<{ mod: HttpModule; agent: Agent }> {
    return (this.agentPromise ??= loadHttp(this.o.baseUrl.protocol).then((mod) => ({
      mod,
      agent: new mod.Agent({ keepAlive: true, maxSockets: this.o.maxConnections, maxFreeSockets: this.o.maxConnections, scheduling: 'lifo' }),
    })));
  }

  async close(): Promise<void> {
    // A request still in flight (the wizard quit while a create was out) gets its answer first, so the step
    // that sent it can journal what Exotel made; each is bounded by its own timeout. Then the idle sockets go.
    if (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    this.releaseLimiter();
    if (this.agentPromise) (await this.agentPromise).agent.destroy();
  }

  private async waitBeforeRetry(
    method: string,
    path: string,
    attempt: number,
    reason: string,
    retryAfterMs: number | undefined,
  ): Promise<number> {
    // full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]; Retry-After, when given, is a floor
    const ceiling = Math.min(BACKOFF_CAP_MS, this.o.backoffBaseMs * 2 ** (attempt - 1));
    const jitter = Math.round(Math.random() * ceiling);
    const delayMs = retryAfterMs !== undefined ? Math.max(retryAfterMs, jitter) : jitter;
    // `attempt` just failed; the one after the wait is attempt + 1 (of maxAttempts)
    this.o.onRetry?.({ method, path, attempt: attempt + 1, maxAttempts: this.o.maxAttempts, delayMs, reason });
    this.log(`~ ${method} ${path}: ${reason}; attempt ${attempt + 1} of ${this.o.maxAttempts} in ${delayMs} ms`);
    try {
      await sleep(delayMs, undefined, { signal: this.o.signal });
    } catch {
      throw new InterruptedError(`the retry of ${method} ${path}`);
    }
    return delayMs;
  }

  /** A slot of the account's rate limit, or InterruptedError once Ctrl-C was pressed (the request leaves the queue). */
  private async slot(method: string, path: string): Promise<() => void> {
    try {
      return await this.limiter.acquire(this.o.signal);
    } catch {
      throw new InterruptedError(`${method} ${path}`);
    }
  }

  private async once(method: HttpMethod, path: string, payload: string | undefined): Promise<HttpAnswer> {
    const wait = this.limiter.waitMs();
    if (wait > 1000) this.o.onRateWait?.(wait, this.limiter.limit);
    const release = await this.slot(method, path);
    if (this.o.signal?.aborted) {
      release();
      throw new InterruptedError(`${method} ${path}`);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError(this.o.timeoutMs)), this.o.timeoutMs);
    const started = Date.now();
    try {
      if (this.o.log) this.log(payload !== undefined ? `> ${method} ${path} ${maskBody(payload, this.secrets)}` : `> ${method} ${path}`);
      const headers: Record<string, string> = {
        authorization: this.authHeader,
        accept: 'application/json',
        'user-agent': 'exotrunk',
      };
      if (method === 'POST' || method === 'PUT') headers['content-type'] = 'application/json';
      if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
      const pending = this.exchange(method, path, headers, payload, controller.signal);
      const entry = { method, path };
      this.inFlight.add(pending);
      open.add(entry);
      const res = await pending.finally(() => {
        this.inFlight.delete(pending);
        open.delete(entry);
      });
      const durationMs = Date.now() - started;
      let json: unknown;
      try {
        json = res.text ? JSON.parse(res.text) : undefined;
      } catch {
        json = undefined;
      }
      if (this.o.log) this.log(`< ${res.status} ${method} ${path} (${durationMs} ms) ${maskBody(res.text, this.secrets)}`);
      return { ...res, json, durationMs };
    } catch (err) {
      if (controller.signal.aborted) throw controller.signal.reason;
      throw err;
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  /**
   * One request and its whole answer. An error raised before the socket connected is marked notSent, so even
   * a POST may be retried; after that, a POST's fate is unknown.
   */
  private async exchange(method: HttpMethod, path: string, headers: Record<string, string>, payload: string | undefined, signal: AbortSignal): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
    const { mod, agent } = await this.agent();
    const base = this.o.baseUrl;
    const cap = this.o.maxBodyBytes ?? MAX_BODY_BYTES;
    return new Promise((resolve, reject) => {
      let connected = false;
      const req = mod.request(
        { protocol: base.protocol, hostname: base.hostname.replace(/^\[|\]$/g, ''), port: base.port || undefined, method, path, headers, agent, signal },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const tooLarge = () => {
            reject(Object.assign(new Error(`the answer is larger than ${Math.round(cap / 1024 / 1024)} MB`), { code: 'EANSWERTOOLARGE' }));
            res.destroy();
            req.destroy();
          };
          if (Number(res.headers['content-length']) > cap) return tooLarge();
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > cap) return tooLarge();
            chunks.push(c);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
          res.on('aborted', () => reject(Object.assign(new Error('connection reset while reading the answer'), { code: 'ECONNRESET' })));
        },
      );
      req.on('socket', (socket) => {
        // A reused keep-alive socket is ready; a new one is ready once TCP (and, for https, TLS) is up: only
        // then can a byte of the request leave.
        if (!socket.connecting) connected = true;
        else socket.once(base.protocol === 'https:' ? 'secureConnect' : 'connect', () => (connected = true));
      });
      req.on('error', (err) => reject(connected || signal.aborted ? err : Object.assign(err, { notSent: true })));
      req.end(payload);
    });
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

/** A certificate the machine does not trust fails the same way every time: not worth a retry. */
const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REVOKED',
]);

function describeNetworkError(err: unknown, timeoutMs: number): { reason: string; notSent: boolean; permanent?: boolean } {
  if (err instanceof TimeoutError) return { reason: `timeout after ${timeoutMs} ms`, notSent: false };
  const e = err as { code?: string; message?: string; cause?: { code?: string }; notSent?: boolean };
  const code = e?.code ?? e?.cause?.code;
  if (code && NOT_SENT_CODES.has(code)) return { reason: `cannot connect (${code})`, notSent: true };
  if (code === 'EANSWERTOOLARGE') return { reason: `${e.message}: no Exotel list page or record is that large, so the server (or a proxy in front of it) is misbehaving`, notSent: false, permanent: true };
  if (code && TLS_TRUST_CODES.has(code)) return { reason: `the server's TLS certificate is not trusted (${code})`, notSent: true, permanent: true };
  if (e?.notSent) return { reason: `cannot connect (${code ?? e.message})`, notSent: true };
  if (code === 'ECONNRESET' || code === 'EPIPE') {
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
