import { isExotelOwnCredential } from '../exotel/client.js';
import { isNotFound } from '../exotel/error-table.js';
import type { ExotelClient, Trunk } from '../exotel/types.js';
import type { Observed } from './types.js';

/**
 * Read everything on a trunk: the trunk record and all four lists concurrently, every page.
 *
 * The record comes from GET /trunks/{sid}, which no Exotel page shows an answer for. When the lists answer but
 * that GET says "not found", the trunk plainly exists: it is kept (without its record) rather than planned anew,
 * since creating a second trunk is the one mistake that costs the user a number and a partner config.
 */
export async function observeTrunk(client: ExotelClient, trunkSid: string, knownAlias?: string | null): Promise<Observed> {
  const [trunk, ...lists] = await Promise.allSettled([
    client.getTrunk(trunkSid),
    client.listNumbers(trunkSid),
    client.listAcl(trunkSid),
    client.listCredentials(trunkSid),
    client.listDestinations(trunkSid),
  ] as const);
  const listFailed = lists.find((r) => r.status === 'rejected');
  if (listFailed) throw trunk.status === 'rejected' && isNotFound(listFailed.reason) ? trunk.reason : listFailed.reason;
  if (trunk.status === 'rejected' && !isNotFound(trunk.reason)) throw trunk.reason;
  const [numbers, acl, credentials, destinations] = lists.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    Awaited<ReturnType<ExotelClient['listNumbers']>>,
    Awaited<ReturnType<ExotelClient['listAcl']>>,
    Awaited<ReturnType<ExotelClient['listCredentials']>>,
    Awaited<ReturnType<ExotelClient['listDestinations']>>,
  ];
  return {
    trunkSid,
    trunk: trunk.status === 'fulfilled' ? (trunk.value as Trunk) : undefined,
    numbers: numbers.map((n) => ({ id: n.id, phoneNumber: n.phoneNumber, mode: n.mode })),
    acl: acl.map((a) => ({ id: a.id, ip: a.ip, mask: a.mask })),
    credentials: credentials.map((c) => ({ id: c.id, userName: c.userName, ...(isExotelOwnCredential(c, trunkSid) ? { exotelOwn: true } : {}) })),
    destinations: destinations.map((d) => ({ id: d.id, destination: d.destination })),
    // The API documents no read of trunk settings; the alias is known from the journal only.
    alias: knownAlias,
  };
}
