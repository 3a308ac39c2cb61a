// Bench 5: peak memory (max RSS, from /usr/bin/time) of the wizard's first frame and of a bulk run of
// 1,000 numbers, each with `node -e 0` beside it for scale.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, NODE, cleanEnv, isMain, printRows, round, row, run, scratch, startSandbox } from './lib/common.mjs';
import { numbersCsv } from './lib/numbers.mjs';
import { untilOnScreen } from './lib/pty.mjs';

const TIME = '/usr/bin/time';
const rssOf = (text) => {
  const m = /BENCH_MAXRSS_KB=(\d+)/.exec(text);
  if (!m) throw new Error(`no max RSS in:\n${text.slice(-500)}`);
  return Number(m[1]) / 1024;
};
const timed = (argv) => [TIME, '-f', 'BENCH_MAXRSS_KB=%M', ...argv];

export async function memory() {
  if (!existsSync(TIME)) return { rows: [row('5 memory', 'max RSS', 'skipped', '', undefined, `${TIME} is not installed`)] };
  const rows = [];
  const [cmd, ...args] = timed([NODE, '-e', '0']);
  const base = rssOf((await run(cmd, args)).stderr);
  rows.push(row('5 memory', 'node -e 0', `${round(base, 1)} MB`, '', undefined));

  // The wizard: wait for the first frame, then Ctrl-C; /usr/bin/time reports the peak of the whole life.
  const w = await untilOnScreen(timed([NODE, CLI]), { marker: 'SANDBOX', env: cleanEnv(), cwd: scratch(), end: 'ctrl-c', settleMs: 300 });
  rows.push(row('5 memory', 'wizard: first frame, then Ctrl-C', `${round(rssOf(w.all), 1)} MB`, '', undefined, 'embedded sandbox started, all recipes loaded, Ink rendered'));

  const sb = await startSandbox({ rateLimit: 1200 });
  try {
    const env = sb.env();
    const dir = scratch();
    const state = join(dir, 'state.json');
    const trunk = JSON.parse((await run(NODE, [CLI, 'trunk', 'create', `mem_${process.pid % 10000}`, '--json', '--state', state], { env })).stdout);
    const csv = join(dir, 'numbers.csv');
    writeFileSync(csv, numbersCsv(1000, 9000));
    const argv = timed([NODE, CLI, 'numbers', 'add', '--file', csv, '--trunk-sid', trunk.trunkSid, '--rate-limit', '1200', '--json', '--state', state]);
    const r = await run(argv[0], argv.slice(1), { env });
    const out = JSON.parse(r.stdout);
    rows.push(row('5 memory', 'numbers add --file 1,000 numbers (sandbox in its own process)', `${round(rssOf(r.stderr), 1)} MB`, '', undefined, `${out.verified}/${out.total} verified in ${round(out.elapsedMs / 1000, 1)} s`));
  } finally {
    await sb.close();
  }
  return { rows };
}

if (isMain(import.meta.url)) printRows((await memory()).rows);
