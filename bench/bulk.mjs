// Bench 4: bulk mapping at a raised rate limit.
//
// 4a (the CLI, as a user runs it): `numbers add --file` of 200 numbers with the sandbox and the client both
//     at --rate-limit 1200. 200 writes plus a few reads fit inside one 60-s window's budget of 1200, so the
//     limiter never has to hold anything back: the run is one burst, and "achieved ÷ limit" says nothing
//     about the limiter. It is reported, with the count of 429s (which must be 0), but judged in 4b and 4c.
// 4b (in-process, limit-bound): the same client and sandbox code (bundled from src/ with esbuild) with the
//     window scaled down to 1 s and the limit to 20 per window (the same 1200/min), 200 numbers = 10
//     windows. The figure is steady-state: request k and request k−limit must be ≥ one window apart in an
//     exact sliding window, so window ÷ mean(arrival_k − arrival_{k−limit}) is the achieved fraction of the
//     limit. At 1 s the client's deliberate hold (slot kept until answer + window + guard) costs a larger
//     share than at Exotel's real 60-s window; the projection to 60 s is reported beside it.
// 4c (the CLI at the real 60-s window): limit + 100 numbers, so the last 100 writes are limit-bound; the
//     same gap measure. About 61 s: the longest bench.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CLI, NODE, ROOT, isMain, mean, printRows, round, row, run, scratch, startSandbox } from './lib/common.mjs';
import { numbersCsv } from './lib/numbers.mjs';

const LIMIT = 1200;
const COUNT = Number(process.env.BENCH_BULK_COUNT ?? 200);

async function cliBulk() {
  const sb = await startSandbox({ latencyMs: 100, rateLimit: LIMIT });
  try {
    const env = sb.env();
    const dir = scratch();
    const state = join(dir, 'state.json');
    const trunk = JSON.parse((await run(NODE, [CLI, 'trunk', 'create', `bulk_${process.pid % 10000}`, '--json', '--state', state], { env })).stdout);
    const csv = join(dir, 'numbers.csv');
    writeFileSync(csv, numbersCsv(COUNT));
    const r = await run(NODE, [CLI, 'numbers', 'add', '--file', csv, '--trunk-sid', trunk.trunkSid, '--rate-limit', String(LIMIT), '--json', '--state', state], { env });
    const out = JSON.parse(r.stdout);
    const log = await sb.requests();
    const api = log.filter((q) => q.path.startsWith('/v2/'));
    const n429 = api.filter((q) => q.status === 429).length;
    return [
      row('4 bulk', `CLI: numbers add --file ${COUNT} numbers, --rate-limit ${LIMIT} on both, 100 ms latency`,
        `${out.ratePerMinute}/min = ${round(out.ratePerMinute / LIMIT)}× the limit; ${out.verified}/${out.total} verified in ${round(out.elapsedMs / 1000, 1)} s`, '', undefined,
        `not limit-bound: ${api.length} API requests < ${LIMIT} per window, so this is a burst (50 in flight) the sliding window allows; see the limit-bound row`),
      row('4 bulk', 'CLI: 429 answers in the sandbox request log', String(n429), '= 0', n429 === 0, `${api.length} API requests logged`),
    ];
  } finally {
    await sb.close();
  }
}

