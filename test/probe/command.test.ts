import { createServer, type Server } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCommand, renderProbeTable, wrap } from '../../src/commands/probe.js';
import { sipCodeCommand } from '../../src/commands/sip-code.js';
import type { ProbeResult } from '../../src/core/probe/probe.js';
import { answerOptions, close, freePort, listen } from './helpers.js';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));

describe('wrap', () => {
  it('wraps on words, indents continuation lines, and hard-breaks words longer than a line', () => {
    expect(wrap('aa bb cc dd', 5, ' ')).toEqual(['aa bb', ' cc', ' dd']);
    expect(wrap('abcdefghij', 4, '  ')).toEqual(['abcd', '  ef', '  gh', '  ij']);
    expect(wrap('', 10)).toEqual(['']);
    for (const l of wrap('x'.repeat(200) + ' word '.repeat(40), 30, '    ')) expect(l.length).toBeLessThanOrEqual(30);
  });
});

describe('probeCommand', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((s) => answerOptions(s, '200 OK'));
    port = await listen(server);
  });
  afterAll(() => close(server));

  it('prints a table that fits 80 columns and exits 0 when the target answers', async () => {
    const t = io();
    const code = await probeCommand(`127.0.0.1:${port};transport=tcp`, { attempts: 2, timeoutMs: 2000 }, t.io);
    expect(code).toBe(0);
    expect(t.out()).toMatch(/^STAGE\s+RESULT\s+TIME\s+DETAIL$/m);
    expect(t.out()).toMatch(/^connect\s+ok\s+/m);
    expect(t.out()).toMatch(/^sip\s+ok\s+.*200 OK/m);
    expect(t.out()).toContain('Answered: 200 OK');
    expect(widest(t.out())).toBeLessThanOrEqual(80);
    expect(t.err()).toBe('');
  });

  it('prints one JSON document with --json', async () => {
    const t = io();
    const code = await probeCommand(`sip:127.0.0.1:${port};transport=tcp`, { json: true, attempts: 1, timeoutMs: 2000 }, t.io);
    expect(code).toBe(0);
    const doc = JSON.parse(t.out()) as ProbeResult;
    expect(doc).toMatchObject({ answered: true, transport: 'tcp', sip: { statusCode: 200, attempts: 1 } });
  });

  it('exits 1 naming the failed stage and its likely cause', async () => {
    const closed = await freePort('tcp');
    const t = io();
    const code = await probeCommand(`127.0.0.1:${closed};transport=tcp`, { timeoutMs: 1000 }, t.io);
    expect(code).toBe(1);
    expect(t.out()).toMatch(/^connect\s+FAIL/m);
    expect(t.out()).toMatch(/Not answered: the connect stage failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
    expect(t.out()).toContain('Likely cause: Connection refused');
    expect(widest(t.out())).toBeLessThanOrEqual(80);
  });

  it.each([
    ['ftp://x', {}, /scheme/],
    ['host:99999', {}, /port/],
    ['127.0.0.1:5060', { attempts: 0 }, /--attempts "0" is not valid: use a whole number from 1 to 20/],
    ['127.0.0.1:5060', { timeoutMs: 1.5 }, /--timeout/],
    ['127.0.0.1:5060;transport=tcp', { servername: 'x.example' }, /--servername only applies to TLS/],
  ])('exits 2 on bad input %j %j, on stderr, with nothing sent', async (target, opts, message) => {
    const t = io();
    expect(await probeCommand(target, opts, t.io)).toBe(2);
    expect(t.err()).toMatch(message);
    expect(t.out()).toBe('');
  });

  it('shows a non-2xx code in the RESULT column and keeps long TLS details inside 80 columns', () => {
    const r: ProbeResult = {
      target: 'sip:in.voip.exotel.com:443;transport=tls', host: 'in.voip.exotel.com', port: 443, transport: 'tls',
      defaults: ['transport tls: port 443 carries SIP over TLS'], addresses: ['192.0.2.10'], address: '192.0.2.10', answered: true,
      tls: {
        protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', verified: true, problems: [],
        cert: { subject: `CN=${'very-long-name.'.repeat(8)}exotel.com`, issuer: "C=US, O=Let's Encrypt, CN=R11", validFrom: '2026-06-01T00:00:00.000Z', validTo: '2026-09-01T00:00:00.000Z', daysLeft: 40, fingerprint256: 'AB:CD', selfSigned: false, altNames: 'DNS:in.voip.exotel.com' },
      },
      stages: [
        { stage: 'dns', ok: true, ms: 12.3, detail: 'in.voip.exotel.com -> 192.0.2.10' },
        { stage: 'connect', ok: true, ms: 30, detail: '192.0.2.10:443/tcp open' },
        { stage: 'tls', ok: true, ms: 61, detail: `TLSv1.3, verified; subject CN=${'very-long-name.'.repeat(8)}exotel.com; issuer C=US, O=Let's Encrypt, CN=R11; expires 2026-09-01` },
        { stage: 'sip', ok: true, ms: 31, detail: '403 Forbidden (X-Exotel-ErrorCode 4001); 1/1 answered', likelyCause: 'Forbidden: the source is not allowed. X-Exotel-ErrorCode: 4001: digest, ACL or edge mismatch' },
      ],
      sip: { statusCode: 403, reason: 'Forbidden', rtt: { min: 31, median: 31, max: 31 }, attempts: 1, answered: 1, codes: [403], exotelErrorCode: '4001' },
    };
    const text = renderProbeTable(r);
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^sip\s+403\s+31 ms\s+403 Forbidden/m);
    expect(text).toContain('(transport tls: port 443 carries SIP over TLS)');
    expect(text).toContain('Answered: 403 Forbidden (X-Exotel-ErrorCode 4001)');
    expect(text).toContain('Likely cause: Forbidden');
    expect(text).toMatch(/^ {2}subject  CN=very-long-name\./m);
    expect(text).toContain("  issuer   C=US, O=Let's Encrypt, CN=R11");
    expect(text).toContain('  expires  2026-09-01 (40 days left)');
  });
});

describe('sipCodeCommand', () => {
  it('explains 403 in under 80 columns', async () => {
    const t = io();
    expect(await sipCodeCommand('403', {}, t.io)).toBe(0);
    expect(t.out()).toMatch(/^SIP 403: Forbidden/);
    expect(t.out()).toContain('X-Exotel-ErrorCode: 4001');
    expect(t.out()).toContain('What to check:');
    expect(widest(t.out())).toBeLessThanOrEqual(80);
  });

  it('prints the row as JSON with --json', async () => {
    const t = io();
    expect(await sipCodeCommand(' 488 ', { json: true }, t.io)).toBe(0);
    expect(JSON.parse(t.out())).toMatchObject({ code: 488, causes: expect.any(Array), fixes: expect.any(Array) });
  });

  it.each(['499', 'abc', '4033', ''])('exits 2 for %j and lists the known codes', async (code) => {
    const t = io();
    expect(await sipCodeCommand(code, {}, t.io)).toBe(2);
    expect(t.err()).toContain('Known codes: 100, 180');
    expect(t.err()).toContain('403');
    expect(t.out()).toBe('');
  });
});
