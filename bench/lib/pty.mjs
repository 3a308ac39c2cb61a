// Run a command under a pseudo-terminal (util-linux `script`) and time it until a marker is on screen.
import { spawn } from 'node:child_process';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]/g;
export const stripAnsi = (s) => s.replace(ANSI, '');

/** Quote one argument for sh. */
const sh = (a) => `'${String(a).replace(/'/g, `'\\''`)}'`;

/**
 * Spawn `argv` in a 100×40 pty; resolve when the screen text contains `marker`, with the ms from spawn and
 * the text seen so far. `onSeen` may end the program ('ctrl-c' writes ^C to the terminal; else SIGTERM).
 * The pty size is set with stty because `script` without a controlling terminal starts at 0 columns.
 */
export function untilOnScreen(argv, { marker, env, cwd, timeoutMs = 15_000, end = 'kill', settleMs = 0 }) {
  return new Promise((resolve, reject) => {
    const command = `stty cols 100 rows 40 && exec ${argv.map(sh).join(' ')}`;
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let raw = '';
    let seenAt;
    let frame;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`"${marker}" not on screen after ${timeoutMs} ms; screen:\n${stripAnsi(raw).slice(-1500)}`));
    }, timeoutMs);
    const finish = () => {
      if (end === 'ctrl-c') child.stdin.write('\x03');
      else child.kill('SIGTERM');
    };
    child.stdout.on('data', (c) => {
      raw += c;
      if (seenAt === undefined && stripAnsi(raw).includes(marker)) {
        seenAt = performance.now() - t0;
        frame = stripAnsi(raw);
        setTimeout(finish, settleMs);
      }
    });
    child.stderr.on('data', (c) => (raw += c));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      if (seenAt === undefined) return reject(new Error(`exited before "${marker}" was on screen:\n${stripAnsi(raw).slice(-1500)}`));
      resolve({ ms: seenAt, frame, all: stripAnsi(raw) });
    });
  });
}
