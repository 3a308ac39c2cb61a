/**
 * Where each Exotel setting comes from: the flag, then the environment, then the saved profile. One precedence
 * for everything that asks (opening the engine, the wizard's header before it opens). No checks here and no
 * heavy imports: config.ts validates, and the wizard's first frame reads this.
 */
import type { Region } from './types.js';

/** The non-secret part of a saved profile (the token, kept in the same 0600 file, is passed separately). */
export interface ProfileData {
  accountSid?: string;
  apiKey?: string;
  region?: Region;
  baseUrl?: string;
  rateLimit?: number;
}

export interface ExotelSettingFlags {
  accountSid?: string;
  region?: string;
  baseUrl?: string;
  rateLimit?: number | string;
  /** the token's text, from --api-token-file */
  apiToken?: string;
  profile?: ProfileData & { apiToken?: string };
}

export interface ExotelSettings {
  accountSid?: string;
  apiKey?: string;
  token?: string;
  region?: string;
  baseUrl?: string;
  rateLimit?: number | string;
}

export function firstNonEmpty(...values: (string | undefined)[]): string | undefined {
  for (const v of values) if (v !== undefined && v.trim() !== '') return v.trim();
  return undefined;
}

/** Each setting from the first place that has it: flag, environment, profile. */
export function exotelSettings(env: NodeJS.ProcessEnv, flags: ExotelSettingFlags = {}): ExotelSettings {
  const p = flags.profile ?? {};
  return {
    accountSid: firstNonEmpty(flags.accountSid, env.EXOTEL_ACCOUNT_SID, p.accountSid),
    apiKey: firstNonEmpty(env.EXOTEL_API_KEY, p.apiKey),
    token: firstNonEmpty(flags.apiToken, env.EXOTEL_API_TOKEN, p.apiToken),
    region: firstNonEmpty(flags.region, env.EXOTEL_REGION, p.region),
    baseUrl: firstNonEmpty(flags.baseUrl, env.EXOTEL_BASE_URL, p.baseUrl),
    rateLimit: flags.rateLimit ?? firstNonEmpty(env.EXOTEL_RATE_LIMIT) ?? p.rateLimit,
  };
}
