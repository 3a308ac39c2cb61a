/**
 * The small HTTP harness the partner stand-ins share: node:http on loopback, the Exotel sandbox's fault
 * machinery (src/sandbox/faults.ts: one seeded draw per request; 500 / 503 / 429 answered without applying,
 * reset before applying, lost and slow after applying), latency, a request log and /__sandbox/ control routes.
 * The request log keeps method, path, status and the refusal reason: never a header or a body.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { checkFaultSpec, FaultPicker, parseFaultSpec, type FaultKind, type FaultSpec } from '../faults.js';

export interface StandInRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandInReply {
  status: number;
  /** JSON body; `text` wins when both are given */
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** default application/json */
  contentType?: string;
  /** why the stand-in refused the request (kept in the request log for tests) */
  refused?: string;
}

export interface StandInLogEntry {
  method: string;
  path: string;
  status: number;
  at: string;
  fault?: FaultKind;
  refused?: string;
}

export interface StandInOptions {
  host?: string;
  port?: number;
  faults?: string | FaultSpec;
  seed?: number;
  latencyMs?: number;
  /** how long a 'slow' fault waits (default 30000) */
  slowMs?: number;
  /** sees every API request as it arrived, headers and body included (tests: what exotrunk sends) */
  onRequest?: (req: StandInRequest) => void;
}

export interface StandInHandle<S> {
  url: string;
  port: number;
  close(): Promise<void>;
  /** deep copy of the stored resources (passwords included: tests only) */
  state(): S;
  requests(): StandInLogEntry[];
  reset(): void;
  setFaults(spec: string | FaultSpec | undefined): void;
  /** these faults hit the next requests, one each, in order, before any random draw (deterministic tests) */
  injectNext(...kinds: FaultKind[]): void;
  setLatency(ms: number): void;
}

export interface StandInApp<S> {
  handle(req: StandInRequest): StandInReply | Promise<StandInReply>;
  /** the answer of an injected status fault, in the partner's error format */
  fault(kind: '500' | '503' | '429'): StandInReply;
  state(): S;
  reset(): void;
}

const MAX_BODY = 1024 * 1024;

const toSpec = (spec: string | FaultSpec | undefined): FaultSpec => (spec === undefined ? {} : typeof spec === 'string' ? parseFaultSpec(spec) : checkFaultSpec({ ...spec }));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? '' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: StandInReply): void {
  const payload = reply.text ?? (reply.status === 204 ? '' : JSON.stringify(reply.body ?? null));
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status !== 204) headers['Content-Type'] = reply.text !== undefined ? (reply.contentType ?? 'text/plain; charset=utf-8') : (reply.contentType ?? 'application/json');
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export async function serveStandIn<S>(app: StandInApp<S>, opts: StandInOptions = {}): Promise<StandInHandle<S>> {
  const host = opts.host ?? '127.0.0.1';
  const faults = new FaultPicker(toSpec(opts.faults), opts.seed ?? 1);
  const slowMs = opts.slowMs ?? 30_000;
  let latencyMs = opts.latencyMs ?? 0;
  let log: StandInLogEntry[] = [];
  let queued: FaultKind[] = [];
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

  const handle: Omit<StandInHandle<S>, 'url' | 'port' | 'close'> = {
    state: () => structuredClone(app.state()),
    requests: () => structuredClone(log),
    reset: () => {
      app.reset();
      faults.reseed();
      log = [];
      queued = [];
    },
    setFaults: (spec) => faults.setSpec(toSpec(spec)),
    injectNext: (...kinds) => {
      queued.push(...kinds);
    },
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
    opts.onRequest?.({ method, url, headers: req.headers, body });
    const fault = queued.shift() ?? faults.next();
    const entry = (status: number, reply?: StandInReply): StandInLogEntry => ({
      method,
      path: url.pathname,
      status,
      at: new Date().toISOString(),
      ...(fault ? { fault } : {}),
      ...(reply?.refused ? { refused: reply.refused } : {}),
    });
    if (fault === 'reset') {
      await sleep(latencyMs);
      log.push(entry(0));
      req.socket.destroy();
      return;
    }
    const injected = fault === '500' || fault === '503' || fault === '429' ? app.fault(fault) : undefined;
    // applied before any delay, so a 'lost' or 'slow' answer leaves the change in place
    const reply = injected ?? (await app.handle({ method, url, headers: req.headers, body }));
    await sleep(latencyMs + (fault === 'slow' ? slowMs : 0));
    if (fault === 'lost') {
      log.push(entry(0, reply));
      req.socket.destroy();
      return;
    }
    log.push(entry(reply.status, reply));
    send(res, reply);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in.local');
    const work = url.pathname.startsWith('/__sandbox/') ? control(req, res, url) : api(req, res, url);
    work.catch((e: unknown) => {
      if (!res.headersSent) send(res, { status: 500, text: `stand-in bug: ${(e as Error).message}` });
    });
  });
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
    url: `http://${urlHost}:${port}`,
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

/** Deterministic ids for a stand-in: the same seed and request order give the same ids. */
export function idMaker(random: () => number) {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return (prefix: string, length: number): string => {
    let out = prefix;
    for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
    return out;
  };
}

export function jsonBody(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: text === '' ? {} : JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
