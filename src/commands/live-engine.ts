import type { Secret } from '../core/secret.js';
import { UserError } from '../core/errors.js';
import { createExotelClient } from '../core/exotel/client.js';
import { ExotelApiError, ExotelNetworkError } from '../core/exotel/errors.js';
import { isNotFound } from '../core/exotel/error-table.js';
import { REGION_BASE_URL, type ExotelClientConfig } from '../core/exotel/types.js';
import { checkBaseUrl } from '../core/exotel/base-url.js';
import { Engine } from '../core/engine/engine.js';
import { routeRetry } from '../core/exotel/retry-context.js';
import type { Globals } from './context.js';
import { saveProfile } from './profiles.js';

/** A trunk sid no account has: reading it costs one GET and proves the credentials (404 once authenticated). */
const PROBE_TRUNK = 'exotrunk_credentials_check';

/**
 * Check credentials the way `gh auth login` does: one cheap authenticated read, right away, with no retries
 * (a wrong token or an unreachable host should be said in a second, not after five backoffs). Exotel has no
 * "who am I" endpoint, so the read is the credentials of a trunk that does not exist: Exotel checks the
 * Authorization header first, so 401 means wrong credentials and 404 means they were accepted.
 */
export async function checkCredentials(cfg: Pick<ExotelClientConfig, 'accountSid' | 'apiKey' | 'apiToken' | 'baseUrl'>): Promise<void> {
  const client = createExotelClient({ ...cfg, maxAttempts: 1, timeoutMs: 10_000 });
  try {
    await client.listCredentials(PROBE_TRUNK);
  } catch (e) {
    if (isNotFound(e)) return;
    if (e instanceof ExotelApiError && (e.httpStatus === 401 || e.httpStatus === 403)) {
      throw new UserError(`Exotel refused these credentials (HTTP ${e.httpStatus}) for account ${cfg.accountSid} at ${cfg.baseUrl}.`, {
        why: 'The API key, the token or the account SID is wrong, or the account is in the other region.',
        fix: 'Copy the SID, API key and token again from the Exotel dashboard (API Settings), and check the region.',
      });
    }
    if (e instanceof ExotelNetworkError) {
      throw new UserError(`Cannot reach Exotel at ${cfg.baseUrl}: ${e.message.replace(/^[A-Z]+ \S+: /, '').replace(/ \(gave up after \d+ attempts?\)/, '')}.`, { fix: 'Check the network (and any proxy), or the region / base URL, then try again.' });
    }
    throw e;
  } finally {
    await client.close();
  }
}

/** The base URL for these credentials: an explicit one (--base-url / EXOTEL_BASE_URL) wins over the region picked. */
export function liveBaseUrl(region: 'in' | 'sg', g: Pick<Globals, 'baseUrl'>): { baseUrl: string; explicit: boolean } {
  const explicit = g.baseUrl ?? (process.env.EXOTEL_BASE_URL?.trim() || undefined);
  return explicit ? { baseUrl: checkBaseUrl(explicit).href.replace(/\/$/, ''), explicit: true } : { baseUrl: REGION_BASE_URL[region], explicit: false };
}

/**
 * The wizard's "enter live credentials" path: the credentials are checked first (one read), then the profile is
 * saved if asked, then the live engine is made.
 */
export async function openLiveEngine(c: { accountSid: string; apiKey: string; apiToken: Secret; region: 'in' | 'sg'; saveProfile: boolean }, g: Globals): Promise<Engine> {
  const { baseUrl, explicit } = liveBaseUrl(c.region, g);
  const cfg = { accountSid: c.accountSid, apiKey: c.apiKey || c.accountSid, apiToken: c.apiToken, baseUrl };
  await checkCredentials(cfg);
  if (c.saveProfile) await saveProfile('default', { accountSid: c.accountSid, apiKey: cfg.apiKey, region: c.region, apiToken: c.apiToken.reveal() });
  const client = createExotelClient({ ...cfg, onRetry: routeRetry });
  return new Engine({ client, mode: 'live', region: explicit ? 'custom' : c.region, statePath: g.state });
}
