/**
 * Crash anywhere, on both sides (issue 17): `apply` of LiveKit, ElevenLabs and Retell (both directions, the
 * partner side through its API) is SIGKILLed at a seeded random moment, then run again; then `teardown` is
 * SIGKILLed at a random moment and run again. 100 ms latency on every API (Exotel's and the partners'), so a
 * kill lands inside Exotel calls, partner calls, or between them. Every run must converge: no duplicate at
 * Exotel or at the partner, `verify` exit 0 after the apply, nothing left on either side after the teardown.
 *
 * As in crash.test.ts, a kill after Exotel created the trunk but before its answer arrived leaves a trunk whose
 * sid the journal never saw: the re-run stops naming --trunk-sid, and the test does what a user would.
 */
import { expect, it } from 'vitest';
import { cli, duplicatesIn, pool, sandboxPerFile, seededRandom, spawnCli, startSandboxProc, tempDir, trunksOf, why, type SandboxProc } from './helpers.js';
import { AGENT, EXPECTED, held, PARTNERS, type P } from './partner-state.js';
import { setFlags } from './recipe-answers.js';

const RUNS = 12;
const SEED = 20261129;
const STATE = ['--state', '.exotrunk/state.json'];
let sb: SandboxProc;
sandboxPerFile(() => startSandboxProc(['--partners', '--latency-ms', '100']), (x) => (sb = x));

const did = (i: number) => `+9180123460${String(i).padStart(2, '0')}`;
const applyArgs = (p: P, i: number) => ['apply', p, ...STATE, ...setFlags(p, 'both', `crp_${i}`, did(i)), ...AGENT[p], '--yes'];

it(`apply and teardown converge on both sides after a SIGKILL at a random moment (${RUNS} runs)`, async () => {
  // how long a whole apply and teardown take per partner here, to spread the kills over them (measured, not asserted)
  const full: Record<P, { apply: number; teardown: number }> = {} as never;
  for (const [k, p] of PARTNERS.entries()) {
    const o = { cwd: tempDir(), url: sb.url, account: `crp_cal_${p}`, env: sb.env, timeoutMs: 60_000 };
    const t0 = performance.now();
    const a = await cli(applyArgs(p, 90 + k), o);
    expect(a.code, why(a)).toBe(0);
    const t1 = performance.now();
    const t = await cli(['teardown', p, ...STATE, '--yes'], o);
    expect(t.code, why(t)).toBe(0);
    full[p] = { apply: t1 - t0, teardown: performance.now() - t1 };
  }

  const rng = seededRandom(SEED);
  const plan = Array.from({ length: RUNS }, (_, i) => {
    const p = PARTNERS[i % 3];
    // odd runs: killed a random 0-300 ms after the first resource appears at the partner, so kills land
    // among the partner's calls too (a uniform moment mostly hits node's start and the Exotel chain)
    return { p, i, applyAt: Math.round(rng() * full[p].apply), afterPartner: i % 2 === 1 ? Math.round(rng() * 300) : undefined, teardownAt: Math.round(rng() * full[p].teardown) };
  });
  const tally = { applyKilled: 0, partnerBegun: 0, finishedFirst: 0, teardownKilled: 0, adopted: 0 };

  const problems = await pool(plan, 2, async ({ p, i, applyAt, afterPartner, teardownAt }) => {
    const account = `crp_${i}`;
    const o = { cwd: tempDir(), url: sb.url, account, env: sb.env, timeoutMs: 60_000 };
    const name = `crp_${i}`;
    const first = spawnCli(applyArgs(p, i), o);
    let timer: NodeJS.Timeout | undefined;
    let watching = afterPartner !== undefined;
    if (afterPartner === undefined) timer = setTimeout(() => first.child.kill('SIGKILL'), applyAt);
    else {
      void (async () => {
        while (watching && (await held(sb, p, name, did(i))).count === 0) await new Promise((r) => setTimeout(r, 20));
        if (watching) timer = setTimeout(() => first.child.kill('SIGKILL'), afterPartner);
      })();
    }
    const r1 = await first.done;
    watching = false;
    clearTimeout(timer);
    if (r1.signal === 'SIGKILL') {
      tally.applyKilled++;
      // killed after something was made at the partner
      if ((await held(sb, p, name, did(i))).count > 0) tally.partnerBegun++;
    } else if (r1.code === 0) tally.finishedFirst++;
    else return `${p} run ${i}: first apply ended ${r1.code} without being killed: ${why(r1)}`;

    let r2 = await cli(applyArgs(p, i), o);
    if (r2.code === 1 && r2.stderr.includes('--trunk-sid')) {
      const mine = trunksOf(await sb.state(), account).filter((t) => t.trunk.trunk_name === name);
      if (mine.length !== 1) return `${p} run ${i}: expected one trunk ${name} to adopt, found ${mine.length}`;
      tally.adopted++;
      r2 = await cli([...applyArgs(p, i), '--trunk-sid', mine[0].trunk.trunk_sid], o);
    }
    if (r2.code !== 0) return `${p} run ${i} (apply killed ${afterPartner === undefined ? `at ${applyAt} ms` : `${afterPartner} ms after the first partner resource`}): re-run ${why(r2)}`;
    const v = await cli(['verify', p, ...STATE], o);
    if (v.code !== 0) return `${p} run ${i}: verify ${why(v)}`;
    const dups = duplicatesIn(await sb.state(), account);
    if (dups.length) return `${p} run ${i}: Exotel duplicates ${dups.join(', ')}`;
    const h = await held(sb, p, name, did(i));
    if (h.dupes.length || h.count !== EXPECTED[p]) return `${p} run ${i}: the partner holds ${h.count} (duplicates: ${h.dupes.join(', ') || 'none'}), expected ${EXPECTED[p]}`;

    const down = spawnCli(['teardown', p, ...STATE, '--yes'], o);
    const timer2 = setTimeout(() => down.child.kill('SIGKILL'), teardownAt);
    const t1 = await down.done;
    clearTimeout(timer2);
    if (t1.signal === 'SIGKILL') tally.teardownKilled++;
    else if (t1.code !== 0) return `${p} run ${i}: first teardown ended ${t1.code} without being killed: ${why(t1)}`;
    if (t1.signal === 'SIGKILL') {
      const t2 = await cli(['teardown', p, ...STATE, '--yes'], o);
      if (t2.code !== 0) return `${p} run ${i} (teardown killed at ${teardownAt} ms): re-run ${why(t2)}`;
    }
    if ((await held(sb, p, name, did(i))).count !== 0) return `${p} run ${i}: the partner still holds resources after the teardown`;
    if (trunksOf(await sb.state(), account).length) return `${p} run ${i}: a trunk is left after the teardown`;
    return undefined;
  });

  console.log(`partner crash loop: ${RUNS} runs; ${tally.applyKilled} applies (${tally.partnerBegun} after a partner resource was made) and ${tally.teardownKilled} teardowns killed mid-run, ${tally.finishedFirst} applies finished before the kill, ${tally.adopted} needed --trunk-sid; full runs ${JSON.stringify(full, (_k, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
  expect(problems.filter(Boolean)).toEqual([]);
}, 240_000);
