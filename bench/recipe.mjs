// Bench 2 + 3: `apply own-pbx` (both directions, IP destination 44.248.146.11) and then `verify` against
// `exotrunk sandbox --latency-ms 100`, each compared with the floor its dependencies allow.
//
// What is timed: the CLI runs as a child process with bench/lib/http-marks.mjs preloaded, which records when
// each request is handed to the HTTP client and when its answer is complete. The apply figure is the span
// from the first request to the last answer (the engine's own time; the process's startup, recipe loading
// and planning before it, and rendering after it, are reported beside it). The verify figure is the `ms`
// of its --json report (the engine's own timer around the reads).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, NODE, ROOT, isMain, median, printRows, round, row, run, scratch, startSandbox } from './lib/common.mjs';

const LATENCY = 100;
const APPLY_RUNS = Number(process.env.BENCH_APPLY_RUNS ?? 5);
const VERIFY_RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 10);
const MARKS = pathToFileURL(join(ROOT, 'bench', 'lib', 'http-marks.mjs')).href;
const IP = '44.248.146.11';

const answers = (i) => ['--set', 'direction=both', '--set', `trunk_name=bench_${process.pid % 1000}_${i}`, '--set', `did=+9180${String(30_000_000 + i)}`, '--set', `pbx_ips=${IP}`, '--set', `pbx_host=${IP}`];

/** Longest dependsOn chain of the plan's steps, in calls. */
export function longestChain(steps) {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const memo = new Map();
  const depth = (s) => {
    if (!memo.has(s.id)) memo.set(s.id, 1 + Math.max(0, ...s.dependsOn.filter((d) => byId.has(d)).map((d) => depth(byId.get(d)))));
    return memo.get(s.id);
  };
  return Math.max(0, ...steps.map(depth));
}

async function marked(args, env) {
  const file = join(scratch(), 'marks.json');
  const res = await run(NODE, ['--import', MARKS, CLI, ...args], { env: { ...env, BENCH_MARKS_FILE: file } });
  const m = JSON.parse(readFileSync(file, 'utf8'));
  const first = Math.min(...m.requests.map((r) => r.created));
  const last = Math.max(...m.requests.map((r) => r.done ?? Infinity));
  return { ...res, marks: m, first, last, span: last - first };
}

export async function recipe() {
  const sb = await startSandbox({ latencyMs: LATENCY });
  try {
    const env = sb.env();
    // The plan of a fresh run (no state: nothing to read first) gives the dependency floor.
    const planDir = scratch();
    const plan = JSON.parse((await run(NODE, [CLI, 'plan', 'own-pbx', ...answers(99), '--format', 'json', '--no-input', '--state', join(planDir, 'state.json')], { env, allowFail: true })).stdout);
    const chain = longestChain(plan.steps);

    const applies = [];
    const states = [];
    for (let i = 0; i < APPLY_RUNS; i++) {
      const state = join(scratch(), 'state.json');
      const r = await marked(['apply', 'own-pbx', ...answers(i), '--json', '--yes', '--no-input', '--state', state], env);
      const out = JSON.parse(r.stdout);
      if (!out.ok) throw new Error(`apply failed: ${r.stdout}`);
      const firstWrite = Math.min(...r.marks.requests.filter((q) => q.method !== 'GET').map((q) => q.created));
      const readsFirst = r.marks.requests.some((q) => q.method === 'GET' && q.created < firstWrite) ? 1 : 0;
      applies.push({ span: r.span, wall: r.ms, before: r.first, after: r.marks.exit - r.last, calls: r.marks.requests.length, readsFirst });
      states.push(state);
    }
    const rounds = chain + Math.max(...applies.map((a) => a.readsFirst));
    const floor = rounds * LATENCY;
    const span = median(applies.map((a) => a.span));
    const rows = [
      row('2 recipe', `apply own-pbx (both, IP destination) at ${LATENCY} ms: first request → last answer, median of ${APPLY_RUNS}`,
        `${round(span / floor)}× (${round(span, 0)} ms vs floor ${floor} ms)`, '≤ 1.25×', span / floor <= 1.25,
        `floor = (longest dependsOn chain ${chain} + read rounds before the first write ${rounds - chain}) × ${LATENCY} ms; ${applies[0].calls} calls, ${plan.steps.length} steps`),
      row('2 recipe', 'apply: whole process (spawn → exit), median', `${round(median(applies.map((a) => a.wall)), 0)} ms`, '', undefined,
        `before the first request (node start, module loading, recipe, plan): ${round(median(applies.map((a) => a.before)), 0)} ms; after the last answer (render, write, exit): ${round(median(applies.map((a) => a.after)), 0)} ms`),
    ];

    const verifies = [];
    for (let i = 0; i < VERIFY_RUNS; i++) {
      const r = await marked(['verify', 'own-pbx', '--json', '--state', states[i % states.length]], env);
      const rep = JSON.parse(r.stdout);
      if (!rep.inSync) throw new Error(`verify found drift: ${r.stdout}`);
      verifies.push({ ms: rep.ms, span: r.span, reads: r.marks.requests.length, wall: r.ms });
    }
    const vms = median(verifies.map((v) => v.ms));
    rows.push(
      row('3 verify', `verify own-pbx at ${LATENCY} ms: its --json ms, median of ${VERIFY_RUNS}`, `${round(vms / LATENCY)}× (${round(vms, 0)} ms vs one round trip ${LATENCY} ms)`, '≤ 1.3×', vms / LATENCY <= 1.3,
        `${verifies[0].reads} reads, all concurrent; first request → last answer (preload marks): ${round(median(verifies.map((v) => v.span)), 0)} ms; whole process ${round(median(verifies.map((v) => v.wall)), 0)} ms`),
    );
    return { rows };
  } finally {
    await sb.close();
  }
}

if (isMain(import.meta.url)) printRows((await recipe()).rows);
