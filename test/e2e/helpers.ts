/**
 * End-to-end helpers: run the BUILT binary (dist/cli.js) as a child process against a sandbox that is
 * itself a child process (`exotrunk sandbox`), over real HTTP on 127.0.0.1 only.
 *
 * Every run's stdout and stderr is kept in `captured` so each test file can end with a secret scan: the API
 * token must never appear, the SIP password only in 0600 files and in runs made with --show-secrets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect } from 'vitest';

/** The built CLI; EXOTRUNK_E2E_CLI points elsewhere (e.g. a private build while dist/ is being rebuilt). */
export const CLI = resolve(process.env.EXOTRUNK_E2E_CLI ?? 'dist/cli.js');
export const TOKEN = 'TOKEN-e2e-7f3a9c';
export const SIP_PASSWORD = 'Pw-e2e-ZZ9-plural-z-alpha';

export function requireBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does).`);
}

export interface Captured {
  label: string;
  text: string;
  /** the run was asked to print secrets */
  showSecrets: boolean;
}
export const captured: Captured[] = [];
const tempDirs: string[] = [];

export function tempDir(prefix = 'exotrunk-e2e-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(d);
  return d;
}

export function cleanupTempDirs(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOpts {
  cwd: string;
  /** the sandbox to talk to; without it the CLI uses its embedded sandbox */
  url?: string;
  account?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** stdin text (else closed) */
  input?: string;
}

let binDir: string | undefined;
/**
 * A folder holding `exotrunk` → the built CLI, put first on the PATH of every run: the CLI then names itself
 * `exotrunk` in its hints, as an installed copy does (src/core/cli-name.ts; test/cli-name.test.ts covers the
 * other ways of starting it).
 */
export function cliBinDir(): string {
  if (!binDir) {
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-bin-'));
    symlinkSync(CLI, join(dir, 'exotrunk'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    binDir = dir;
  }
  return binDir;
}

/** The environment of every CLI run: no prompts, no colour, no real profile, our sandbox and secrets. */
export function cliEnv(o: RunOpts): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: `${cliBinDir()}${delimiter}${process.env.PATH}`,
    HOME: o.cwd,
    XDG_CONFIG_HOME: join(o.cwd, '.config'),
    CI: '1',
    NO_COLOR: '1',
    EXOTRUNK_SIP_PASSWORD: SIP_PASSWORD,
    // the suite-wide check that nothing the client sends is refused for a validation reason (test/global-setup.ts)
    EXOTRUNK_SANDBOX_REJECT_LOG: process.env.EXOTRUNK_SANDBOX_REJECT_LOG,
  };
  if (o.url) {
    env.EXOTEL_BASE_URL = o.url;
    env.EXOTEL_ACCOUNT_SID = o.account ?? 'acc1';
    env.EXOTEL_API_KEY = 'sandbox';
    env.EXOTEL_API_TOKEN = TOKEN;
  }
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function spawnCli(args: string[], o: RunOpts): { child: ChildProcess; done: Promise<RunResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: o.cwd, env: cliEnv(o), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin!.end(o.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 25_000);
  const done = new Promise<RunResult>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const showSecrets = args.includes('--show-secrets');
      captured.push({ label: `exotrunk ${args.join(' ')} (stdout)`, text: stdout, showSecrets });
      captured.push({ label: `exotrunk ${args.join(' ')} (stderr)`, text: stderr, showSecrets });
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

export function cli(args: string[], o: RunOpts): Promise<RunResult> {
  return spawnCli(args, o).done;
}

/** A message for expect(): the command's output, to see why an exit code was not the one expected. */
export const why = (r: RunResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

// ---------------------------------------------------------------------------------------------- sandbox

export interface SandboxProc {
  url: string;
  /** with --partners: the stand-ins' variables as printed (LIVEKIT_URL=…, ELEVENLABS_API_KEY=…, …) */
  env: Record<string, string>;
  state(): Promise<any>;
  requests(): Promise<any[]>;
  reset(): Promise<void>;
  faults(spec: string): Promise<void>;
  /** GET/POST/PUT/DELETE on the Exotel API itself, as a user with curl would (drift behind exotrunk's back) */
  api(method: string, path: string, body?: unknown, account?: string): Promise<any>;
  stop(): Promise<void>;
}

const AUTH = 'Basic ' + Buffer.from(`sandbox:${TOKEN}`).toString('base64');

export async function startSandboxProc(extra: string[] = []): Promise<SandboxProc> {
  const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0', '--api-token', TOKEN, ...extra], {
    env: { PATH: process.env.PATH, NO_COLOR: '1', EXOTRUNK_SANDBOX_REJECT_LOG: process.env.EXOTRUNK_SANDBOX_REJECT_LOG },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  let stdoutRest = '';
  const env: Record<string, string> = {};
  // with --partners, the stand-ins' seven variables follow the URL
  const expected = extra.includes('--partners') ? 8 : 1;
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${stderr}`)), 15_000);
    const rl = createInterface({ input: child.stdout! });
    let first = '';
    let seen = 0;
    rl.on('line', (line) => {
      seen++;
      if (seen === 1) first = line.trim();
      else {
        stdoutRest += line + '\n';
        const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (m && seen <= expected) env[m[1]] = m[2];
      }
      if (seen === expected) {
        clearTimeout(timer);
        resolveUrl(first);
      }
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${stderr}`)));
  });
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`sandbox URL is not loopback: ${url}`);
  const get = async (path: string) => (await fetch(url + path)).json();
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  return {
    url,
    env,
    state: () => get('/__sandbox/state'),
    requests: () => get('/__sandbox/requests'),
    reset: () => post('/__sandbox/reset'),
    faults: (spec) => post('/__sandbox/faults', { spec }),
    api: async (method, path, body, account = 'acc1') => {
      const res = await fetch(`${url}/v2/accounts/${account}${path}`, {
        method,
        headers: { Authorization: AUTH, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.json();
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      captured.push({ label: 'sandbox (stdout)', text: url + '\n' + stdoutRest, showSecrets: false });
      captured.push({ label: 'sandbox (stderr)', text: stderr, showSecrets: false });
    },
  };
}

/** The trunks of one account in the sandbox state, with their resources. */
export function trunksOf(state: any, account: string): any[] {
  return Object.values(state.accounts?.[account]?.trunks ?? {});
}

/** No resource appears twice on any trunk of the account, and no trunk name twice. */
export function duplicatesIn(state: any, account: string): string[] {
  const dups: string[] = [];
  const once = (what: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) dups.push(`${what} ${k}`);
      seen.add(k);
    }
  };
  const trunks = trunksOf(state, account);
  once('trunk', trunks.map((t) => t.trunk.trunk_name));
  for (const t of trunks) {
    once('number', t.numbers.map((n: any) => n.phone_number));
    once('acl', t.acl.map((a: any) => `${a.ip}/${a.mask}`));
    once('credential', t.credentials.map((c: any) => c.user_name));
    once('destination', t.destinations.map((d: any) => d.destination));
    once('setting', t.settings.map((s: any) => s.name));
  }
  return dups;
}

// ---------------------------------------------------------------------------------------------- secrets

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * Where the secrets leaked: the API token anywhere (output or file); the SIP password in output of a run
 * without --show-secrets, in the state journal, or in any file that is not 0600.
 */
export function secretLeaks(dirs: string[] = tempDirs): string[] {
  const leaks: string[] = [];
  for (const c of captured) {
    if (c.text.includes(TOKEN)) leaks.push(`API token in ${c.label}`);
    if (!c.showSecrets && c.text.includes(SIP_PASSWORD)) leaks.push(`SIP password in ${c.label}`);
  }
  for (const dir of dirs) {
    for (const f of filesUnder(dir)) {
      const text = readFileSync(f, 'utf8');
      if (text.includes(TOKEN)) leaks.push(`API token in file ${f}`);
      if (!text.includes(SIP_PASSWORD)) continue;
      const mode = statSync(f).mode & 0o777;
      if (mode !== 0o600) leaks.push(`SIP password in ${f} (mode ${mode.toString(8)}, not 600)`);
      if (/state\.json$|\.log$/.test(f)) leaks.push(`SIP password in ${f}`);
    }
  }
  return leaks;
}

/** Run `fn` over `items` with at most `n` at a time (2 cores: keep the machine responsive). */
export async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

/** mulberry32: a seeded RNG so the kill moments are the same on every run of the suite. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A sandbox for one test file: the build checked and the sandbox started (handed to `use`) before the first
 * test; after the last, it stops, no secret may show in anything captured, and the temporary folders go.
 */
export function sandboxPerFile<T extends { stop(): Promise<void> }>(start: () => Promise<T>, use: (sb: T) => void): void {
  let sb: T | undefined;
  beforeAll(async () => {
    requireBuilt();
    sb = await start();
    use(sb);
  });
  afterAll(async () => {
    await sb?.stop();
    expect(secretLeaks()).toEqual([]);
    cleanupTempDirs();
  });
}
