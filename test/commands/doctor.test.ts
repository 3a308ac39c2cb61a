/**
 * `exotrunk doctor` on the built binary: verify + probes of the Exotel edge and the partner host (real sipp
 * peers on 127.0.0.1), and the meaning of each failure from the SIP tables and the partner's own rows.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSipp, type Sipp } from '../probe/helpers.js';

const run = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

async function cli(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('node', [CLI, ...args], { cwd, env: { ...process.env, CI: '1', NO_COLOR: '1', EXOTEL_ACCOUNT_SID: '', EXOTEL_API_TOKEN: '' }, timeout: 30_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('doctor', () => {
  let ok: Sipp;
  let forbidden: Sipp;
  let dir: string;
  beforeAll(async () => {
    [ok, forbidden] = await Promise.all([startSipp('uas-options-200.xml', 'udp'), startSipp('uas-options-403.xml', 'tcp')]);
    dir = mkdtempSync(join(tmpdir(), 'exotrunk-doctor-'));
    const r = await cli(dir, ['apply', 'retell', '--set', 'direction=both', '--set', 'did=+918012345678', '--set', 'retell_agent_id=agent_test123', '--yes']);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(async () => {
    await Promise.all([ok?.stop(), forbidden?.stop()]);
  });

  it('is healthy when the trunk is in sync and both SIP hosts answer 200', async () => {
    const r = await cli(dir, ['doctor', 'retell', '--edge', `127.0.0.1:${ok.port};transport=udp`, '--partner', `127.0.0.1:${ok.port};transport=udp`]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/trunk trmum\w+ matches the setup/);
    expect(r.stdout).toContain('Every SIP host answered');
  });

  it('explains a 403 from the edge with the ACL / digest rows, and a silent partner host as 408', async () => {
    const r = await cli(dir, ['doctor', 'retell', '--json', '--timeout-ms', '600', '--edge', `127.0.0.1:${forbidden.port};transport=tcp`, '--partner', '127.0.0.1:9;transport=udp']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.verify.inSync).toBe(true);
    const codes = doc.findings.map((f: { code: number }) => f.code).sort();
    expect(codes).toEqual([403, 408]);
    const f403 = doc.findings.find((f: { code: number }) => f.code === 403);
    expect(JSON.stringify(f403).toLowerCase()).toMatch(/acl|whitelist|digest/);
    expect(doc.partnerTroubleshooting.length).toBeGreaterThan(0);
  });

  it('reports drift with exit 3', async () => {
    const state = await cli(dir, ['credentials', 'list', '--recipe', 'retell', '--json']);
    const [cred] = JSON.parse(state.stdout);
    await cli(dir, ['credentials', 'delete', '--recipe', 'retell', '--id', cred.id]);
    const r = await cli(dir, ['doctor', 'retell', '--edge', `127.0.0.1:${ok.port};transport=udp`, '--partner', `127.0.0.1:${ok.port};transport=udp`]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/missing\s+credential/);
  });

  it('explains one SIP code without probing', async () => {
    const r = await cli(dir, ['doctor', '--sip-code', '488']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/A-law|PCMA/);
    expect((await cli(dir, ['doctor', '--sip-code', 'abc'])).code).toBe(2);
  });
});
