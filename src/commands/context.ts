/**
 * From global flags to an Engine: live Exotel when credentials are configured, else the built-in sandbox
 * started in-process on a loopback port (its state kept next to the journal, so verify and teardown work
 * across runs).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { Secret } from '../core/secret.js';
import { resolveExotelConfig } from '../core/exotel/config.js';
import { createExotelClient } from '../core/exotel/client.js';
import { REGION_BASE_URL, type Region } from '../core/exotel/types.js';
import { Engine } from '../core/engine/engine.js';
import { routeRetry } from '../core/plan/step-context.js';
import { loadProfile } from './profiles.js';

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

export async function openEngine(g: Globals, opts: { forceSandbox?: boolean } = {}): Promise<OpenedEngine> {
  const log = g.verbose ? (line: string) => process.stderr.write(`[http] ${line}\n`) : undefined;
  const statePath = resolve(g.state ?? '.exotrunk/state.json');
  ignoreStateDir(statePath);
  const profile = loadProfile(g.profile);
  const apiToken = g.apiTokenFile ? readTokenFile(g.apiTokenFile) : profile?.apiToken ? new Secret(profile.apiToken) : undefined;
  const resolved = g.sandbox || opts.forceSandbox
    ? ({ mode: 'sandbox' } as const)
    : resolveExotelConfig(process.env, { accountSid: g.accountSid, region: g.region, baseUrl: g.baseUrl, rateLimit: g.rateLimit, apiToken, profile: profile ?? undefined });
  if (resolved.mode === 'live') {
    const client = createExotelClient({ ...resolved.config, log, onRetry: routeRetry, onRateWait: rateWaitNotice() });
    const region: Region | 'custom' = Object.values(REGION_BASE_URL).includes(resolved.config.baseUrl) ? ((g.region ?? process.env.EXOTEL_REGION ?? profile?.region ?? 'in') as Region) : 'custom';
    const engine = new Engine({ client, mode: 'live', region, statePath });
    return {
      engine,
      close: async () => {
        ignoreStateDir(statePath);
        await engine.close();
      },
    };
  }
  const { startSandbox } = await import('../sandbox/server.js');
  const sandbox = await startSandbox({ persistPath: join(dirname(statePath), 'sandbox.json') });
  const client = createExotelClient({ accountSid: SANDBOX_ACCOUNT, apiKey: 'sandbox', apiToken: new Secret('sandbox'), baseUrl: sandbox.url, log, onRetry: routeRetry });
  const engine = new Engine({ client, mode: 'sandbox', region: 'in', statePath });
  return {
    engine,
    close: async () => {
      ignoreStateDir(statePath);
      await engine.close();
      await sandbox.close();
    },
  };
}

/** Open, run, close: the shape of every engine command. */
export async function withEngine<T>(g: Globals, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const opened = await openEngine(g);
  try {
    return await fn(opened.engine);
  } finally {
    await opened.close();
  }
}
