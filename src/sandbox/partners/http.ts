/**
 * The small HTTP harness the partner stand-ins share: node:http on loopback, the Exotel sandbox's fault
 * machinery (src/sandbox/faults.ts: one seeded draw per request; 500 / 503 / 429 answered without applying,
 * reset before applying, lost and slow after applying), latency, a request log and /__sandbox/ control routes.
 * The request log keeps method, path, status and the refusal reason: never a header or a body.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { FaultPicker, type FaultKind, type FaultSpec } from '../faults.js';
import { control, listenTracked, readBody, send, Timers, toSpec, type HttpReply, type ServedHandle } from '../http-kit.js';

export interface StandInRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandInReply extends HttpReply {
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

export interface StandInHandle<S> extends ServedHandle<S, StandInLogEntry> {
  /** these faults hit the next requests, one each, in order, before any random draw (deterministic tests) */
  injectNext(...kinds: FaultKind[]): void;
}

export interface StandInApp<S> {
  handle(req: StandInRequest): StandInReply | Promise<StandInReply>;
  /** the answer of an injected status fault, in the partner's error format */
  fault(kind: '500' | '503' | '429'): StandInReply;
  state(): S;
  reset(): void;
}

export async function serveStandIn<S>(app: StandInApp<S>, opts: StandInOptions = {}): Promise<StandInHandle<S>> {
  const host = opts.host ?? '127.0.0.1';
  const faults = new FaultPicker(toSpec(opts.faults), opts.seed ?? 1);
  const slowMs = opts.slowMs ?? 30_000;
  let latencyMs = opts.latencyMs ?? 0;
  let log: StandInLogEntry[] = [];
  let queued: FaultKind[] = [];
  const timers = new Timers();

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
      await timers.sleep(latencyMs);
      log.push(entry(0));
      req.socket.destroy();
      return;
    }
    const injected = fault === '500' || fault === '503' || fault === '429' ? app.fault(fault) : undefined;
    // applied before any delay, so a 'lost' or 'slow' answer leaves the change in place
    const reply = injected ?? (await app.handle({ method, url, headers: req.headers, body }));
    await timers.sleep(latencyMs + (fault === 'slow' ? slowMs : 0));
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
    const work = url.pathname.startsWith('/__sandbox/') ? control(req, res, url, handle) : api(req, res, url);
    work.catch((e: unknown) => {
      if (!res.headersSent) send(res, { status: 500, text: `stand-in bug: ${(e as Error).message}` });
    });
  });
  const { url, port, close } = await listenTracked(server, host, opts.port ?? 0, timers);
  return { ...handle, url, port, close };
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

/** Copy each named field the update sets (not undefined) onto the target: a PATCH or a Twirp update message. */
export function setDefined<T extends object, U extends object>(target: T, update: U, keys: readonly (keyof U & keyof T)[]): void {
  for (const k of keys) if (update[k] !== undefined) (target as Record<PropertyKey, unknown>)[k] = update[k];
}

/** The answers of the injected status faults in a partner's words: its gateway's plain-text 503, its own 429 (with Retry-After) and 500. */
export function statusFaults(gateway503: string, partnerError: (status: 429 | 500, headers?: Record<string, string>) => StandInReply): (kind: '500' | '503' | '429') => StandInReply {
  return (kind) => (kind === '503' ? { status: 503, text: gateway503, refused: 'fault 503' } : kind === '429' ? partnerError(429, { 'Retry-After': '1' }) : partnerError(500));
}
