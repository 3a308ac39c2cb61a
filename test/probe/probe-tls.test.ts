import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '../../src/core/probe/dns.js';
import { probe } from '../../src/core/probe/probe.js';
import { parseTarget } from '../../src/core/probe/target.js';
import { answerOptions, close, listen, selfSignedCert } from './helpers.js';

const NAME = 'sip.exotrunk.test';
const resolver: Resolver = { resolve: async () => ['127.0.0.1'] };

describe('probe over TLS with a self-signed certificate', () => {
  let server: Server;
  let port: number;
  let cert: { key: string; cert: string };
  beforeAll(async () => {
    cert = selfSignedCert(NAME, 30);
    server = createServer({ key: cert.key, cert: cert.cert }, (s) => answerOptions(s, '200 OK'));
    server.on('tlsClientError', () => undefined);
    port = await listen(server);
  });
  afterAll(() => close(server));

  it('fails at tls and names the problem: self-signed certificate', async () => {
    const r = await probe(parseTarget(`sip:${NAME}:${port};transport=tls`), { resolver, timeoutMs: 2000 });
    expect(r.answered).toBe(false);
    expect(r.failedStage).toBe('tls');
    const tls = r.stages.at(-1)!;
    expect(tls).toMatchObject({ stage: 'tls', ok: false });
    expect(tls.detail).toContain('self-signed certificate');
    expect(tls.likelyCause).toMatch(/self-signed.*--insecure/);
    // Even on failure the certificate is reported.
    expect(r.tls?.cert?.subject).toContain(`CN=${NAME}`);
    expect(r.tls?.verified).toBe(false);
  });

  it('with --insecure goes on to SIP and still reports subject, issuer and expiry', async () => {
    const r = await probe(parseTarget(`sip:${NAME}:${port};transport=tls`), { resolver, insecure: true, attempts: 2, timeoutMs: 2000 });
    expect(r.answered, JSON.stringify(r.stages)).toBe(true);
    expect(r.sip).toMatchObject({ statusCode: 200, answered: 2 });
    expect(r.stages.map((s) => s.stage)).toEqual(['dns', 'connect', 'tls', 'sip']);
    expect(r.tls).toMatchObject({ verified: false, problems: ['self-signed certificate'] });
    expect(r.tls!.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(r.tls!.cert).toMatchObject({ selfSigned: true });
    expect(r.tls!.cert!.issuer).toContain('O=exotrunk test');
    expect(r.tls!.cert!.daysLeft).toBeGreaterThanOrEqual(28);
    const expiry = new Date(r.tls!.cert!.validTo).getTime();
    expect(expiry).toBeGreaterThan(Date.now() + 28 * 86_400_000);
    const detail = r.stages[2].detail;
    expect(detail).toContain('NOT verified (--insecure): self-signed certificate');
    expect(detail).toContain(`certificate expires ${r.tls!.cert!.validTo.slice(0, 10)}`);
  });

  it('verifies when the certificate is trusted and the name matches', async () => {
    const r = await probe(parseTarget(`sip:${NAME}:${port};transport=tls`), { resolver, ca: cert.cert, attempts: 1, timeoutMs: 2000 });
    expect(r.tls).toMatchObject({ verified: true, problems: [] });
    expect(r.answered).toBe(true);
  });

  it('names a mismatched certificate, and --servername picks the name checked', async () => {
    const other = await probe(parseTarget(`sip:${NAME}:${port};transport=tls`), { resolver, ca: cert.cert, servername: 'other.example', attempts: 1, timeoutMs: 2000 });
    expect(other.failedStage).toBe('tls');
    expect(other.stages.at(-1)!.detail).toContain('certificate name does not match the host (other.example)');
    expect(other.stages.at(-1)!.likelyCause).toMatch(/--servername/);
    // An IP literal is checked against the IP SAN 127.0.0.1 the test certificate carries.
    const ip = await probe(parseTarget(`127.0.0.1:${port};transport=tls`), { ca: cert.cert, attempts: 1, timeoutMs: 2000 });
    expect(ip.tls?.verified).toBe(true);
  });
});

describe('probe over TLS with an expired certificate', () => {
  it('fails and says when it expired', async () => {
    const cert = selfSignedCert(NAME, 1, true);
    const server = createServer({ key: cert.key, cert: cert.cert }, (s) => answerOptions(s, '200 OK'));
    server.on('tlsClientError', () => undefined);
    const port = await listen(server);
    try {
      const r = await probe(parseTarget(`sip:${NAME}:${port};transport=tls`), { resolver, ca: cert.cert, timeoutMs: 2000 });
      expect(r.failedStage).toBe('tls');
      expect(r.stages.at(-1)!.detail).toMatch(/certificate expired on \d{4}-\d{2}-\d{2}/);
      expect(r.stages.at(-1)!.likelyCause).toMatch(/expired: renew/);
      expect(r.tls!.cert!.daysLeft).toBeLessThan(0);
    } finally {
      await close(server);
    }
  });
});
