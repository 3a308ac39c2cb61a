/**
 * Real Exotel is HTTPS. The built binary against the sandbox behind a TLS front (a self-signed certificate the
 * child trusts through NODE_EXTRA_CA_CERTS, as a user behind a re-signing proxy would): apply and verify work,
 * connections are reused, and an untrusted certificate is one clear error, not retried and nothing created.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCert } from '../probe/helpers.js';
import { cleanupTempDirs, cli, requireBuilt, secretLeaks, startSandboxProc, tempDir, TOKEN, why, type SandboxProc } from './helpers.js';

let sb: SandboxProc;
let front: Server;
let url: string;
let caFile: string;
/** TLS sessions the front accepted: keep-alive means far fewer than requests */
let handshakes = 0;

beforeAll(async () => {
  requireBuilt();
  sb = await startSandboxProc();
  const { key, cert } = selfSignedCert('localhost');
  caFile = join(mkdtempSync(join(tmpdir(), 'exotrunk-ca-')), 'ca.pem');
  writeFileSync(caFile, cert);
  const target = new URL(sb.url);
  front = createServer({ key, cert }, (req, res) => {
    const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  front.on('secureConnection', () => handshakes++);
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', () => r()));
  url = `https://127.0.0.1:${(front.address() as { port: number }).port}`;
});

afterAll(async () => {
  front?.closeAllConnections();
  await new Promise<void>((r) => (front ? front.close(() => r()) : r()));
  await sb?.stop();
  expect(secretLeaks()).toEqual([]);
  cleanupTempDirs();
});

const SETS = ['--set', 'direction=both', '--set', 'trunk_name=tls_pbx', '--set', 'did=+918040001111', '--set', 'pbx_ips=44.248.146.11', '--set', 'pbx_host=44.248.146.11'];

describe('over HTTPS', () => {
  it('apply and verify work through TLS, on reused connections', async () => {
    const cwd = tempDir();
    const o = { cwd, url, account: 'tls_ok', env: { NODE_EXTRA_CA_CERTS: caFile } };
    const before = handshakes;
    const applied = await cli(['apply', 'own-pbx', ...SETS, '--yes', '--no-input', '--json'], o);
    expect(applied.code, why(applied)).toBe(0);
    const out = JSON.parse(applied.stdout);
    expect(out.ok).toBe(true);
    expect(out.trunkSid).toMatch(/^tr/);
    const writes = (await sb.requests()).filter((r: { path: string }) => r.path.startsWith('/v2/accounts/tls_ok/')).length;
    expect(writes).toBeGreaterThanOrEqual(5);
    // five calls, at most three in flight at once (the plan's widest level): fewer handshakes than calls
    expect(handshakes - before).toBeLessThan(writes);

    const verified = await cli(['verify', 'own-pbx', '--json'], o);
    expect(verified.code, why(verified)).toBe(0);
    expect(JSON.parse(verified.stdout).inSync).toBe(true);
  });

  it('an untrusted certificate is one clear error: not retried, nothing sent, the token nowhere', async () => {
    const cwd = tempDir();
    const seen = handshakes;
    const r = await cli(['apply', 'own-pbx', ...SETS, '--yes', '--no-input'], { cwd, url, account: 'tls_untrusted', env: { NODE_EXTRA_CA_CERTS: undefined } });
    expect(r.code, why(r)).not.toBe(0);
    expect(r.stderr).toMatch(/TLS certificate is not trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
    expect(r.stderr).toContain('NODE_EXTRA_CA_CERTS');
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
    // the handshake failed before any request: the sandbox never heard of this account
    expect((await sb.requests()).filter((q: { path: string }) => q.path.startsWith('/v2/accounts/tls_untrusted/'))).toEqual([]);
    expect(handshakes).toBe(seen);
  });
});