/** Bundle the client, the bulk mapper and the sandbox from src/ (the code the CLI runs) into one module. */
async function bundle() {
  const dir = scratch();
  const entry = join(dir, 'entry.ts');
  const src = (p) => JSON.stringify(join(ROOT, 'src', p));
  writeFileSync(entry, [
    `export { createExotelClient } from ${src('core/exotel/client.ts')};`,
    `export { mapNumbers } from ${src('core/bulk/map-numbers.ts')};`,
    `export { parseNumbersCsv } from ${src('core/bulk/numbers-csv.ts')};`,
    `export { startSandbox } from ${src('sandbox/server.ts')};`,
    `export { Secret } from ${src('core/secret.ts')};`,
  ].join('\n'));
  const outfile = join(dir, 'bundle.mjs');
  await build({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile, logLevel: 'warning', absWorkingDir: ROOT,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href);
}

async function limitBound(m, { latencyMs, perWindow = 20, windowMs = 1000 }) {
  const sb = await m.startSandbox({ latencyMs, rateLimitPerMinute: perWindow, rateWindowMs: windowMs });
  const client = m.createExotelClient({ accountSid: `bench_${latencyMs}`, apiKey: 'sandbox', apiToken: new m.Secret('sandbox'), baseUrl: sb.url, rateLimitPerMinute: perWindow, rateWindowMs: windowMs });
  try {
    const t = await client.createTrunk({ trunkName: `lb_${latencyMs}` });
    await new Promise((r) => setTimeout(r, windowMs + 100)); // start the bulk run with an empty window
    const since = Date.now();
    const { rows } = m.parseNumbersCsv(numbersCsv(COUNT, 1000));
    const res = await m.mapNumbers(client, t.data.trunkSid, rows);
    const api = sb.requests().filter((q) => q.path.startsWith('/v2/') && Date.parse(q.at) >= since);
    const at = api.map((q) => Date.parse(q.at)).sort((a, b) => a - b);
    const lastPost = api.reduce((i, q, k) => (q.method === 'POST' ? k : i), 0);
    const gaps = [];
    for (let k = perWindow; k <= lastPost; k++) gaps.push(at[k] - at[k - perWindow]);
    const n429 = api.filter((q) => q.status === 429).length;
    return { fraction: windowMs / mean(gaps), meanGap: mean(gaps), n429, res, requests: api.length };
  } finally {
    await client.close();
    await sb.close();
  }
}

/**
 * 4c: the CLI at Exotel's real 60-s window: limit + 100 numbers, so the last 100 writes must each wait for
 * the slot of the request `limit` places earlier. The trunk is created by another process first, and that
 * call holds a slot of the sandbox's window that the bulk process cannot know about; so the bulk run starts
 * only once that slot is free. bench/run.mjs prepares this at its start, so the wait overlaps other benches.
 */
export async function prepareRealWindow() {
  const sb = await startSandbox({ latencyMs: 100, rateLimit: LIMIT });
  const dir = scratch();
  const state = join(dir, 'state.json');
  const trunk = JSON.parse((await run(NODE, [CLI, 'trunk', 'create', `win_${process.pid % 10000}`, '--json', '--state', state], { env: sb.env() })).stdout);
  return { sb, dir, state, trunkSid: trunk.trunkSid, freeAt: Date.now() + 61_000 };
}

async function cliRealWindow(prep) {
  const count = LIMIT + 100;
  const { sb, dir, state, trunkSid } = prep;
  try {
    const wait = prep.freeAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const since = Date.now();
    const csv = join(dir, 'numbers.csv');
    writeFileSync(csv, numbersCsv(count, 5000));
    const r = await run(NODE, [CLI, 'numbers', 'add', '--file', csv, '--trunk-sid', trunkSid, '--rate-limit', String(LIMIT), '--json', '--state', state], { env: sb.env() });
    const out = JSON.parse(r.stdout);
    const api = (await sb.requests()).filter((q) => q.path.startsWith('/v2/') && Date.parse(q.at) >= since);
    const at = api.map((q) => Date.parse(q.at)).sort((a, b) => a - b);
    const lastPost = api.reduce((i, q, k) => (q.method === 'POST' ? k : i), 0);
    const gaps = [];
    for (let k = LIMIT; k <= lastPost; k++) gaps.push(at[k] - at[k - LIMIT]);
    const n429 = api.filter((q) => q.status === 429).length;
    const fraction = 60_000 / mean(gaps);
    return row('4 bulk', `CLI, limit-bound at the real 60-s window: ${count} numbers, --rate-limit ${LIMIT} on both, 100 ms latency: achieved ÷ limit`,
      `${round(fraction, 3)}× (mean gap ${round(mean(gaps), 0)} ms per 60000 ms window, over ${gaps.length} requests; ${n429} × 429)`, '≥ 0.95×', fraction >= 0.95 && n429 === 0,
      `whole run ${round(out.elapsedMs / 1000, 1)} s for ${out.verified}/${out.total} verified: one window's burst, then the rest one window later`);
  } finally {
    await sb.close();
  }
}

export async function bulk(prepared) {
  const real = prepared ?? (process.env.BENCH_SKIP_REAL_WINDOW === '1' ? undefined : prepareRealWindow());
  const rows = await cliBulk();
  const m = await bundle();
  const guard = (w) => Math.max(10, Math.ceil(w * 0.005));
  for (const latencyMs of [0, 100]) {
    const r = await limitBound(m, { latencyMs });
    const rtt = r.meanGap - 1000 - guard(1000); // what the hold adds per window beyond the guard
    const projected = 60_000 / (60_000 + guard(60_000) + Math.max(0, rtt));
    // With latency, a 1-s window is no longer Exotel's limit shape: a client that cannot see when the server
    // counted a request must keep its slot until the answer, so no client with zero 429s can beat
    // window ÷ (window + round trip) there. That row is a model, judged by its 429s only; the target is
    // judged at 0 ms latency here and at Exotel's real 60-s window in 4c.
    const judged = latencyMs === 0;
    const ceiling = 1000 / (1000 + latencyMs);
    rows.push(row('4 bulk', `limit-bound${judged ? '' : ' (model)'}: ${COUNT} numbers at 20 per 1-s window (= ${LIMIT}/min), ${latencyMs} ms latency: achieved ÷ limit`,
      `${round(r.fraction, 3)}× (mean gap ${round(r.meanGap, 0)} ms per window of 1000 ms; ${r.n429} × 429)`, judged ? '≥ 0.95×' : '0 × 429', judged ? r.fraction >= 0.95 && r.n429 === 0 : r.n429 === 0,
      `${judged ? '' : `ceiling with zero 429s at this round trip: window ÷ (window + round trip) = ${round(ceiling, 3)}×, so ${round(r.fraction / ceiling, 3)} of it; `}projected to Exotel's 60-s window with the same round trip: ${round(projected, 3)}× (hold = answer + window + guard ${guard(60_000)} ms); ${r.res.verified}/${r.res.total} verified`));
  }
  if (real) rows.push(await cliRealWindow(await real));
  return { rows };
}

if (isMain(import.meta.url)) printRows((await bulk()).rows);
