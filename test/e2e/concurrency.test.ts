/**
 * Two exotrunk commands at once in one state directory (report rows 1–4): two applies of different recipes,
 * two of the same recipe, apply during teardown, numbers add during apply. Every trial starts both with a
 * seeded jitter, the second waiting for the lock (EXOTRUNK_LOCK_TIMEOUT, so the same loop runs against a build
 * without locking for the "before" figures in docs/reliability.md). After each trial the journal is compared
 * with what the sandbox holds (its /__sandbox/state endpoint): no run lost, no trunk orphaned, no journaled
 * trunk missing, and every password in secrets.json the one Exotel has.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli, pool, sandboxPerFile, seededRandom, spawnCli, startSandboxProc, tempDir, trunksOf, why, type RunResult, type SandboxProc } from './helpers.js';
import { setFlags } from './recipe-answers.js';

const TRIALS = 10;
/** numbers add during apply: the same race as two applies (row 4), fewer trials to keep the suite short */
const NUMBER_TRIALS = 5;
const SEED = 20261129;
const STATE = ['--state', '.exotrunk/state.json'];
const WAIT = { EXOTRUNK_LOCK_TIMEOUT: '120s' };
let sb: SandboxProc;
sandboxPerFile(() => startSandboxProc(['--latency-ms', '20', '--rate-limit', '100000']), (x) => (sb = x));

const apply = (recipe: string, trunk: string, did: string) => ['apply', recipe, ...STATE, ...setFlags(recipe, 'both', trunk, did), '--yes'];

interface Audit {
  lost: string[];
  orphans: string[];
  stale: string[];
  passwords: string[];
}

/** The journal against Exotel (the sandbox), for one account and state directory. */
async function audit(cwd: string, account: string, applied: string[]): Promise<Audit> {
  const dir = join(cwd, '.exotrunk');
  const state = existsSync(join(dir, 'state.json')) ? JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) : { runs: {} };
  const secrets = existsSync(join(dir, 'secrets.json')) ? JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) : {};
  const trunks = trunksOf(await sb.state(), account);
  const runs = Object.values(state.runs as Record<string, any>).filter((r) => !r.tornDownAt);
  const a: Audit = { lost: [], orphans: [], stale: [], passwords: [] };
  for (const recipe of applied) if (!runs.some((r) => r.recipeId === recipe && r.appliedAt)) a.lost.push(recipe);
  for (const t of trunks) if (!runs.some((r) => r.trunkSid === t.trunk.trunk_sid)) a.orphans.push(t.trunk.trunk_name);
  for (const r of runs) {
    const t = trunks.find((x) => x.trunk.trunk_sid === r.trunkSid);
    if (r.trunkSid && !t) a.stale.push(`${r.recipeId}: ${r.trunkSid}`);
    const cred = r.resources.credential;
    if (!t || !cred) continue;
    const there = t.credentials.find((c: any) => c.user_name === cred.userName);
    const kept = secrets[`${r.target}/${r.recipeId}`]?.sip_password;
    if (!there || there.password !== kept) a.passwords.push(`${r.recipeId}: Exotel ${there ? 'has another password' : 'has no such credential'}`);
  }
  return a;
}

const trouble = (a: Audit) => [...a.lost.map((x) => `lost ${x}`), ...a.orphans.map((x) => `orphan ${x}`), ...a.stale.map((x) => `stale ${x}`), ...a.passwords];

/** Two commands started `gap` ms apart in one directory. */
async function both(cwd: string, account: string, first: string[], second: string[], gap: number): Promise<[RunResult, RunResult]> {
  const o = { cwd, url: sb.url, account, env: WAIT, timeoutMs: 120_000 };
  const a = spawnCli(first, o);
  await new Promise((r) => setTimeout(r, gap));
  const b = spawnCli(second, o);
  return Promise.all([a.done, b.done]);
}

