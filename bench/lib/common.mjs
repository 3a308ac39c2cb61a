// Shared helpers for the benches: run the built CLI as a child process, time it, start a sandbox.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// bench/run.mjs points this at a private copy of dist/, so a rebuild by someone else mid-run cannot break it.
export const CLI = process.env.BENCH_CLI ?? join(ROOT, 'dist', 'cli.js');
export const NODE = process.execPath;

const dirs = [];
/** A scratch folder, removed when the bench process exits. */
export function scratch(prefix = 'exotrunk-bench-') {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
process.on('exit', () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * The environment every child gets: no Exotel credentials, no CI flag, and a private profiles file, so a
 * profile saved on this machine can never turn a bench into a LIVE run.
 */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(EXOTEL_|EXOTRUNK_|LIVEKIT_|ELEVENLABS_|RETELL_)/.test(k) || k === 'CI' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  env.EXOTRUNK_PROFILES = join(scratch('exotrunk-bench-profiles-'), 'profiles.json');
  return { ...env, ...extra };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const round = (x, digits = 2) => Number(x.toFixed(digits));

/** Run a command to completion; resolves with wall ms (spawn to exit), stdout, stderr. Rejects on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0 && !opts.allowFail) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
      else resolve({ ms, code, stdout, stderr });
    });
  });
}

/**
 * `exotrunk sandbox` as a child process; the first stdout line is its base URL. `partners`: the LiveKit,
 * ElevenLabs and Retell stand-ins too (same latency), their variables on the next seven lines.
 */
export async function startSandbox({ latencyMs = 0, rateLimit = 200, partners = false } = {}) {
  const child = spawn(NODE, [CLI, 'sandbox', '--latency-ms', String(latencyMs), '--rate-limit', String(rateLimit), ...(partners ? ['--partners'] : [])], {
    cwd: scratch(),
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const partnerEnv = {};
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.stdout.on('data', (c) => {
      buf += c;
      const lines = buf.split('\n').slice(0, -1);
      if (lines.length < (partners ? 8 : 1)) return;
      for (const l of lines.slice(1, 8)) {
        const m = /^([A-Z_]+)=(.*)$/.exec(l.trim());
        if (m) partnerEnv[m[1]] = m[2];
      }
      resolve(lines[0].trim());
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}: ${err}`)));
  });
  const get = async (path) => (await fetch(`${url}${path}`)).json();
  return {
    url,
    /** the env the sandbox's own hint tells a user to set */
    env: (extra = {}) => cleanEnv({ EXOTEL_BASE_URL: url, EXOTEL_API_KEY: 'sandbox', EXOTEL_API_TOKEN: 'sandbox', EXOTEL_ACCOUNT_SID: 'sandbox', ...partnerEnv, ...extra }),
    requests: () => get('/__sandbox/requests'),
    reset: () => fetch(`${url}/__sandbox/reset`, { method: 'POST' }).then((r) => r.json()),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** A row of the results table. `pass` is undefined for figures that have no target. */
export function row(bench, measure, value, target, pass, note = '') {
  return { bench, measure, value, target, pass, note };
}

/** Print rows when a bench file is run on its own. */
export function printRows(rows) {
  for (const r of rows) {
    const verdict = r.pass === undefined ? '' : r.pass ? '  PASS' : '  FAIL';
    console.log(`${r.bench} · ${r.measure}: ${r.value}${r.target ? `  (target ${r.target})` : ''}${verdict}${r.note ? `\n    ${r.note}` : ''}`);
  }
}

/** True when this module is the script node was started with. */
export const isMain = (metaUrl) => process.argv[1] && fileURLToPath(metaUrl) === process.argv[1];
