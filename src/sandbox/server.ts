/**
 * A local, stateful stand-in for the Exotel trunk API (seed 000, exotel-facts.md), with Exotel's quirks,
 * a per-account rate limit, and faults on demand. node:http only, in memory, loopback by default.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { handleApi, type ApiConfig } from './api.js';
import { fail, type Reply } from './envelope.js';
import { checkFaultSpec, FaultPicker, parseFaultSpec, type FaultKind, type FaultSpec } from './faults.js';
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

export interface SandboxHandle {
  url: string;
  port: number;
  close(): Promise<void>;
  /** deep copy; includes credential passwords (for tests only) */
  state(): SandboxState;
  requests(): RequestLogEntry[];
  reset(): void;
  setFaults(spec: string | FaultSpec | undefined): void;
  setLatency(ms: number): void;
}

const MAX_BODY = 1024 * 1024;

function toSpec(spec: string | FaultSpec | undefined): FaultSpec {
  if (spec === undefined) return {};
  return typeof spec === 'string' ? parseFaultSpec(spec) : checkFaultSpec({ ...spec });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // keep reading past the cap so the client is not cut off; the oversized body fails JSON parsing
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? '' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string;
  if (reply.text !== undefined) {
    headers['Content-Type'] = 'text/plain; charset=utf-8';
    payload = reply.text;
  } else {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(reply.body ?? null);
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

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
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sockets = new Set<Socket>();

  constructor(private readonly opts: SandboxOptions) {
    this.persisted = opts.persistPath ? new PersistedStore(this.store, opts.persistPath) : undefined;
    this.persisted?.refresh();
    this.faults = new FaultPicker(toSpec(opts.faults), opts.seed ?? 1);
    this.limiter = new SlidingWindowLimiter(opts.rateLimitPerMinute ?? 200, opts.rateWindowMs ?? 60_000);
    this.cfg = { apiKey: opts.apiKey ?? 'sandbox', apiToken: opts.apiToken ?? 'sandbox', pageSize: opts.pageSize ?? 50, store: this.store, limiter: this.limiter, autoCredentials: opts.autoCredentials };
    this.slowMs = opts.slowMs ?? 30_000;
    this.latencyMs = opts.latencyMs ?? 0;
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
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

  /** /__sandbox/…: the test controls (state, request log, reset, faults). */
  private async control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /__sandbox/state') return send(res, { status: 200, body: this.handle.state() });
    if (route === 'GET /__sandbox/requests') return send(res, { status: 200, body: this.handle.requests() });
    if (route === 'POST /__sandbox/reset') {
      this.handle.reset();
      return send(res, { status: 200, body: { ok: true } });
    }
    if (route === 'POST /__sandbox/faults') {
      try {
        const spec = (JSON.parse(body || '{}') as { spec?: string | FaultSpec | null }).spec ?? undefined;
        this.handle.setFaults(spec);
        return send(res, { status: 200, body: { ok: true, faults: toSpec(spec) } });
      } catch (e) {
        return send(res, { status: 400, body: { ok: false, error: (e as Error).message } });
      }
    }
    send(res, { status: 404, body: { ok: false, error: `no sandbox endpoint ${route}` } });
  }

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
      await this.sleep(this.latencyMs);
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
    await this.sleep(this.latencyMs + (fault === 'slow' ? this.slowMs : 0));
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
    const work = url.pathname.startsWith('/__sandbox/') ? this.control(req, res, url) : this.api(req, res, url);
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
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return {
      ...this.handle,
      url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
      port,
      close: async () => {
        for (const t of this.timers) clearTimeout(t);
        this.timers.clear();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const s of this.sockets) s.destroy();
        await closed;
      },
    };
  }
}