it(`concurrent commands in one directory lose nothing (${TRIALS} trials of each pair, latency 20 ms)`, async () => {
  const rng = seededRandom(SEED);
  const gaps = Array.from({ length: 4 * TRIALS }, () => Math.round(rng() * 40));
  const tally = { waited: 0, trials: 0 };
  const kinds = ['different recipes', 'same recipe', 'apply during teardown', 'numbers add during apply'] as const;
  const count = (kind: (typeof kinds)[number]) => (kind === 'numbers add during apply' ? NUMBER_TRIALS : TRIALS);
  const jobs = kinds.flatMap((kind, k) => Array.from({ length: count(kind) }, (_, i) => ({ kind, i, gap: gaps[k * TRIALS + i] })));

  const problems = await pool(jobs, 3, async ({ kind, i, gap }) => {
    const cwd = tempDir();
    const account = `cc_${kind.split(' ')[0]}_${i}`;
    const o = { cwd, url: sb.url, account, env: WAIT, timeoutMs: 120_000 };
    let pair: [RunResult, RunResult];
    let applied: string[];
    if (kind === 'different recipes') {
      pair = await both(cwd, account, apply('livekit', `lk_${i}`, '+918012345678'), apply('retell', `rt_${i}`, '+918012345679'), gap);
      applied = ['livekit', 'retell'];
    } else if (kind === 'same recipe') {
      pair = await both(cwd, account, apply('livekit', `lk_${i}`, '+918012345678'), apply('livekit', `lk_${i}`, '+918012345678'), gap);
      applied = ['livekit'];
    } else if (kind === 'apply during teardown') {
      const setup = await cli(apply('livekit', `lk_${i}`, '+918012345678'), o);
      if (setup.code !== 0) return `${kind} ${i}: setup ${why(setup)}`;
      pair = await both(cwd, account, ['teardown', 'livekit', ...STATE, '--yes'], apply('livekit', `lk_${i}`, '+918012345678'), gap);
      // whichever ran second decides: applied again, or torn down
      const runs = JSON.parse(readFileSync(join(cwd, '.exotrunk', 'state.json'), 'utf8')).runs;
      applied = runs[`live:${account}/livekit`]?.tornDownAt ? [] : ['livekit'];
    } else {
      const setup = await cli(apply('livekit', `lk_${i}`, '+918012345678'), o);
      if (setup.code !== 0) return `${kind} ${i}: setup ${why(setup)}`;
      const csv = join(cwd, 'n.csv');
      writeFileSync(csv, ['+918012340001', '+918012340002', '+918012340003', ''].join('\n'));
      pair = await both(cwd, account, ['numbers', 'add', '--file', csv, '--recipe', 'livekit', ...STATE], apply('livekit', `lk_${i}`, '+918012345678'), gap);
      applied = ['livekit'];
    }
    tally.trials++;
    if (pair.some((r) => /waiting up to/.test(r.stderr))) tally.waited++;
    const failed = pair.filter((r) => r.code !== 0);
    if (failed.length) return `${kind} ${i}: ${failed.map(why).join('\n')}`;
    const a = await audit(cwd, account, applied);
    const issues = trouble(a);
    if (kind === 'numbers add during apply') {
      const run = JSON.parse(readFileSync(join(cwd, '.exotrunk', 'state.json'), 'utf8')).runs[`live:${account}/livekit`];
      if (Object.keys(run.extraNumbers).length !== 3) issues.push(`extraNumbers lost: ${JSON.stringify(run.extraNumbers)}`);
      const v = await cli(['verify', 'livekit', ...STATE], o);
      if (v.code !== 0) issues.push(`verify ${why(v)}`);
    }
    return issues.length ? `${kind} ${i} (gap ${gap} ms): ${issues.join('; ')}` : undefined;
  });

  console.log(`concurrency: ${tally.trials} trials (${kinds.map((k) => `${count(k)} ${k}`).join(', ')}); in ${tally.waited} the second command waited for the lock; problems: ${problems.filter(Boolean).length}`);
  expect(problems.filter(Boolean)).toEqual([]);
  expect(tally.trials).toBe(jobs.length);
}, 240_000);

it('without --lock-timeout the second writer fails at once, naming the holder; read-only commands never wait', async () => {
  const cwd = tempDir();
  const o = { cwd, url: sb.url, account: 'cc_lock', timeoutMs: 60_000 };
  expect((await cli(apply('livekit', 'lk_lock', '+918012345678'), o)).code).toBe(0);
  // a lock held by a live process (this one), as a long apply would hold it
  const holder = { pid: process.pid, host: hostname(), command: 'exotrunk apply livekit', startedAt: new Date().toISOString(), id: 'test' };
  writeFileSync(join(cwd, '.exotrunk', 'exotrunk.lock'), JSON.stringify(holder));
  const t0 = performance.now();
  const refused = await cli(['teardown', 'livekit', ...STATE, '--yes'], o);
  expect(refused.code, why(refused)).toBe(1);
  expect(refused.stderr).toContain(`is locked: exotrunk apply livekit (pid ${process.pid}`);
  expect(refused.stderr).toContain('--lock-timeout');
  const waited = await cli(['teardown', 'livekit', ...STATE, '--yes', '--lock-timeout', '1s'], o);
  expect(waited.code).toBe(1);
  expect(waited.stderr).toMatch(/waiting up to 1 s for exotrunk apply livekit[\s\S]*still locked after waiting 1 s/);
  for (const read of [['verify', 'livekit'], ['plan', 'livekit'], ['render', 'livekit']]) {
    const r = await cli([...read, ...STATE], o);
    expect(r.code, why(r)).toBe(0);
    expect(r.stderr).not.toContain('lock');
  }
  expect(performance.now() - t0).toBeLessThan(30_000);
  const state = readFileSync(join(cwd, '.exotrunk', 'state.json'), 'utf8');
  expect(JSON.parse(state).runs['live:cc_lock/livekit'].tornDownAt).toBeUndefined();
  const badFlag = await cli(['teardown', 'livekit', ...STATE, '--yes', '--lock-timeout', 'soon'], o);
  expect(badFlag.code).toBe(2);
});

it('a lock left by a SIGKILLed apply is taken over at once by the next run, which finishes the job', async () => {
  const cwd = tempDir();
  const account = 'cc_kill';
  const o = { cwd, url: sb.url, account, timeoutMs: 60_000 };
  const first = spawnCli(apply('livekit', 'lk_kill', '+918012345678'), o);
  // kill it once it holds the lock and has sent something
  for (let t = 0; t < 400 && !(existsSync(join(cwd, '.exotrunk', 'exotrunk.lock')) && trunksOf(await sb.state(), account).length); t++) await new Promise((r) => setTimeout(r, 10));
  first.child.kill('SIGKILL');
  await first.done;
  expect(existsSync(join(cwd, '.exotrunk', 'exotrunk.lock'))).toBe(true);
  let again = await cli(apply('livekit', 'lk_kill', '+918012345678'), o);
  expect(again.stderr).toMatch(/Took over the lock on .* from exotrunk apply livekit \(pid \d+ .*no longer running/);
  if (again.code === 1 && again.stderr.includes('--trunk-sid')) {
    const [t] = trunksOf(await sb.state(), account);
    again = await cli([...apply('livekit', 'lk_kill', '+918012345678'), '--trunk-sid', t.trunk.trunk_sid], o);
  }
  expect(again.code, why(again)).toBe(0);
  expect(trouble(await audit(cwd, account, ['livekit']))).toEqual([]);
  expect(existsSync(join(cwd, '.exotrunk', 'exotrunk.lock'))).toBe(false);
});
