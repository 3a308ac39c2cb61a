// Bench 1: startup. `exotrunk --version` / `--help` against `node -e 0`, and the wizard's first frame in a
// pseudo-terminal against a node process that prints the same marker at once. Runs are interleaved so
// that background load hits every variant alike; the figure is the ratio of medians.
import { CLI, NODE, cleanEnv, isMain, median, printRows, round, row, run, scratch } from './lib/common.mjs';
import { untilOnScreen } from './lib/pty.mjs';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 20);
const WIZARD_RUNS = Number(process.env.BENCH_WIZARD_RUNS ?? 8);
const MARKER = 'SANDBOX';

export async function startup() {
  const env = cleanEnv();
  const variants = {
    'node -e 0': [NODE, ['-e', '0']],
    'exotrunk --version': [NODE, [CLI, '--version']],
    'exotrunk --help': [NODE, [CLI, '--help']],
  };
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = -2; i < RUNS; i++) {
    for (const [name, [cmd, args]] of Object.entries(variants)) {
      const { ms } = await run(cmd, args, { env });
      if (i >= 0) times[name].push(ms); // the first two rounds warm the file cache
    }
  }
  const base = median(times['node -e 0']);
  const rows = [row('1 startup', `node -e 0 (median of ${RUNS})`, `${round(base, 1)} ms`, '', undefined)];
  for (const name of ['exotrunk --version', 'exotrunk --help']) {
    const m = median(times[name]);
    const r = m / base;
    rows.push(row('1 startup', `${name} ÷ node -e 0`, `${round(r)}× (${round(m, 1)} ms)`, '≤ 1.3×', r <= 1.3));
  }

  // The wizard: spawn → the first screen text containing the header's "SANDBOX".
  const wiz = [];
  const echo = [];
  let frame = '';
  for (let i = -1; i < WIZARD_RUNS; i++) {
    const b = await untilOnScreen([NODE, '-e', `process.stdout.write(${JSON.stringify(MARKER + '\n')})`], { marker: MARKER, env, cwd: scratch() });
    const w = await untilOnScreen([NODE, CLI], { marker: MARKER, env, cwd: scratch() });
    if (i < 0) continue;
    echo.push(b.ms);
    wiz.push(w.ms);
    frame = w.frame;
  }
  const wb = median(echo);
  const wm = median(wiz);
  rows.push(row('1 startup', `pty: node prints "${MARKER}" (median of ${WIZARD_RUNS})`, `${round(wb, 1)} ms`, '', undefined, 'the same `script` pty harness and stty call as the wizard run'));
  rows.push(
    row('1 startup', 'wizard first frame ÷ pty node baseline', `${round(wm / wb)}× (${round(wm, 1)} ms)`, '≤ 3×', wm / wb <= 3,
      'no credentials, so the first frame needs the embedded sandbox started before it is drawn'),
  );
  return { rows, frame };
}

if (isMain(import.meta.url)) {
  const { rows, frame } = await startup();
  printRows(rows);
  console.log(`first frame:\n${frame}`);
}
