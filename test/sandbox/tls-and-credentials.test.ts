/**
 * The sandbox command's new options: HTTPS (--tls, --tls-cert/--tls-key, every bad input refused with exit-2
 * InputErrors before anything listens) and --auto-credentials (Exotel's own credential on each new trunk, in seed
 * 000's pair shape or seed 002's list shape).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/commands/sandbox.js';
import { InputError } from '../../src/core/errors.js';
import { runSandboxCommand } from '../../src/sandbox/command.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { certWarnings, generateSelfSigned, loadTlsFiles } from '../../src/sandbox/tls.js';
import { selfSignedCert } from '../probe/helpers.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'exotrunk-sbtls-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function pair(cn = 'localhost'): { cert: string; key: string } {
  const d = tmp();
  const { cert, key } = selfSignedCert(cn);
  writeFileSync(join(d, 'cert.pem'), cert);
  writeFileSync(join(d, 'key.pem'), key);
  return { cert: join(d, 'cert.pem'), key: join(d, 'key.pem') };
}

function get(url: string, ca: Buffer, path: string, auth?: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { ca, headers: auth ? { Authorization: 'Basic ' + Buffer.from(auth).toString('base64') } : {} }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function input(o: Record<string, unknown>): Promise<InputError> {
  const e = await parse(o).then(() => undefined, (x: unknown) => x);
  expect(e, JSON.stringify(o)).toBeInstanceOf(InputError);
  expect((e as InputError).exitCode).toBe(2);
  return e as InputError;
}

describe('sandbox TLS options: validated before listening', () => {
  it('a missing certificate or key file names the file and the fix', async () => {
    const { cert, key } = pair();
    expect((await input({ tlsCert: '/nonexistent/cert.pem', tlsKey: key })).message).toMatch(/Cannot read the TLS certificate \/nonexistent\/cert\.pem \(no such file\)/);
    expect((await input({ tlsCert: cert, tlsKey: '/nonexistent/key.pem' })).message).toMatch(/TLS key .*no such file/);
    expect((await input({ tlsCert: dirname(cert), tlsKey: key })).message).toMatch(/it is a folder/);
  });

  it('an unreadable key file says permission denied (when not root)', async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const { cert, key } = pair();
    chmodSync(key, 0o000);
    expect((await input({ tlsCert: cert, tlsKey: key })).message).toMatch(/permission denied/);
  });

  it('only one of the pair, both kinds at once, or --tls-dir without --tls are usage errors', async () => {
    const { cert, key } = pair();
    expect((await input({ tlsCert: cert })).message).toMatch(/--tls-key is missing/);
    expect((await input({ tlsKey: key })).message).toMatch(/--tls-cert is missing/);
    expect((await input({ tls: true, tlsCert: cert, tlsKey: key })).message).toMatch(/one or the other/);
    expect((await input({ tlsDir: tmp() })).message).toMatch(/add --tls/);
    expect((await input({ tlsDir: tmp(), tlsCert: cert, tlsKey: key })).message).toMatch(/--tls-dir applies to --tls only/);
  });

  it('a file that is not PEM, and a key of another certificate, are refused with the fix', async () => {
    const a = pair();
    const b = pair();
    const junk = join(tmp(), 'junk.pem');
    writeFileSync(junk, 'hello\n');
    expect((await input({ tlsCert: junk, tlsKey: a.key })).message).toMatch(/is not a PEM certificate/);
    expect((await input({ tlsCert: a.cert, tlsKey: junk })).message).toMatch(/is not an unencrypted PEM private key/);
    const e = await input({ tlsCert: a.cert, tlsKey: b.key });
    expect(e.message).toBe(`The key ${b.key} does not belong to the certificate ${a.cert}.`);
    expect(e.fix).toMatch(/openssl x509 -noout -pubkey/);
  });

  it('bad --auto-credentials and --port are refused too', async () => {
    expect((await input({ autoCredentials: 'both' })).message).toMatch(/use pair .* or list/);
    expect((await input({ port: '-1' })).message).toMatch(/--port/);
    expect((await parse({ autoCredentials: true })).autoCredentials).toBe('pair');
    expect((await parse({ autoCredentials: 'list' })).autoCredentials).toBe('list');
  });

  it('warns about a certificate that does not name the address, or has expired', () => {
    const other = pair('other.example');
    const files = loadTlsFiles(other.cert, other.key);
    // selfSignedCert always adds IP:127.0.0.1; a host it does not name is refused by clients
    expect(certWarnings(files, '127.0.0.2')[0]).toMatch(/does not name 127\.0\.0\.2/);
    expect(certWarnings(files, '127.0.0.1')).toEqual([]);
    expect(certWarnings(files, '127.0.0.1', new Date(Date.now() + 400 * 86_400_000))[0]).toMatch(/expired/);
  });
});

describe('sandbox over HTTPS', () => {
  it('--tls makes a self-signed certificate for 127.0.0.1 (key 0600), prints URL then certificate, and removes it on exit', async () => {
    const tls = (await parse({ tls: true })).tlsFiles!;
    expect(tls.generated).toBe(true);
    expect(statSync(tls.keyPath).mode & 0o777).toBe(0o600);
    const out = new PassThrough();
    const err = new PassThrough();
    let stdout = '';
    let stderr = '';
    out.on('data', (c: Buffer) => (stdout += c));
    err.on('data', (c: Buffer) => (stderr += c));
    const done = runSandboxCommand({ tlsFiles: tls }, { stdout: out, stderr: err });
    while (stdout.split('\n').length < 3) await new Promise((r) => setTimeout(r, 5));
    const [url, certPath] = stdout.split('\n');
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(certPath).toBe(tls.certPath);
    expect(stderr).toContain(`NODE_EXTRA_CA_CERTS=${tls.certPath}`);
    expect(stderr).toContain(`curl --cacert ${tls.certPath}`);
    expect(stderr).not.toContain('Warning');
    const r = await get(url, readFileSync(certPath), '/v2/accounts/a/trunks/trmum1nothere000/credentials', 'sandbox:sandbox');
    expect(r.status).toBe(404);
    expect(r.json.response.error_data.code).toBe(1003);
    process.emit('SIGINT');
    await expect(done).resolves.toBe(0);
    expect(existsSync(dirname(tls.certPath))).toBe(false);
  });

  it('--tls --tls-dir keeps the pair where asked; openssl agrees the key matches', () => {
    const dir = join(tmp(), 'certs');
    const tls = generateSelfSigned(dir);
    expect(tls.certPath).toBe(join(dir, 'cert.pem'));
    expect(tls.temporary).toBe(false);
    const text = execFileSync('openssl', ['x509', '-in', tls.certPath, '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8' });
    expect(text).toMatch(/IP Address:127\.0\.0\.1/);
    expect(() => loadTlsFiles(tls.certPath, tls.keyPath)).not.toThrow();
  });

  it('--tls-cert / --tls-key serve the given pair', async () => {
    const p = pair();
    const files = (await parse({ tlsCert: p.cert, tlsKey: p.key })).tlsFiles!;
    const sb = await startSandbox({ tls: { cert: files.cert, key: files.key } });
    try {
      expect(sb.url).toMatch(/^https:/);
      const r = await get(sb.url, files.cert, '/v2/accounts/a/trunks/trmum1nothere000/phone-numbers', 'sandbox:sandbox');
      expect(r.status).toBe(404);
    } finally {
      await sb.close();
    }
  });
});

describe('--auto-credentials', () => {
  const auth = 'Basic ' + Buffer.from('sandbox:sandbox').toString('base64');
  async function call(url: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${url}/v2/accounts/acct${path}`, { method, headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await res.json()) as any;
  }
  const newTrunk = async (url: string, name: string) =>
    (await call(url, 'POST', '/trunks', { trunk_name: name, nso_code: 'ANY-ANY', domain_name: 'acct.pstn.exotel.com' })).response.data.trunk_sid as string;

  it('pair: GET answers seed 000 {username: trunk sid, password}, then the list (no password) once the API adds one', async () => {
    const sb = await startSandbox({ autoCredentials: 'pair' });
    try {
      const sid = await newTrunk(sb.url, 'pair_t');
      const first = await call(sb.url, 'GET', `/trunks/${sid}/credentials`);
      expect(first.response.status).toBe('success');
      expect(first.response.data.username).toBe(sid);
      expect(first.response.data.password).toMatch(/^[A-Za-z0-9]{16}$/);
      await call(sb.url, 'POST', `/trunks/${sid}/credentials`, { user_name: 'mine', password: 'Mine-Pw-1234-abcd' });
      const both = await call(sb.url, 'GET', `/trunks/${sid}/credentials`);
      expect(both.response.map((i: any) => i.data.user_name)).toEqual([sid, 'mine']);
      expect(JSON.stringify(both)).not.toContain(first.response.data.password);
      expect(JSON.stringify(both)).not.toContain('Mine-Pw');
    } finally {
      await sb.close();
    }
  });

  it('list: always the list shape, Exotel\'s item without a password; off: no credential at all', async () => {
    const sb = await startSandbox({ autoCredentials: 'list' });
    const off = await startSandbox();
    try {
      const sid = await newTrunk(sb.url, 'list_t');
      const list = await call(sb.url, 'GET', `/trunks/${sid}/credentials`);
      expect(list.response).toHaveLength(1);
      expect(list.response[0].data).toMatchObject({ user_name: sid, trunk_sid: sid, friendly_name: null });
      expect(list.response[0].data.password).toBeUndefined();
      expect(list.metadata.total).toBe(1);
      const sid2 = await newTrunk(off.url, 'off_t');
      expect((await call(off.url, 'GET', `/trunks/${sid2}/credentials`)).response).toEqual([]);
    } finally {
      await sb.close();
      await off.close();
    }
  });
});
