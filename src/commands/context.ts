/**
 * From global flags to an Engine: live Exotel when credentials are configured, else the built-in sandbox
 * started in-process on a loopback port (its state kept next to the journal, so verify and teardown work
 * across runs).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { cliName } from '../core/cli-name.js';
import { InputError } from '../core/errors.js';
import { Secret } from '../core/secret.js';
import { resolveExotelConfig } from '../core/exotel/config.js';
import { createExotelClient } from '../core/exotel/client.js';
import { REGION_BASE_URL, type Region } from '../core/exotel/types.js';
import { Engine } from '../core/engine/engine.js';
import { routeRetry, stepContext } from '../core/exotel/retry-context.js';
import { parseLockTimeout } from '../core/journal/lock.js';
import { rateMemoryWarnings } from '../core/exotel/rate-memory.js';
import type { RetryInfo } from '../core/exotel/types.js';
import { loadProfile } from './profiles.js';
import { interrupted, watchCtrlC } from './interrupt.js';
import { retryText } from '../present/retry.js';

export interface Globals {
  accountSid?: string;
  region?: string;
  baseUrl?: string;
  apiTokenFile?: string;
  profile?: string;
  rateLimit?: string;
  sandbox?: boolean;
  state: string;
  json?: boolean;
  yes?: boolean;
  input?: boolean;
  showSecrets?: boolean;
  verbose?: boolean;
  lockTimeout?: string;
}

export const SANDBOX_ACCOUNT = 'exotrunk_sandbox';

export function readTokenFile(file: string): Secret {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new InputError(`Cannot read the API token from ${file === '-' ? 'stdin' : file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, { fix: 'Give a readable file holding only the token, or - to read it from stdin.' });
  }
  const token = text.trim();
  if (!token) throw new InputError(`The API token file ${file} is empty.`);
  return new Secret(token);
}

/** Said once per command: a pause that would otherwise look like a hang. */
function rateWaitNotice(): (ms: number, perMinute: number) => void {
  let said = false;
  return (ms, perMinute) => {
    if (said) return;
    said = true;
    process.stderr.write(`… waiting about ${Math.ceil(ms / 1000)} s: recent requests (this command's or the last one's) used the account's rate limit of ${perMinute}/min.\n`);
  };
}

/**
 * EXOTRUNK_SANDBOX_AUTO_CREDENTIALS=pair|list: the built-in sandbox's equivalent of `exotrunk sandbox
 * --auto-credentials`, for trying (and testing) an account whose trunks come with Exotel's own credential.
 */
export function autoCredentialsFromEnv(env: NodeJS.ProcessEnv): 'pair' | 'list' | undefined {
  const v = env.EXOTRUNK_SANDBOX_AUTO_CREDENTIALS?.trim();
  if (!v || v === '0' || v === 'false') return undefined;
  if (v === 'pair' || v === '1' || v === 'true') return 'pair';
  if (v === 'list') return 'list';
  throw new InputError(`EXOTRUNK_SANDBOX_AUTO_CREDENTIALS="${v}" is not valid: use pair, list, or leave it unset.`);
}

/** Retry notices: against the plan step in apply; elsewhere (numbers list, verify, teardown) as a line of their own. */
function retryNotice(info: RetryInfo): void {
  if (stepContext.getStore()) return routeRetry(info);
  process.stderr.write(`↻ ${info.method} ${info.path.replace(/^.*\/v2\/accounts\/[^/]+/, '…')}: ${retryText(info)}\n`);
}

/** "exotrunk apply livekit": the command as the lock file names it (positional words only: never a flag's value). */
export function commandLine(argv = process.argv.slice(2)): string {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
  }
  return [cliName(), ...words].join(' ');
}

/** --lock-timeout as ms (0 when not given); an unreadable value is invalid input, before anything is sent. */
export function lockTimeoutOf(g: Globals): number {
  const ms = parseLockTimeout(g.lockTimeout ?? process.env.EXOTRUNK_LOCK_TIMEOUT);
  if (ms === undefined) return 0;
  if (Number.isNaN(ms)) throw new InputError(`--lock-timeout ${g.lockTimeout ?? process.env.EXOTRUNK_LOCK_TIMEOUT}: not a duration.`, { fix: 'Give seconds (30), or a number with ms, s, m or h (500ms, 30s, 5m), up to 24h; 0 fails at once when another command holds the lock.' });
  return ms;
}

/**
 * `.exotrunk/` holds the SIP password (secrets.json) and configs with it: a `.gitignore` of `*` in it keeps
 * `git add .` from committing any of that, as `.vercel/` and `.terraform/` do. Written once the folder exists
 * (when a command opens it and again when it closes it, so a first apply leaves one behind), never over one
 * the user wrote.
 */
