import type { ExotelClient } from '../exotel/types.js';
import type { Observed } from '../engine/types.js';

/** Read everything on a trunk: all four lists concurrently, every page. */
export async function observeTrunk(client: ExotelClient, trunkSid: string, knownAlias?: string | null): Promise<Observed> {
  const [numbers, acl, credentials, destinations] = await Promise.all([
    client.listNumbers(trunkSid),
    client.listAcl(trunkSid),
    client.listCredentials(trunkSid),
    client.listDestinations(trunkSid),
  ]);
  return {
    trunkSid,
    numbers: numbers.map((n) => ({ id: n.id, phoneNumber: n.phoneNumber, mode: n.mode })),
    acl: acl.map((a) => ({ id: a.id, ip: a.ip, mask: a.mask })),
    credentials: credentials.map((c) => ({ id: c.id, userName: c.userName })),
    destinations: destinations.map((d) => ({ id: d.id, destination: d.destination })),
    // The API documents no read of trunk settings; the alias is known from the journal only.
    alias: knownAlias,
  };
}

/** Compare destination URIs as Exotel stores them (sip: prefix, case-insensitive host). */
export const sameDestination = (a: string, b: string) => a.replace(/^sip:/i, '').toLowerCase() === b.replace(/^sip:/i, '').toLowerCase();
