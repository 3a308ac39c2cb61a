/**
 * Opening an engine, in one place for both front ends: live Exotel when an account SID and a token are configured
 * (flags, then the environment, then the saved profile), else the built-in sandbox, started in-process on a
 * loopback port with its state next to the journal. The core never imports the sandbox: the front end hands in
 * how to start it.
 */
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { checkBaseUrl } from '../exotel/base-url.js';
import { checkAccountSid } from '../rules/account-sid.js';
import { createExotelClient } from '../exotel/client.js';
import { resolveExotelConfig } from '../exotel/config.js';
import { rateMemoryWarnings } from '../exotel/rate-memory.js';
import { routeRetry, stepContext } from '../exotel/retry-context.js';
import { REGION_BASE_URL, type Region, type RetryInfo } from '../exotel/types.js';
import type { LockOptions } from '../journal/lock.js';
import { Secret } from '../secret.js';
import { checkCredentials } from './credentials-check.js';
import { Engine } from './engine.js';
import { currentProfileName, loadProfile, saveProfile } from './profiles.js';
import { StateDir } from '../journal/state-dir.js';

export const SANDBOX_ACCOUNT = 'exotrunk_sandbox';

/** The embedded sandbox, as the front end starts it. */
export type StartSandbox = (opts: { persistPath: string; autoCredentials?: 'pair' | 'list' }) => Promise<{ url: string; close(): Promise<void> }>;

export interface OpenSpec {
  /** the settings the flags give (the rest comes from the environment and the profile) */
  flags: { accountSid?: string; region?: string; baseUrl?: string; rateLimit?: number | string; profile?: string; sandbox?: boolean };
  /** the API token read from --api-token-file, when given */
  apiToken?: Secret;
  env?: NodeJS.ProcessEnv;
  /** the state journal (default .exotrunk/state.json) */
  statePath?: string;
  lock?: LockOptions;
  startSandbox: StartSandbox;
  /** every request and answer, secrets masked (--verbose) */
  log?: (line: string) => void;
  /** a retry outside a plan's steps (a list, verify, a teardown's read): the front end says it */
  onRetry?: (info: RetryInfo) => void;
  onRateWait?: (ms: number, perMinute: number) => void;
  /** something the user should know before anything runs (another process used the rate limit recently) */
  onNotice?: (line: string) => void;
  /** Ctrl-C: no new request is sent */
  signal?: AbortSignal;
  /** false: leave the partner side alone in this command, even with its API keys set (--no-partner-api) */
  partnerApi?: boolean;
}

export interface OpenedEngine {
  engine: Engine;
  close(): Promise<void>;
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

export async function openEngine(spec: OpenSpec): Promise<OpenedEngine> {
  const env = spec.env ?? process.env;
  const statePath = resolve(spec.statePath ?? join('.exotrunk', 'state.json'));
  const profile = loadProfile(spec.flags.profile);
  const apiToken = spec.apiToken ?? (profile?.apiToken ? new Secret(profile.apiToken) : undefined);
  // a retry inside a plan step is shown against that step; any other is the front end's to say
  const onRetry = (info: RetryInfo) => (stepContext.getStore() ? routeRetry(info) : spec.onRetry?.(info));
  const common = { log: spec.log, onRetry, signal: spec.signal };
  // partner keys typed in the wizard are kept in (and read from) the profile in use
  const partners = { env, log: spec.log, onRetry, off: spec.partnerApi === false, profile: profile ? (spec.flags.profile ?? currentProfileName()) : undefined };
  const stateDir = new StateDir(statePath);
  const protect = () => {
    const notice = stateDir.protect();
    if (notice) spec.onNotice?.(notice);
  };
  protect();
  const resolved = spec.flags.sandbox ? ({ mode: 'sandbox' } as const) : resolveExotelConfig(env, { ...spec.flags, apiToken, profile: profile ?? undefined });
  if (resolved.mode === 'live') {
    const client = createExotelClient({ ...resolved.config, ...common, onRateWait: spec.onRateWait });
    for (const w of rateMemoryWarnings()) spec.onNotice?.(w);
    const region: Region | 'custom' = Object.values(REGION_BASE_URL).includes(resolved.config.baseUrl) ? ((spec.flags.region ?? env.EXOTEL_REGION ?? profile?.region ?? 'in') as Region) : 'custom';
    const engine = new Engine({ client, mode: 'live', region, statePath, lock: spec.lock, partners });
    return {
      engine,
      close: async () => {
        protect();
        await engine.close();
      },
    };
  }
  const sandbox = await spec.startSandbox({ persistPath: join(dirname(statePath), 'sandbox.json'), autoCredentials: autoCredentialsFromEnv(env) });
  const client = createExotelClient({ accountSid: SANDBOX_ACCOUNT, apiKey: 'sandbox', apiToken: new Secret('sandbox'), baseUrl: sandbox.url, ...common });
  const engine = new Engine({ client, mode: 'sandbox', region: 'in', statePath, lock: spec.lock, partners });
  return {
    engine,
    close: async () => {
      protect();
      try {
        await engine.close();
      } finally {
        await sandbox.close();
      }
    },
  };
}

/** The base URL for these credentials: an explicit one (--base-url / EXOTEL_BASE_URL) wins over the region picked. */
export function liveBaseUrl(region: 'in' | 'sg', baseUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): { baseUrl: string; explicit: boolean } {
  const explicit = baseUrl ?? (env.EXOTEL_BASE_URL?.trim() || undefined);
  return explicit ? { baseUrl: checkBaseUrl(explicit).href.replace(/\/$/, ''), explicit: true } : { baseUrl: REGION_BASE_URL[region], explicit: false };
}

export interface LiveCredentials {
  accountSid: string;
  apiKey: string;
  apiToken: Secret;
  region: 'in' | 'sg';
  saveProfile: boolean;
}

/**
 * The wizard's "enter live credentials" path: the credentials are checked first (one read), then the profile is
 * saved if asked, then the live engine is made.
 */
export async function openLiveEngine(c: LiveCredentials, opts: { baseUrl?: string; statePath?: string; onRetry?: (info: RetryInfo) => void }): Promise<Engine> {
  const { baseUrl, explicit } = liveBaseUrl(c.region, opts.baseUrl);
  const cfg = { accountSid: checkAccountSid(c.accountSid, 'the account SID field'), apiKey: c.apiKey || c.accountSid, apiToken: c.apiToken, baseUrl };
  await checkCredentials(cfg);
  if (c.saveProfile) await saveProfile('default', { accountSid: c.accountSid, apiKey: cfg.apiKey, region: c.region, apiToken: c.apiToken.reveal() });
  const client = createExotelClient({ ...cfg, onRetry: (info) => (stepContext.getStore() ? routeRetry(info) : opts.onRetry?.(info)) });
  return new Engine({ client, mode: 'live', region: explicit ? 'custom' : c.region, statePath: opts.statePath, partners: { profile: c.saveProfile ? 'default' : undefined } });
}
