/**
 * A local, stateful stand-in for the Exotel trunk API (seed 000, exotel-facts.md), with Exotel's quirks,
 * a per-account rate limit, and faults on demand. node:http only, in memory, loopback by default.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { handleApi, type ApiConfig } from './api.js';
import { fail, type Reply } from './envelope.js';
import { FaultPicker, type FaultKind, type FaultSpec } from './faults.js';
import { control, listenTracked, readBody, send, Timers, toSpec, type ServedHandle } from './http-kit.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import { logQuery, outcomeOf, type RequestLogEntry } from './request-log.js';
import { recordRejection } from './reject-log.js';
import { PersistedStore, Store, type SandboxState } from './state.js';
import type { AutoCredentials } from './routes/context.js';

export { parseFaultSpec, FAULT_KINDS } from './faults.js';
export type { FaultKind, FaultSpec } from './faults.js';
export { AUTO_CREDENTIAL_SHAPES, type AutoCredentials } from './routes/context.js';
export type { RequestLogEntry } from './request-log.js';
export type {
  AccountState,
  AclRecord,
  CredentialRecord,
  DestinationRecord,
  NumberRecord,
  SandboxState,
  SettingRecord,
  TrunkRecord,
  TrunkState,
} from './state.js';

export interface SandboxOptions {
  /** default 127.0.0.1; a non-loopback host is used only when given explicitly */
  host?: string;
  /** default 0 (ephemeral) */
  port?: number;
  apiKey?: string;
  apiToken?: string;
  /** delay every API answer by this many ms */
  latencyMs?: number;
  /** per account, sliding window (default 200) */
  rateLimitPerMinute?: number;
  /** default 60000; tests shorten it */
  rateWindowMs?: number;
  faults?: string | FaultSpec;
  /** seed of the fault PRNG (default 1) */
  seed?: number;
  /** how long a 'slow' fault waits (default 30000) */
  slowMs?: number;
  /** default 50 */
  pageSize?: number;
  /**
   * Keep the state in this file (0600) across processes: the embedded sandbox behind `npm start` uses it so
   * verify / teardown find what an earlier run created. Holds sandbox credentials only.
   */
  persistPath?: string;
  /** emulate the credential Exotel generates with each trunk (seed 000 "Get Credentials"); see AutoCredentials */
  autoCredentials?: AutoCredentials;
  /** serve HTTPS with this PEM certificate and key (both or neither) */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export type SandboxHandle = ServedHandle<SandboxState, RequestLogEntry>;

/** the answer an injected status fault gives; nothing is applied */
function faultReply(kind: FaultKind, method: string): Reply | undefined {
  if (kind === '500') return fail(method, 500, 500, 'Internal Server Error', 'Sandbox fault: internal error');
  // a gateway in front of the API answers 503, not the API: plain text, no envelope
  if (kind === '503') return { status: 503, text: '503 Service Unavailable' };
  if (kind === '429') {
    const r = fail(method, 429, 1030, 'Rate limit exceeded', 'Too many requests; wait and retry');
    return { ...r, headers: { 'Retry-After': '1' } };
  }
  return undefined;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const sandbox = new Sandbox(opts);
  return sandbox.listen();
}

/** One sandbox: its state, its faults and rate limit, the request log, and the HTTP(S) server in front. */
class Sandbox {
  private readonly store = new Store();
  private readonly persisted?: PersistedStore;
  private readonly faults: FaultPicker;
  private readonly limiter: SlidingWindowLimiter;
  private readonly cfg: ApiConfig;
  private readonly slowMs: number;
  private latencyMs: number;
  private log: RequestLogEntry[] = [];
  private readonly timers = new Timers();

  constructor(private readonly opts: SandboxOptions) {
    this.persisted = opts.persistPath ? new PersistedStore(this.store, opts.persistPath) : undefined;
    this.persisted?.refresh();
    this.faults = new FaultPicker(toSpec(opts.faults), opts.seed ?? 1);
    this.limiter = new SlidingWindowLimiter(opts.rateLimitPerMinute ?? 200, opts.rateWindowMs ?? 60_000);
    this.cfg = { apiKey: opts.apiKey ?? 'sandbox', apiToken: opts.apiToken ?? 'sandbox', pageSize: opts.pageSize ?? 50, store: this.store, limiter: this.limiter, autoCredentials: opts.autoCredentials };
    this.slowMs = opts.slowMs ?? 30_000;
    this.latencyMs = opts.latencyMs ?? 0;
  }

  /** What tests and `--control` see: the state, the request log, and the knobs. */
  private readonly handle: Omit<SandboxHandle, 'url' | 'port' | 'close'> = {
    state: () => this.store.snapshot(),
    requests: () => structuredClone(this.log),
    reset: () => {
      this.store.reset();
      this.limiter.reset();
      this.faults.reseed();
      this.log = [];
    },
    setFaults: (spec) => this.faults.setSpec(toSpec(spec)),
    setLatency: (ms) => {
      this.latencyMs = ms;
    },
  };

  /** The Exotel API, with the fault picked for this request (a reset, a lost answer, a slow one, a status). */
  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const fault = this.faults.next();
    const entry = (status: number, reply?: Reply): RequestLogEntry => ({
      method,
      path: url.pathname,
      query: logQuery(url.searchParams),
      status,
      ...(reply ? outcomeOf(reply) : {}),
      at: new Date().toISOString(),
      ...(fault ? { fault } : {}),
    });

    if (fault === 'reset') {
      await this.timers.sleep(this.latencyMs);
      this.log.push(entry(0));
      req.socket.destroy();
      return;
    }
    const injected = fault ? faultReply(fault, method) : undefined;
    // the write is applied here, before any delay, so a 'lost' or 'slow' answer leaves it in place; the
    // embedded sandbox reads its file first and writes it straight after, with nothing in between
    this.persisted?.refresh();
    const reply = injected ?? handleApi(this.cfg, { method, url, headers: req.headers, body });
    if (this.persisted && method !== 'GET' && !injected) this.persisted.save();
    await this.timers.sleep(this.latencyMs + (fault === 'slow' ? this.slowMs : 0));
    if (fault === 'lost') {
      this.log.push(entry(0, reply));
      req.socket.destroy();
      return;
    }
    const logged = entry(reply.status, reply);
    this.log.push(logged);
    recordRejection(logged, req.headers);
    send(res, reply);
  }

  private readonly onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const work = url.pathname.startsWith('/__sandbox/') ? control(req, res, url, this.handle) : this.api(req, res, url);
    work.catch((e: unknown) => {
      // a bug in the sandbox, not an Exotel behaviour: say so plainly
      if (!res.headersSent) send(res, { status: 500, text: `sandbox bug: ${(e as Error).message}` });
    });
  };

  async listen(): Promise<SandboxHandle> {
    const { opts } = this;
    const host = opts.host ?? '127.0.0.1';
    // Real Exotel is HTTPS only; clients that insist on https (Exotel's own curl scripts) need this to reach it.
    const server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, this.onRequest) : createServer(this.onRequest);
    const { url, port, close } = await listenTracked(server, host, opts.port ?? 0, this.timers, opts.tls ? 'https' : 'http');
    return { ...this.handle, url, port, close };
  }
}
