/**
 * Check credentials the way `gh auth login` does: one cheap authenticated read, right away, with no retries (a
 * wrong token or an unreachable host should be said in a second, not after five backoffs). Exotel has no "who am
 * I" endpoint, so the read is the credentials of a trunk that does not exist: Exotel checks the Authorization
 * header first, so 401 means wrong credentials and 404 means they were accepted.
 */
import { UserError } from '../errors.js';
import { createExotelClient } from '../exotel/client.js';
import { isNotFound } from '../exotel/error-table.js';
import { ExotelApiError, ExotelNetworkError } from '../exotel/errors.js';
import type { ExotelClient, ExotelClientConfig } from '../exotel/types.js';

/** A trunk sid no account has: reading it costs one GET and proves the credentials (404 once authenticated). */
const PROBE_TRUNK = 'exotrunk_credentials_check';

export async function checkCredentials(cfg: Pick<ExotelClientConfig, 'accountSid' | 'apiKey' | 'apiToken' | 'baseUrl'>): Promise<void> {
  const client = createExotelClient({ ...cfg, maxAttempts: 1, timeoutMs: 10_000 });
  try {
    await checkClient(client);
  } finally {
    await client.close();
  }
}

/** The same read through a client already made (the engine's, for credentials from the environment or a profile). */
export async function checkClient(client: Pick<ExotelClient, 'listCredentials' | 'accountSid' | 'baseUrl'>): Promise<void> {
  try {
    await client.listCredentials(PROBE_TRUNK);
  } catch (e) {
    if (isNotFound(e)) return;
    if (e instanceof ExotelApiError && (e.httpStatus === 401 || e.httpStatus === 403)) {
      throw new UserError(`Exotel refused these credentials (HTTP ${e.httpStatus}) for account ${client.accountSid} at ${client.baseUrl}.`, {
        why: 'The API key, the token or the account SID is wrong, or the account is in the other region.',
        fix: 'Copy the SID, API key and token again from the Exotel dashboard (API Settings), and check the region.',
      });
    }
    if (e instanceof ExotelNetworkError) {
      throw new UserError(`Cannot reach Exotel at ${client.baseUrl}: ${e.message.replace(/^[A-Z]+ \S+: /, '').replace(/ \(gave up after \d+ attempts?\)/, '')}.`, { fix: 'Check the network (and any proxy), or the region / base URL, then try again.' });
    }
    throw e;
  }
}