export function ignoreStateDir(statePath: string): void {
  const dir = dirname(resolve(statePath));
  const file = join(dir, '.gitignore');
  try {
    if (existsSync(dir) && !existsSync(file)) writeFileSync(file, '# written by exotrunk: this folder holds secrets (SIP passwords) and local state\n*\n', { mode: 0o644, flag: 'wx' });
  } catch {
    // read-only or raced: not worth failing the command for
  }
}

export interface OpenedEngine {
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenOptions {
  forceSandbox?: boolean;
  /**
   * A writing command: take the state directory's lock before anything else (waiting up to --lock-timeout),
   * and honour Ctrl-C (stop new requests, finish those in flight). `resume` is the command that finishes the job.
   */
  writes?: { resume: string };
}

export async function openEngine(g: Globals, opts: OpenOptions = {}): Promise<OpenedEngine> {
  const lock = { command: commandLine(), timeoutMs: lockTimeoutOf(g), onNotice: (line: string) => void process.stderr.write(line + '\n') };
  const log = g.verbose ? (line: string) => process.stderr.write(`[http] ${line}\n`) : undefined;
  const statePath = resolve(g.state ?? '.exotrunk/state.json');
  ignoreStateDir(statePath);
  const profile = loadProfile(g.profile);
  const apiToken = g.apiTokenFile ? readTokenFile(g.apiTokenFile) : profile?.apiToken ? new Secret(profile.apiToken) : undefined;
  const resolved = g.sandbox || opts.forceSandbox
    ? ({ mode: 'sandbox' } as const)
    : resolveExotelConfig(process.env, { accountSid: g.accountSid, region: g.region, baseUrl: g.baseUrl, rateLimit: g.rateLimit, apiToken, profile: profile ?? undefined });
  if (resolved.mode === 'live') {
    const client = createExotelClient({ ...resolved.config, log, onRetry: retryNotice, onRateWait: rateWaitNotice(), signal: interrupted });
    for (const w of rateMemoryWarnings()) process.stderr.write(w + '\n');
    const region: Region | 'custom' = Object.values(REGION_BASE_URL).includes(resolved.config.baseUrl) ? ((g.region ?? process.env.EXOTEL_REGION ?? profile?.region ?? 'in') as Region) : 'custom';
    const engine = new Engine({ client, mode: 'live', region, statePath, lock, partners: { log, onRetry: retryNotice } });
    return writing({
      engine,
      close: async () => {
        ignoreStateDir(statePath);
        await engine.close();
      },
    }, opts);
  }
  const { startSandbox } = await import('../sandbox/server.js');
  const sandbox = await startSandbox({ persistPath: join(dirname(statePath), 'sandbox.json'), autoCredentials: autoCredentialsFromEnv(process.env) });
  const client = createExotelClient({ accountSid: SANDBOX_ACCOUNT, apiKey: 'sandbox', apiToken: new Secret('sandbox'), baseUrl: sandbox.url, log, onRetry: retryNotice, signal: interrupted });
  const engine = new Engine({ client, mode: 'sandbox', region: 'in', statePath, lock, partners: { log, onRetry: retryNotice } });
  const opened = {
    engine,
    close: async () => {
      ignoreStateDir(statePath);
      await engine.close();
      await sandbox.close();
    },
  };
  return writing(opened, opts);
}

async function writing(opened: OpenedEngine, opts: OpenOptions): Promise<OpenedEngine> {
  if (!opts.writes) return opened;
  try {
    return await startWriting(opened, opts.writes.resume);
  } catch (e) {
    await opened.close();
    throw e;
  }
}

/**
 * From here until it closes, the command writes: it holds the state directory's lock (waiting up to
 * --lock-timeout) and Ctrl-C stops new requests. On failure to lock, the caller still closes `opened`.
 */
export async function startWriting(opened: OpenedEngine, resume: string): Promise<OpenedEngine> {
  const unwatch = watchCtrlC(resume);
  try {
    await opened.engine.hold();
  } catch (e) {
    unwatch();
    throw e;
  }
  return {
    engine: opened.engine,
    close: async () => {
      try {
        await opened.close();
      } finally {
        unwatch();
      }
    },
  };
}

/** Open, run, close: the shape of every engine command. */
export async function withEngine<T>(g: Globals, fn: (engine: Engine) => Promise<T>, opts: OpenOptions = {}): Promise<T> {
  const opened = await openEngine(g, opts);
  try {
    return await fn(opened.engine);
  } finally {
    await opened.close();
  }
}
