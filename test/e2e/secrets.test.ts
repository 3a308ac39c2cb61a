/**
 * Secrets end to end. Every e2e file ends with the same scan (helpers.secretLeaks); this one adds the paths
 * the others do not take: the embedded sandbox (its persisted state holds the SIP password), the API token
 * from --api-token-file, --verbose HTTP logs, --show-secrets, and a check that the scan itself can fail.
 */
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { captured, cli, sandboxPerFile, secretLeaks, SIP_PASSWORD, startSandboxProc, tempDir, TOKEN, trunksOf, why, type SandboxProc } from './helpers.js';
import { setFlags } from './recipe-answers.js';

const STATE = ['--state', '.exotrunk/state.json'];
let sb: SandboxProc;
sandboxPerFile(() => startSandboxProc(), (x) => (sb = x));

it('the scan finds a planted leak (so a clean scan means something)', () => {
  const dir = tempDir();
  const f = join(dir, 'leak.txt');
  writeFileSync(f, `password ${SIP_PASSWORD}`);
  chmodSync(f, 0o644);
  expect(secretLeaks([dir])).toEqual([expect.stringContaining('not 600')]);
  writeFileSync(f, `token ${TOKEN}`);
  expect(secretLeaks([dir])).toEqual([expect.stringContaining('API token in file')]);
  rmSync(f);
  captured.push({ label: 'planted', text: `x ${TOKEN}`, showSecrets: true });
  expect(secretLeaks([])).toContain('API token in planted');
  captured.pop();
});

it('embedded sandbox with --verbose: the password stays in 0600 files', async () => {
  const cwd = tempDir();
  const o = { cwd }; // no EXOTEL_* env: the CLI runs its own sandbox, persisted next to the state
  const applied = await cli(['apply', 'livekit', ...STATE, ...setFlags('livekit', 'both', 'e2e_embed'), '--yes', '--verbose'], o);
  expect(applied.code, why(applied)).toBe(0);
  expect(applied.stderr).toContain('[http]');
  // the configs are in the files (0600 when they hold the password), not printed by every apply
  expect(applied.stdout).toContain('exotrunk render livekit prints the configs');
  const v = await cli(['verify', 'livekit', ...STATE, '--verbose'], o);
  expect(v.code, why(v)).toBe(0);
  expect(secretLeaks([cwd])).toEqual([]);
}, 60_000);

it('--api-token-file with --verbose never prints the token; --show-secrets prints the password only when asked', async () => {
  const cwd = tempDir();
  const tokenFile = join(cwd, 'token.txt');
  writeFileSync(tokenFile, TOKEN + '\n', { mode: 0o600 });
  const o = { cwd, url: sb.url, account: 'sec1', env: { EXOTEL_API_TOKEN: undefined } };
  const created = await cli(['trunk', 'create', 'e2e_sec', ...STATE, '--api-token-file', tokenFile, '--verbose', '--json'], o);
  expect(created.code, why(created)).toBe(0);
  const sid = JSON.parse(created.stdout).trunkSid;

  const quiet = await cli(['credentials', 'add', 'e2e_quiet', '--trunk-sid', sid, ...STATE, '--api-token-file', tokenFile, '--verbose'], o);
  expect(quiet.code, why(quiet)).toBe(0);
  expect(quiet.stdout + quiet.stderr).not.toContain(SIP_PASSWORD);

  const shown = await cli(['credentials', 'add', 'e2e_shown', '--trunk-sid', sid, ...STATE, '--api-token-file', tokenFile, '--show-secrets', '--json'], o);
  expect(shown.code, why(shown)).toBe(0);
  expect(JSON.parse(shown.stdout).password).toBe(SIP_PASSWORD);

  const creds = trunksOf(await sb.state(), 'sec1')[0].credentials;
  expect(creds.map((c: any) => [c.user_name, c.password])).toEqual([
    ['e2e_quiet', SIP_PASSWORD],
    ['e2e_shown', SIP_PASSWORD],
  ]);
  rmSync(tokenFile); // the token file is the user's own; everything else in cwd is scanned
}, 60_000);
