/**
 * The one-off commands around an applied recipe, as a user meets them after the wizard: what they add is
 * recorded for the recipe (so verify agrees), what Exotel would refuse is refused first (exit 2, nothing sent),
 * usage errors exit 2 (with one JSON document under --json), and teardown is idempotent and leaves no password
 * on disk.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, cli, requireBuilt, secretLeaks, startSandboxProc, tempDir, why, type SandboxProc } from './helpers.js';

let sb: SandboxProc;
const ACCOUNT = 'rescmd';
const PBX = ['--set', 'direction=both', '--set', 'trunk_name=res_pbx', '--set', 'did=+918070000001', '--set', 'pbx_ips=44.248.146.11', '--set', 'pbx_host=44.248.146.11'];
let cwd: string;
const run = (args: string[], env: Record<string, string | undefined> = {}) => cli(args, { cwd, url: sb.url, account: ACCOUNT, env });
const writes = async (kind: string) => (await sb.requests()).filter((r: { method: string; path: string }) => r.method !== 'GET' && r.path.startsWith(`/v2/accounts/${ACCOUNT}/`) && r.path.endsWith(kind));

beforeAll(async () => {
  requireBuilt();
  sb = await startSandboxProc();
  cwd = tempDir();
  const r = await run(['apply', 'own-pbx', ...PBX, '--yes', '--no-input']);
  expect(r.code, why(r)).toBe(0);
}, 60_000);

afterAll(async () => {
  await sb?.stop();
  expect(secretLeaks()).toEqual([]);
  cleanupTempDirs();
});

describe('after apply own-pbx', () => {
  it('numbers add --file (with a header line) records the numbers for the recipe, so verify stays clean', async () => {
    writeFileSync(join(cwd, 'numbers.csv'), 'phone,mode\n+918070000002,pstn\n+918070000003\n');
    const r = await run(['numbers', 'add', '--file', 'numbers.csv', '--recipe', 'own-pbx']);
    expect(r.code, why(r)).toBe(0);
    expect(r.stdout).toContain('2/2 numbers verified');
    expect(r.stdout).toContain('Recorded for own-pbx');
    const v = await run(['verify', 'own-pbx', '--json']);
    expect(v.code, why(v)).toBe(0);
    expect(JSON.parse(v.stdout).checked.filter((c: { resource: string }) => c.resource === 'number')).toHaveLength(3);
    // a number and a file at once is a usage error
    const both = await run(['numbers', 'add', '+918070000004', '--file', 'numbers.csv', '--recipe', 'own-pbx']);
    expect(both.code, why(both)).toBe(2);
  });

  it('a credential is never made with a password nobody can see', async () => {
    const before = (await writes('/credentials')).length;
    const r = await run(['credentials', 'add', 'gen_user1', '--recipe', 'own-pbx'], { EXOTRUNK_SIP_PASSWORD: undefined });
    expect(r.code, why(r)).toBe(2);
    expect(r.stderr).toMatch(/without --show-secrets nobody would ever see it/);
    expect((await writes('/credentials')).length).toBe(before);
  });

  it('an IP destination that is not whitelisted, or one without a port, is refused before sending', async () => {
    const before = (await writes('/destination-uris')).length;
    const ip = await run(['destinations', 'add', '44.2.2.2:5060;transport=tcp', '--recipe', 'own-pbx']);
    expect(ip.code, why(ip)).toBe(2);
    expect(ip.stderr).toMatch(/44\.2\.2\.2 is not on the trunk's ACL/);
    expect(ip.stderr).toContain('exotrunk acl add 44.2.2.2 --recipe own-pbx');
    const noPort = await run(['destinations', 'add', 'sbc2.example.com', '--recipe', 'own-pbx']);
    expect(noPort.code, why(noPort)).toBe(2);
    expect(noPort.stderr).toMatch(/has no port.*sbc2\.example\.com:5061;transport=tls/);
    expect((await writes('/destination-uris')).length).toBe(before);
  });

  it('alias set is journaled: verify reports the change instead of a false ✓', async () => {
    const r = await run(['alias', 'set', '+918070000099', '--recipe', 'own-pbx']);
    expect(r.code, why(r)).toBe(0);
    expect(r.stdout).toMatch(/own-pbx wants \+918070000001 as caller ID/);
    const v = await run(['verify', 'own-pbx', '--json']);
    expect(v.code, why(v)).toBe(3);
    expect(JSON.parse(v.stdout).items).toEqual([expect.objectContaining({ resource: 'alias', expected: '+918070000001', actual: '+918070000099' })]);
    const fixed = await run(['apply', 'own-pbx', '--yes', '--no-input']);
    expect(fixed.code, why(fixed)).toBe(0);
    expect((await run(['verify', 'own-pbx'])).code).toBe(0);
  });

  it('usage errors exit 2, with one JSON document under --json and a suggestion for a typo', async () => {
    const bogus = await run(['plan', 'own-pbx', '--bogus', '--json']);
    expect(bogus.code).toBe(2);
    expect(JSON.parse(bogus.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { message: "unknown option '--bogus'" } });
    const typo = await run(['verfy']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command 'verfy' (did you mean verify?)");
    const unknown = await run(['acl', 'list', '--recipe', 'nope']);
    expect(unknown.code, why(unknown)).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown recipe "nope"[\s\S]*own-pbx/);
  });

  it('an answers file keeps what was typed: an unquoted +91 number and a leading zero', async () => {
    writeFileSync(join(cwd, 'answers.yaml'), 'did: +918070000001\ntrunk_name: res_pbx\npbx_ips: 44.248.146.11\npbx_host: 44.248.146.11\ndirection: both\n');
    const r = await run(['plan', 'own-pbx', '--answers', 'answers.yaml', '--format', 'json']);
    expect([0, 3], why(r)).toContain(r.code);
    expect(JSON.parse(r.stdout).steps.every((s: { title: string }) => !s.title.includes('918070000001 ') || s.title.includes('+918070000001'))).toBe(true);
  });

  it('planning another recipe on the same ExoPhone warns that calls reach only one trunk', async () => {
    const r = await run(['plan', 'livekit', '--set', 'did=+918070000001', '--set', 'livekit_subdomain=abc123', '--set', 'direction=both', '--format', 'json']);
    expect(r.code, why(r)).toBe(0);
    expect(JSON.parse(r.stdout).warnings.join('\n')).toMatch(/\+918070000001 is also mapped to own-pbx's trunk trmum/);
  });

  it('teardown removes the rendered configs (they hold the deleted credential) and a second teardown is a no-op', async () => {
    const out = join(cwd, '.exotrunk', 'out', 'own-pbx');
    expect(existsSync(out)).toBe(true);
    const t = await run(['teardown', 'own-pbx', '--yes']);
    expect(t.code, why(t)).toBe(0);
    expect(t.stdout).toContain('were removed');
    expect(existsSync(out)).toBe(false);
    const again = await run(['teardown', 'own-pbx', '--yes']);
    expect(again.code, why(again)).toBe(0);
    expect(again.stdout).toMatch(/already torn down on \d{4}-\d\d-\d\d: nothing to do/);
    const v = await run(['verify', 'own-pbx']);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/was torn down on/);
  });
});
