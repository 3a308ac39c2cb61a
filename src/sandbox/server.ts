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
  const host = opts.host ?? '127.0.0.1';
  const store = new Store();
  const persisted = opts.persistPath ? new PersistedStore(store, opts.persistPath) : undefined;
  persisted?.refresh();
  const faults = new FaultPicker(toSpec(opts.faults), opts.seed ?? 1);
  const limiter = new SlidingWindowLimiter(opts.rateLimitPerMinute ?? 200, opts.rateWindowMs ?? 60_000);
  const cfg: ApiConfig = {
    apiKey: opts.apiKey ?? 'sandbox',
    apiToken: opts.apiToken ?? 'sandbox',
    pageSize: opts.pageSize ?? 50,
    store,
    limiter,
    autoCredentials: opts.autoCredentials,
  };
  const slowMs = opts.slowMs ?? 30_000;
  let latencyMs = opts.latencyMs ?? 0;
  let log: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const sleep = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });

  const handle: Omit<SandboxHandle, 'url' | 'port' | 'close'> = {
    state: () => store.snapshot(),
    requests: () => structuredClone(log),
    reset: () => {
      store.reset();
      limiter.reset();
      faults.reseed();
      log = [];
    },
    setFaults: (spec) => faults.setSpec(toSpec(spec)),
    setLatency: (ms) => {
      latencyMs = ms;
    },
  };

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /__sandbox/state') return send(res, { status: 200, body: handle.state() });
    if (route === 'GET /__sandbox/requests') return send(res, { status: 200, body: handle.requests() });
    if (route === 'POST /__sandbox/reset') {
      handle.reset();
      return send(res, { status: 200, body: { ok: true } });
    }
    if (route === 'POST /__sandbox/faults') {
      try {
        const spec = (JSON.parse(body || '{}') as { spec?: string | FaultSpec | null }).spec ?? undefined;
        handle.setFaults(spec);
        return send(res, { status: 200, body: { ok: true, faults: toSpec(spec) } });
      } catch (e) {
        return send(res, { status: 400, body: { ok: false, error: (e as Error).message } });
      }
    }
    send(res, { status: 404, body: { ok: false, error: `no sandbox endpoint ${route}` } });
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const fault = faults.next();
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
      await sleep(latencyMs);
      log.push(entry(0));
      req.socket.destroy();
      return;
    }
    const injected = fault ? faultReply(fault, method) : undefined;
    // the write is applied here, before any delay, so a 'lost' or 'slow' answer leaves it in place; the
    // embedded sandbox reads its file first and writes it straight after, with nothing in between
    persisted?.refresh();
    const reply = injected ?? handleApi(cfg, { method, url, headers: req.headers, body });
    if (persisted && method !== 'GET' && !injected) persisted.save();
    await sleep(latencyMs + (fault === 'slow' ? slowMs : 0));
    if (fault === 'lost') {
      log.push(entry(0, reply));
      req.socket.destroy();
      return;
    }
    const logged = entry(reply.status, reply);
    log.push(logged);
    recordRejection(logged, req.headers);
    send(res, reply);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const work = url.pathname.startsWith('/__sandbox/') ? control(req, res, url) : api(req, res, url);
    work.catch((e: unknown) => {
      // a bug in the sandbox, not an Exotel behaviour: say so plainly
      if (!res.headersSent) send(res, { status: 500, text: `sandbox bug: ${(e as Error).message}` });
    });
  };
  // Real Exotel is HTTPS only; clients that insist on https (Exotel's own curl scripts) need this to reach it.
  const server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest) : createServer(onRequest);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
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
    ...handle,
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
