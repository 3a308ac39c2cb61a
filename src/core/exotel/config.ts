/**
 * Where the client's settings come from: flags, then environment, then the saved profile. With no account
 * SID and no token anywhere, exotrunk runs against the local sandbox instead of the real API.
 */
import { InputError } from '../errors.js';
import { Secret } from '../secret.js';
import { checkBaseUrl } from './base-url.js';
import { REGION_BASE_URL, type ExotelClientConfig, type Region } from './types.js';
import { exotelSettings, type ProfileData } from './config-sources.js';
import { checkAccountSid } from '../rules/account-sid.js';

export type { ProfileData };

export interface ExotelConfigFlags {
  accountSid?: string;
  region?: string;
  baseUrl?: string;
  rateLimit?: number | string;
  apiToken?: Secret;
  profile?: ProfileData;
}

export type ResolvedExotelConfig = { mode: 'live'; config: ExotelClientConfig } | { mode: 'sandbox' };

/** Exotel's documented limit for the trunk APIs; a higher value needs Exotel's say-so, so cap it sanely. */
const MAX_RATE_LIMIT = 10_000;

export function resolveExotelConfig(env: NodeJS.ProcessEnv, flags: ExotelConfigFlags = {}): ResolvedExotelConfig {
  const set = exotelSettings(env, { ...flags, apiToken: flags.apiToken?.reveal(), profile: flags.profile });
  const accountSid = set.accountSid;
  const tokenText = flags.apiToken?.reveal() || env.EXOTEL_API_TOKEN || undefined;

  if (!accountSid && !tokenText) {
    // the built-in sandbox does not limit, but a bad value is a mistake to say, as it is against Exotel
    if (set.rateLimit !== undefined) parseRateLimit(set.rateLimit);
    return { mode: 'sandbox' };
  }
  if (!accountSid || !tokenText) {
    const missing = !accountSid ? 'account SID (--account-sid or EXOTEL_ACCOUNT_SID)' : 'API token (EXOTEL_API_TOKEN)';
    throw new InputError(`Exotel is half configured: the ${missing} is missing.`, {
      why: 'Both the account SID and the API token are needed to talk to Exotel; with neither, exotrunk uses the local sandbox.',
      fix: 'Copy them from API Settings in the Exotel dashboard, or unset both to use the sandbox.',
    });
  }

  // it goes into every API path and the trunk's SIP domain: checked before anything is sent
  const sidSource = flags.accountSid?.trim() ? '--account-sid' : env.EXOTEL_ACCOUNT_SID?.trim() ? 'EXOTEL_ACCOUNT_SID' : 'the saved profile';
  checkAccountSid(accountSid, sidSource);
  const region = parseRegion(set.region ?? 'in');
  const baseUrl = checkBaseUrl(set.baseUrl ?? REGION_BASE_URL[region]).href.replace(/\/+$/, '');
  const rateLimitPerMinute = parseRateLimit(set.rateLimit);
  const apiKey = set.apiKey ?? accountSid;

  return {
    mode: 'live',
    config: { accountSid, apiKey, apiToken: flags.apiToken ?? new Secret(tokenText), baseUrl, rateLimitPerMinute },
  };
}

function parseRegion(raw: string): Region {
  const r = raw.toLowerCase();
  if (r === 'in' || r === 'sg') return r;
  throw new InputError(`Unknown Exotel region "${raw}".`, {
    why: 'Exotel has two API regions: in (Mumbai, https://api.in.exotel.com) and sg (Singapore, https://api.exotel.com).',
    fix: 'Set --region in or --region sg (EXOTEL_REGION), or give --base-url.',
  });
}

function parseRateLimit(raw: number | string | undefined): number {
  if (raw === undefined) return 200;
  const n = typeof raw === 'number' ? raw : Number(raw.trim());
  if (!Number.isInteger(n) || n < 1 || n > MAX_RATE_LIMIT) {
    throw new InputError(`Invalid rate limit "${raw}".`, {
      why: `It is the number of API requests per minute for this account: a whole number from 1 to ${MAX_RATE_LIMIT} (Exotel's default limit is 200).`,
      fix: 'Set --rate-limit 200 (EXOTEL_RATE_LIMIT), or lower if other tools share the account.',
    });
  }
  return n;
}
