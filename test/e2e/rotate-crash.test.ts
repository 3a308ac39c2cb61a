/**
 * `credentials rotate` killed, interrupted or losing its answer (report rows 8–9): a re-run finishes the same
 * rotation, so afterwards exactly one credential is live on the trunk and its password is the journal's
 * (compared with the sandbox's /__sandbox/state, which keeps what was sent).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli, pool, sandboxPerFile, seededRandom, spawnCli, startSandboxProc, tempDir, trunksOf, why, type SandboxProc } from './helpers.js';
import { setFlags } from './recipe-answers.js';

const TRIALS = 12;
const SEED = 8091;
const STATE = ['--state', '.exotrunk/state.json'];
const ROTATE = ['credentials', 'rotate', 'livekit', ...STATE, '--yes'];
let sb: SandboxProc;
sandboxPerFile(() => startSandboxProc(['--latency-ms', '30', '--rate-limit', '100000']), (x) => (sb = x));

/** One live credential, the journal's, with the password secrets.json keeps; nothing pending. */
async function check(cwd: string, account: string): Promise<string | undefined> {
  const [t] = trunksOf(await sb.state(), account);
  const run = JSON.parse(readFileSync(join(cwd, '.exotrunk', 'state.json'), 'utf8')).runs[`live:${account}/livekit`];
  const kept = JSON.parse(readFileSync(join(cwd, '.exotrunk', 'secrets.json'), 'utf8'))[`live:${account}/livekit`];
  const live = t.credentials.map((c: any) => c.user_name);
  if (live.length !== 1) return `${live.length} live credentials: ${live.join(', ')}`;
  if (run.resources.credential?.userName !== live[0]) return `journal names ${run.resources.credential?.userName}, Exotel has ${live[0]}`;
  if (t.credentials[0].password !== kept.sip_password) return 'the journal keeps another password than Exotel has';
  if (run.rotation) return `a rotation is still pending: ${JSON.stringify(run.rotation)}`;
  if ('sip_password_next' in kept) return 'a pending password is left in secrets.json';
  return undefined;
}

async function setUp(account: string) {
  const cwd = tempDir();
  const o = { cwd, url: sb.url, account, timeoutMs: 60_000, env: { EXOTRUNK_SIP_PASSWORD: undefined } };
  const applied = await cli(['apply', 'livekit', ...STATE, ...setFlags('livekit', 'both', 'lk_rot'), '--yes'], o);
  expect(applied.code, why(applied)).toBe(0);
  return { cwd, o };
}

it(`rotate SIGKILLed at a random moment, then run again: one live credential, the journal's password (${TRIALS} trials)`, async () => {
  const cal = await setUp('rot_cal');
  const t0 = performance.now();
  const full = await cli(ROTATE, cal.o);
  expect(full.code, why(full)).toBe(0);
  const fullMs = performance.now() - t0;
  const rng = seededRandom(SEED);
  // from node's start-up (~150 ms) to the end: the kills land on every stage of a rotation (those that come after
  // a run that went faster than the calibration one count as finished first)
  const killAt = Array.from({ length: TRIALS }, () => Math.round(120 + rng() * (1.3 * fullMs - 120)));
  const tally = { killed: 0, finishedFirst: 0, afterCreate: 0 };
  const problems = await pool(killAt, 3, async (delay, i) => {
    const account = `rot_${i}`;
    const { cwd, o } = await setUp(account);
    const first = spawnCli(ROTATE, o);
    const timer = setTimeout(() => first.child.kill('SIGKILL'), delay);
    const r1 = await first.done;
    clearTimeout(timer);
    if (r1.signal === 'SIGKILL') tally.killed++;
    else if (r1.code === 0) tally.finishedFirst++;
    else return `trial ${i}: first rotate ended ${why(r1)}`;
    if (r1.signal === 'SIGKILL') {
      // killed with the new credential made: the case that used to leave a second live credential
      if (trunksOf(await sb.state(), account)[0].credentials.length > 1) tally.afterCreate++;
      const r2 = await cli(ROTATE, o);
      if (r2.code !== 0) return `trial ${i} (killed at ${delay} ms): re-run ${why(r2)}`;
    }
    const bad = await check(cwd, account);
    if (bad) return `trial ${i} (killed at ${delay} ms): ${bad}`;
    const v = await cli(['verify', 'livekit', ...STATE], o);
    return v.code === 0 ? undefined : `trial ${i}: verify ${why(v)}`;
  });
  console.log(`rotate crash loop: ${TRIALS} trials over ${Math.round(fullMs)} ms; ${tally.killed} killed mid-run (${tally.afterCreate} after the new credential was created), ${tally.finishedFirst} finished before the kill; each killed one finished by one re-run`);
  expect(problems.filter(Boolean)).toEqual([]);
  // most trials must be killed mid-run, or the loop tests nothing; how many exactly depends on the machine's load
  expect(tally.killed).toBeGreaterThanOrEqual(TRIALS / 2);
}, 150_000);

it('a lost answer to the create, then a re-run: the same credential is adopted, no second one (row 8)', async () => {
  const { cwd, o } = await setUp('rot_lost');
  await sb.faults('lost:1');
  const lost = await cli(ROTATE, o);
  await sb.faults('');
  expect(lost.code, why(lost)).toBe(1);
  const again = await cli(ROTATE, o);
  expect(again.code, why(again)).toBe(0);
  expect(await check(cwd, 'rot_lost')).toBeUndefined();
  expect((await cli(['verify', 'livekit', ...STATE], o)).code).toBe(0);
});

it('Ctrl-C once the new credential exists: exit 130 with the way to finish; the re-run deletes the old one (row 10)', async () => {
  const { cwd, o } = await setUp('rot_int');
  const slow = { ...o, env: { ...o.env } };
  const run = spawnCli(['credentials', 'rotate', 'livekit', ...STATE], slow); // no --yes, no terminal: stops at "update the partner"
  for (let t = 0; t < 500 && trunksOf(await sb.state(), 'rot_int')[0].credentials.length < 2; t++) await new Promise((r) => setTimeout(r, 5));
  run.child.kill('SIGINT');
  const r = await run.done;
  expect([3, 130]).toContain(r.code); // 3 when the rotation reached its "update the partner" stop first
  if (r.code === 130) expect(r.stderr).toMatch(/Stopped: the new credential is journaled[\s\S]*credentials rotate livekit/);
  const finish = await cli(ROTATE, o);
  expect(finish.code, why(finish)).toBe(0);
  expect(await check(cwd, 'rot_int')).toBeUndefined();
});
