/**
 * From the global flags to an open engine: the core opens it (core/engine/open.ts: live Exotel when credentials
 * are configured, else the built-in sandbox); this adds what belongs to a command line. The API token file, the
 * lock's name and timeout, the retry and rate-limit notices on stderr, Ctrl-C, and how the sandbox is started.
 */
import { readFileSync } from 'node:fs';
import { openEngine as openCore, type OpenedEngine } from '../core/engine/index.js';
import { InputError, parseLockTimeout, Secret, programName } from '../core/engine/light.js';
import type { Engine } from '../core/engine/types.js';
import { rateWaitLine, retryLine } from '../present/retry.js';
import { interrupted, watchCtrlC } from './interrupt.js';
import type { Globals } from './options.js';

export type { Globals, OpenedEngine };

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

/** "exotrunk apply livekit": the command as the lock file names it (positional words only: never a flag's value). */
export function commandLine(argv = process.argv.slice(2)): string {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
  }
  return [programName(), ...words].join(' ');
}

/** --lock-timeout (else EXOTRUNK_LOCK_TIMEOUT) as ms, 0 when neither is given; an unreadable value is a usage error. */
export function lockTimeoutOf(g: Pick<Globals, 'lockTimeout'>): number {
  const raw = g.lockTimeout ?? process.env.EXOTRUNK_LOCK_TIMEOUT;
  const ms = parseLockTimeout(raw);
  if (ms === undefined) return 0;
  if (Number.isNaN(ms)) {
    const over = /^\s*\d+(?:\.\d+)?\s*(?:ms|s|m|h)?\s*$/i.test(raw!);
    throw new InputError(`${g.lockTimeout !== undefined ? '--lock-timeout' : 'EXOTRUNK_LOCK_TIMEOUT'} ${raw}: ${over ? 'over the 24h a command may wait' : 'not a duration'}.`, { fix: 'Give seconds (30), or a number with ms, s, m or h (500ms, 30s, 5m), up to 24h; 0 fails at once when another command holds the lock.' });
  }
  return ms;
}

export interface OpenOptions {
  forceSandbox?: boolean;
  /**
   * A writing command: take the state directory's lock before anything else (waiting up to --lock-timeout),
   * and honour Ctrl-C (stop new requests, finish those in flight). `resume` is the command that finishes the job.
   */
  writes?: { resume: string };
}

const say = (line: string) => void process.stderr.write(line + '\n');

export async function openEngine(g: Globals, opts: OpenOptions = {}): Promise<OpenedEngine> {
  let waited = false;
  const opened = await openCore({
    flags: { accountSid: g.accountSid, region: g.region, baseUrl: g.baseUrl, rateLimit: g.rateLimit, profile: g.profile, sandbox: g.sandbox || opts.forceSandbox },
    apiToken: g.apiTokenFile ? readTokenFile(g.apiTokenFile) : undefined,
    statePath: g.state,
    // read when a writing command takes the lock: verify, plan and render never wait, so they ignore it
    lock: {
      command: commandLine(),
      get timeoutMs() {
        return lockTimeoutOf(g);
      },
      onNotice: say,
    },
    startSandbox: async (o) => (await import('../sandbox/server.js')).startSandbox(o),
    log: g.verbose ? (line) => say(`[http] ${line}`) : undefined,
    // retries inside a plan step are shown against the step (the apply's event lines)
    onRetry: (info) => say(retryLine(info)),
    onRateWait: (ms, perMinute) => {
      if (!waited) say(rateWaitLine(ms, perMinute));
      waited = true;
    },
    onNotice: say,
    signal: interrupted,
    partnerApi: g.partnerApi,
  });
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
