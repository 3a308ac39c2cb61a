import type { Secret } from '../core/secret.js';
import { createExotelClient } from '../core/exotel/client.js';
import { REGION_BASE_URL } from '../core/exotel/types.js';
import { checkBaseUrl } from '../core/exotel/base-url.js';
import { Engine } from '../core/engine/engine.js';
import { routeRetry } from '../core/plan/step-context.js';
import type { Globals } from './context.js';
import { saveProfile } from './profiles.js';

/** The wizard's "enter live credentials" path: a live engine, and optionally a saved default profile. */
export async function openLiveEngine(c: { accountSid: string; apiKey: string; apiToken: Secret; region: 'in' | 'sg'; saveProfile: boolean }, g: Globals): Promise<Engine> {
  // an explicit base URL (--base-url / EXOTEL_BASE_URL: a proxy, a test sandbox) wins over the region picked
  const explicit = g.baseUrl ?? (process.env.EXOTEL_BASE_URL?.trim() || undefined);
  const baseUrl = explicit ? checkBaseUrl(explicit).href.replace(/\/$/, '') : REGION_BASE_URL[c.region];
  const client = createExotelClient({ accountSid: c.accountSid, apiKey: c.apiKey, apiToken: c.apiToken, baseUrl, onRetry: routeRetry });
  if (c.saveProfile) await saveProfile('default', { accountSid: c.accountSid, apiKey: c.apiKey, region: c.region, apiToken: c.apiToken.reveal() });
  return new Engine({ client, mode: 'live', region: explicit ? 'custom' : c.region, statePath: g.state });
}
