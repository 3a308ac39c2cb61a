/**
 * Bounded reads and waits (report rows 11, 12, 20): a server that sends a body without end, pages without
 * end, or a Retry-After longer than a command waits; Ctrl-C with requests queued; the rate-limit memory with
 * times in the future. The misbehaving server is a plain node:http server on 127.0.0.1 in this process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExotelClient } from '../../src/core/exotel/client.js';
import { explainExotelError } from '../../src/core/exotel/error-table.js';
import { failureOf } from '../../src/core/plan/failure.js';
import { ExotelApiError, ExotelNetworkError, InterruptedError, RetryAfterTooLongError } from '../../src/core/exotel/errors.js';
import { rateMemoryWarnings, recall } from '../../src/core/exotel/rate-memory.js';
import type { ExotelClientConfig, RetryInfo } from '../../src/core/exotel/types.js';
import { retryText } from '../../src/present/retry.js';
import { Secret } from '../../src/core/secret.js';
import { hugeAnswer } from '../helpers/huge-answer.js';

const SID = 'trmum1bounds';
let server: Server | undefined;
let hits = 0;
const cleanup: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) c();
  if (server) await new Promise((r) => server!.close(() => r(undefined)));
  server = undefined;
  hits = 0;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<string> {
  server = createServer((req, res) => handler(req, res, ++hits));
  server.keepAliveTimeout = 100;
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const page = (next: string | null) => JSON.stringify({ request_id: 'r', method: 'GET', http_code: 200, metadata: { page_size: 50, next_page_uri: next }, response: [] });
const json = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
};

function client(url: string, over: Partial<ExotelClientConfig> = {}) {
  const retries: RetryInfo[] = [];
  const c = createExotelClient({ accountSid: 'acme', apiKey: 'k', apiToken: new Secret('t-bounds'), baseUrl: url, backoffBaseMs: 5, rateLimitPerMinute: 100_000, onRetry: (i) => retries.push(i), ...over });
  cleanup.push(() => void c.close());
  return { c, retries };
}

describe('bounded reads', () => {
  it('an answer larger than 10 MB is an error, read no further and not retried (row 11)', async () => {
    const url = await serve(hugeAnswer(12));
    const { c } = client(url);
    const e = await c.listNumbers(SID).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExotelNetworkError);
    expect((e as Error).message).toMatch(/larger than 10 MB/);
    expect(hits).toBe(1);
    // reached, so not "could not be reached": the why names what a too-large answer means
    const why = explainExotelError(e as ExotelNetworkError).cause;
    expect(why).toContain('larger than any Exotel page or record');
    expect(why).not.toContain('could not be reached');
  });

  it('a declared Content-Length over the cap fails before reading the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) });
      res.on('error', () => {});
      res.write(' ');
    });
    const { c } = client(url, { maxBodyBytes: 1024 * 1024 });
    await expect(c.listAcl(SID)).rejects.toThrow(/larger than 1 MB/);
  });

  it('a next_page_uri seen before is an error, not a silent stop (row 20)', async () => {
    const url = await serve((req, res) => json(res, 200, page(`/v2/accounts/acme/trunks/${SID}/phone-numbers?offset=50`)));
    const { c } = client(url);
    const e = await c.listNumbers(SID).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExotelApiError);
    expect((e as Error).message).toMatch(/pagination loops/);
    expect(hits).toBe(2);
  });

  it('a next_page_uri that never ends stops at 1000 pages with an error (row 20)', async () => {
    const url = await serve((req, res, n) => json(res, 200, page(`/v2/accounts/acme/trunks/${SID}/credentials?offset=${n * 50}`)));
    const { c } = client(url);
    const e = await c.listAcl(SID).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/more than 1000 pages/);
    expect(hits).toBe(1000);
  }, 60_000);
});

describe('bounded waits', () => {
  it.each([
    ['GET', 429],
    ['GET', 503],
    ['POST', 429],
  ] as const)('a %s answered %i with Retry-After: 119 is reported at once with the wait (row 20)', async (method, status) => {
    const url = await serve((_req, res) => json(res, status, '{}', { 'retry-after': '119' }));
    const { c, retries } = client(url);
    const t0 = Date.now();
    const e = await (method === 'GET' ? c.listNumbers(SID) : c.createTrunk({ trunkName: 'ra_t' })).catch((x: unknown) => x);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(e).toBeInstanceOf(RetryAfterTooLongError);
    expect((e as Error).message).toMatch(new RegExp(`HTTP ${status} and asked to wait 119 s .*longer than one command waits \\(60 s`));
    // the time to come back has its zone and how long that is; "resumes from the journal" only for a write
    const fix = failureOf(e).fix!;
    expect(fix).toMatch(/^Run the same command again after \d\d:\d\d:\d\d UTC \(in 119 s\)/);
    if (method === 'GET') expect(fix).not.toContain('journal');
    else expect(fix).toContain('it resumes from the journal');
    expect(retries).toEqual([]);
    expect(hits).toBe(1);
  });

  it('retry notices count the attempt about to be made, never beyond the limit (row 20)', async () => {
    const url = await serve((_req, res, n) => (n < 5 ? json(res, 503, '{}') : json(res, 200, page(null))));
    const { c, retries } = client(url, { maxAttempts: 5 });
    await c.listNumbers(SID);
    expect(retries.map((r) => [r.attempt, r.maxAttempts])).toEqual([[2, 5], [3, 5], [4, 5], [5, 5]]);
    expect(retries.map((r) => retryText(r))).toEqual(retries.map((r) => expect.stringMatching(new RegExp(`\\(attempt ${r.attempt} of 5\\)$`))));
  });

  it('after Ctrl-C nothing new is sent: queued requests fail as not sent, the one in flight finishes (row 10)', async () => {
    const url = await serve((_req, res) => setTimeout(() => json(res, 200, page(null)), 150));
    const ctrl = new AbortController();
    const { c } = client(url, { signal: ctrl.signal, rateLimitPerMinute: 1, rateWindowMs: 60_000 });
    const first = c.listNumbers(SID); // takes the only slot of the minute
    const queued = c.listAcl(SID).catch((x: unknown) => x); // waits for the rate limit
    await new Promise((r) => setTimeout(r, 50));
    ctrl.abort();
    await expect(first).resolves.toEqual([]);
    expect(await queued).toBeInstanceOf(InterruptedError);
    await expect(c.listCredentials(SID)).rejects.toBeInstanceOf(InterruptedError);
    expect(hits).toBe(1);
  });
});

describe('rate-limit memory (row 12)', () => {
  it('times beyond now + one window are clamped to it; a damaged file is ignored with one warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-rate-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'rate.json');
    const now = 1_800_000_000_000;
    writeFileSync(file, JSON.stringify({ k: [now - 5, now + 1000, now + 864e6, now + 864e6 + 1] }));
    rateMemoryWarnings();
    expect(recall(file, 'k', now, 60_000)).toEqual([now + 1000, now + 60_000, now + 60_000]);
    expect(rateMemoryWarnings()).toEqual([expect.stringMatching(/times up to 864000 s ahead \(was the clock set back\?\).*at most one window \(60 s\)/)]);
    writeFileSync(file, '{"k": [1, 2');
    expect(recall(file, 'k', now)).toEqual([]);
    expect(recall(file, 'k', now)).toEqual([]);
    expect(rateMemoryWarnings()).toEqual([expect.stringMatching(/is damaged; ignoring it/)]);
    writeFileSync(file, JSON.stringify({ k: ['x'] }));
    expect(recall(file, 'k', now)).toEqual([]);
    expect(rateMemoryWarnings()).toHaveLength(1);
  });

  it('a client started with a far-future memory waits at most one window, not days', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-rate-'));
    const file = join(dir, 'rate.json');
    process.env.EXOTRUNK_RATE_FILE = file;
    cleanup.push(() => {
      delete process.env.EXOTRUNK_RATE_FILE;
      rmSync(dir, { recursive: true, force: true });
    });
    const url = await serve((_req, res) => json(res, 200, page(null)));
    const far = Date.now() + 864e6;
    writeFileSync(file, JSON.stringify({ [`${url}|acme`]: Array.from({ length: 5 }, (_, i) => far + i) }));
    const { c } = client(url, { rateLimitPerMinute: 5, rateWindowMs: 1000 });
    const t0 = Date.now();
    await c.listNumbers(SID);
    expect(Date.now() - t0).toBeLessThan(3000);
    rateMemoryWarnings();
  });
});
