/**
 * Where calls will go, before the engine is open: the wizard's header says it with the first frame. The same
 * precedence as opening the engine (exotel/config-sources.ts); the engine checks the settings properly a moment
 * later, and the header follows it. Light: no client, no checks.
 */
import { exotelSettings } from '../exotel/config-sources.js';
import { loadProfile } from './profiles.js';

export interface TargetSource {
  mode: 'sandbox' | 'live';
  label: string;
  client?: { accountSid: string; baseUrl: string };
}

export interface TargetFlags {
  sandbox?: boolean;
  profile?: string;
  accountSid?: string;
  region?: string;
  baseUrl?: string;
  /** --api-token-file was given (its content is read when the engine opens) */
  apiTokenFile?: string;
}

/** Live when an account SID and a token source are configured; else the sandbox. Never throws. */
export function describeTarget(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): TargetSource {
  const sandbox = { mode: 'sandbox' as const, label: 'SANDBOX' };
  if (flags.sandbox) return sandbox;
  let profile;
  try {
    profile = loadProfile(flags.profile);
  } catch {
    return sandbox;
  }
  const set = exotelSettings(env, { ...flags, apiToken: flags.apiTokenFile, profile: profile ?? undefined });
  if (!set.accountSid || !set.token) return sandbox;
  const region = set.baseUrl ? 'custom' : (set.region ?? 'in');
  // with a base URL, the header can tell a server on this machine (LOCAL) from the real Exotel
  return { mode: 'live', label: `LIVE ${set.accountSid} (${region})`, ...(set.baseUrl ? { client: { accountSid: set.accountSid, baseUrl: set.baseUrl } } : {}) };
}
