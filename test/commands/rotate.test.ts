/**
 * `exotrunk credentials rotate` on the built binary: a new credential, the partner config re-rendered with it,
 * then (with --yes) the old one deleted; without --yes and without a terminal, the old one is kept.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

async function cli(cwd: string, args: string[]) {
  try {
    const r = await run('node', [CLI, ...args], { cwd, env: { ...process.env, CI: '1', NO_COLOR: '1', EXOTEL_ACCOUNT_SID: '', EXOTEL_API_TOKEN: '', EXOTRUNK_SIP_PASSWORD: '' }, timeout: 30_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('credentials rotate', () => {
  it('creates the new credential, re-renders the config, deletes the old one; keeps it without confirmation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-rotate-'));
    const applied = await cli(dir, ['apply', 'retell', '--set', 'direction=outbound', '--set', 'did=+918012345678', '--set', 'retell_agent_id=agent_rot1']);
    expect(applied.code, applied.stderr).toBe(0);
    const secrets = () => JSON.parse(readFileSync(join(dir, '.exotrunk', 'secrets.json'), 'utf8'))['sandbox/retell'].sip_password as string;
    const body = () => readFileSync(join(dir, '.exotrunk', 'out', 'retell', 'retell-import-phone-number.json'), 'utf8');
    const first = secrets();
    expect(body()).toContain(first);

    // no terminal, no --yes: the new credential exists, the old one is kept (exit 3: pending)
    const pending = await cli(dir, ['credentials', 'rotate', 'retell']);
    expect(pending.code).toBe(3);
    const listed = JSON.parse((await cli(dir, ['credentials', 'list', '--recipe', 'retell', '--json'])).stdout) as { userName: string }[];
    expect(listed).toHaveLength(2);
    const second = secrets();
    expect(second).not.toBe(first);
    expect(body()).toContain(second);
    expect(statSync(join(dir, '.exotrunk', 'out', 'retell', 'retell-import-phone-number.json')).mode & 0o777).toBe(0o600);
    expect(pending.stdout + pending.stderr).not.toContain(second); // masked unless --show-secrets

    // the credential left by the unconfirmed rotation shows as drift until the rotation is finished
    const drift = await cli(dir, ['verify', 'retell', '--json']);
    expect(drift.code).toBe(3);
    const leftover = JSON.parse(drift.stdout).items.find((i: { resource: string }) => i.resource === 'credential');
    expect(leftover).toMatchObject({ kind: 'unexpected', key: 'retell_sip' });

    // with --yes: the same rotation is finished (no third credential), and the old one deleted
    const done = await cli(dir, ['credentials', 'rotate', 'retell', '--yes', '--json']);
    expect(done.code, done.stderr).toBe(0);
    const doc = JSON.parse(done.stdout);
    expect(doc).toMatchObject({ ok: true, deleted: true, oldCredential: { userName: 'retell_sip' } });
    expect(secrets()).toBe(second);
    const after = JSON.parse((await cli(dir, ['credentials', 'list', '--recipe', 'retell', '--json'])).stdout) as { userName: string }[];
    expect(after.map((c) => c.userName)).toEqual([doc.newCredential.userName]);
    expect((await cli(dir, ['verify', 'retell'])).code).toBe(0);

    // and a rotation after that is a new one: a new name, a new password, the previous one deleted
    const third = await cli(dir, ['credentials', 'rotate', 'retell', '--yes', '--json']);
    expect(third.code, third.stderr).toBe(0);
    const doc3 = JSON.parse(third.stdout);
    expect(doc3).toMatchObject({ ok: true, deleted: true, oldCredential: { userName: doc.newCredential.userName } });
    expect(doc3.newCredential.userName).not.toBe(doc.newCredential.userName);
    expect(secrets()).not.toBe(second);
    expect((await cli(dir, ['verify', 'retell'])).code).toBe(0);
  });
});
