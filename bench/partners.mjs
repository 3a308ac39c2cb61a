// Bench 2b: `apply` of LiveKit, ElevenLabs and Retell with the partner side through its API (issue 17), against
// `exotrunk sandbox --partners --latency-ms 100`: 100 ms on every API, Exotel's and the partner's. Each is
// compared with the floor its dependencies allow: the critical path of dependent round trips.
//
// What is timed: as bench 2 (recipe.mjs), the CLI child with bench/lib/http-marks.mjs preloaded, which records
// every request on node:http (the Exotel client) and on fetch (the partners' SDKs); the figure is first request
// → last answer. The floor: the longest dependsOn chain of the plan (`plan --format json`, both sides' steps)
// plus the read rounds before the first write (the partner's agent and resources are read, concurrently,
// before any Exotel call), times the latency.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, NODE, ROOT, isMain, median, printRows, round, row, run, scratch, startSandbox } from './lib/common.mjs';
import { longestChain } from './recipe.mjs';

const LATENCY = 100;
const RUNS = Number(process.env.BENCH_PARTNER_RUNS ?? 5);
const MARKS = pathToFileURL(join(ROOT, 'bench', 'lib', 'http-marks.mjs')).href;
const PARTNERS = {
  livekit: ['--set', 'livekit_subdomain=abc123xyz', '--set', 'livekit_agent_name=exotel-agent'],
  elevenlabs: ['--set', 'el_agent_id=agent_sandbox'],
  retell: ['--set', 'retell_agent_id=agent_sandbox'],
};

const answers = (p, i) => ['--set', 'direction=both', '--set', `trunk_name=bp_${process.pid % 1000}_${p.slice(0, 2)}${i}`, '--set', `did=+9180${String(40_000_000 + i + 100 * Object.keys(PARTNERS).indexOf(p))}`, '--set', 'sip_username=bench_user', ...PARTNERS[p]];

/** Read rounds before the first write as measured: requests that start before it, grouped by when they overlap. */
function readRounds(requests, firstWrite) {
  const reads = requests.filter((q) => q.created < firstWrite).sort((a, b) => a.created - b.created);
  let rounds = 0;
  let end = -Infinity;
  for (const q of reads) {
    if (q.created >= end) {
      rounds++;
      end = q.done ?? Infinity;
    } else end = Math.max(end, q.done ?? Infinity);
  }
  return rounds;
}

export async function partners() {
  const sb = await startSandbox({ latencyMs: LATENCY, partners: true });
  const rows = [];
  try {
    for (const p of Object.keys(PARTNERS)) {
      const env = sb.env({ EXOTRUNK_SIP_PASSWORD: 'Bench-Passw0rd-long-enough' });
      const plan = JSON.parse((await run(NODE, [CLI, 'plan', p, ...answers(p, 99), '--format', 'json', '--no-input', '--state', join(scratch(), 'state.json')], { env })).stdout);
      const chain = longestChain(plan.steps);
      const partnerSteps = plan.steps.filter((s) => s.side === 'partner').length;
      const applies = [];
      for (let i = 0; i < RUNS; i++) {
        const file = join(scratch(), 'marks.json');
        const r = await run(NODE, ['--import', MARKS, CLI, 'apply', p, ...answers(p, i), '--json', '--yes', '--no-input', '--state', join(scratch(), 'state.json')], { env: { ...env, BENCH_MARKS_FILE: file } });
        const out = JSON.parse(r.stdout);
        if (!out.ok || !out.partner) throw new Error(`apply ${p} failed or made nothing at the partner: ${r.stdout}`);
        const m = JSON.parse(readFileSync(file, 'utf8'));
        const first = Math.min(...m.requests.map((q) => q.created));
        const last = Math.max(...m.requests.map((q) => q.done ?? Infinity));
        // GET, and the partners' reads (LiveKit lists are POSTs to /twirp/livekit.SIP/List…)
        const isRead = (q) => q.method === 'GET' || /\/twirp\/livekit\.SIP\/(List|Get)/.test(q.path);
        const firstWrite = Math.min(...m.requests.filter((q) => !isRead(q)).map((q) => q.created));
        applies.push({ span: last - first, wall: r.ms, calls: m.requests.length, partnerCalls: m.requests.filter((q) => q.origin).length, rounds: readRounds(m.requests, firstWrite) });
      }
      // the floor allows one read round: everything read before the first write is independent (the partner's
      // agent and its resources; on a fresh apply nothing at Exotel); the measured rounds are reported beside it
      const rounds = chain + (Math.max(...applies.map((a) => a.rounds)) > 0 ? 1 : 0);
      const floor = rounds * LATENCY;
      const span = median(applies.map((a) => a.span));
      rows.push(
        row('2b both sides', `apply ${p} (both directions, the ${p} side through its API) at ${LATENCY} ms on every API: first request → last answer, median of ${RUNS}`,
          `${round(span / floor)}× (${round(span, 0)} ms vs floor ${floor} ms)`, '≤ 1.25×', span / floor <= 1.25,
          `floor = (longest dependsOn chain ${chain} + read rounds before the first write ${rounds - chain}, measured ${Math.max(...applies.map((a) => a.rounds))}) × ${LATENCY} ms; ${plan.steps.length} steps (${partnerSteps} at the partner); ${applies[0].calls} calls (${applies[0].partnerCalls} to the partner); whole process ${round(median(applies.map((a) => a.wall)), 0)} ms`),
      );
    }
    return { rows };
  } finally {
    await sb.close();
  }
}

if (isMain(import.meta.url)) printRows((await partners()).rows);
