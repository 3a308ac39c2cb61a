/**
 * What the Exotel sandbox (server.ts) and the partner stand-ins (partners/http.ts) share on the HTTP side:
 * reading a capped body, writing a reply, the /__sandbox/ control routes, delays that close() can cancel,
 * and listening on loopback with every socket tracked so close() never waits on a keep-alive client.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Server, Socket } from 'node:net';
import { checkFaultSpec, parseFaultSpec, type FaultSpec } from './faults.js';

const MAX_BODY = 1024 * 1024;

export interface HttpReply {
  status: number;
  /** JSON body; `text` wins when both are given */
  body?: unknown;
  /** a non-JSON body (what a gateway in front of the API sends on 503) */
  text?: string;
  headers?: Record<string, string>;
  /** default application/json, or text/plain for `text` */
  contentType?: string;
}

export function toSpec(spec: string | FaultSpec | undefined): FaultSpec {
  if (spec === undefined) return {};
  return typeof spec === 'string' ? parseFaultSpec(spec) : checkFaultSpec({ ...spec });
}

export function readBody(req: IncomingMessage): Promise<string> {
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

export function send(res: ServerResponse, reply: HttpReply): void {
  const payload = reply.text ?? (reply.status === 204 ? '' : JSON.stringify(reply.body ?? null));
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status !== 204) headers['Content-Type'] = reply.contentType ?? (reply.text !== undefined ? 'text/plain; charset=utf-8' : 'application/json');
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** The knobs behind the control routes: the stored state (passwords included: tests only) and the request log. */
export interface ControlKnobs<S = unknown, L = unknown> {
  /** deep copy */
  state(): S;
  requests(): L[];
  reset(): void;
  setFaults(spec: string | FaultSpec | undefined): void;
  setLatency(ms: number): void;
}

/** A running server and its knobs, as tests and `--control` hold it. */
export interface ServedHandle<S, L> extends ControlKnobs<S, L> {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** /__sandbox/…: the test controls (state, request log, reset, faults). */
export async function control(req: IncomingMessage, res: ServerResponse, url: URL, knobs: ControlKnobs): Promise<void> {
  const body = await readBody(req);
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /__sandbox/state') return send(res, { status: 200, body: knobs.state() });
  if (route === 'GET /__sandbox/requests') return send(res, { status: 200, body: knobs.requests() });
  if (route === 'POST /__sandbox/reset') {
    knobs.reset();
    return send(res, { status: 200, body: { ok: true } });
  }
  if (route === 'POST /__sandbox/faults') {
    try {
      const spec = (JSON.parse(body || '{}') as { spec?: string | FaultSpec | null }).spec ?? undefined;
      knobs.setFaults(spec);
      return send(res, { status: 200, body: { ok: true, faults: toSpec(spec) } });
    } catch (e) {
      return send(res, { status: 400, body: { ok: false, error: (e as Error).message } });
    }
  }
  send(res, { status: 404, body: { ok: false, error: `no sandbox endpoint ${route}` } });
}

/** Delays (latency, slow faults) that close() cancels. */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.pending.delete(t);
        resolve();
      }, ms);
      this.pending.add(t);
    });
  }

  clear(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}

/** Listen on host:port; close() cancels the delays, destroys every open socket and waits for the server. */
export async function listenTracked(server: Server, host: string, port: number, timers: Timers, scheme = 'http'): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${scheme}://${urlHost}:${bound}`,
    port: bound,
    close: async () => {
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
