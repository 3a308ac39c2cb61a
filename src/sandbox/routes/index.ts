/**
 * The route table, relative to /v2/accounts/{account_sid}. There is no list-trunks endpoint and no
 * single-item delete for numbers, ACL entries or destinations, because Exotel documents none. A single trunk
 * can be read (GET /trunks/{trunk_sid}: seed 002 §2.1 "Verify (GET)"), which the project's fact sheet first
 * said was impossible.
 */
import { addDestinations, listDestinations } from './destination-uris.js';
import { createCredential, deleteCredential, listCredentials } from './credentials.js';
import { listNumbers, mapNumber, updateNumberMode } from './phone-numbers.js';
import { listSettings, setSettings } from './settings.js';
import { createTrunk, deleteTrunk, getTrunk } from './trunks.js';
import { listAcl, whitelistIp } from './whitelisted-ips.js';
import type { Handler } from './context.js';

export interface Route {
  method: string;
  /** segments after /trunks/{trunk_sid}; undefined for the /trunks collection itself */
  sub?: string;
  /** true when the route ends in an /{id} segment */
  withId?: boolean;
  /** true for /trunks/{trunk_sid} itself */
  trunkItem?: boolean;
  handler: Handler;
}

export const ROUTES: Route[] = [
  { method: 'POST', handler: createTrunk },
  { method: 'DELETE', handler: deleteTrunk },
  { method: 'GET', trunkItem: true, handler: getTrunk },
  { method: 'POST', sub: 'phone-numbers', handler: mapNumber },
  { method: 'GET', sub: 'phone-numbers', handler: listNumbers },
  { method: 'PUT', sub: 'phone-numbers', withId: true, handler: updateNumberMode },
  { method: 'POST', sub: 'whitelisted-ips', handler: whitelistIp },
  { method: 'GET', sub: 'whitelisted-ips', handler: listAcl },
  { method: 'POST', sub: 'credentials', handler: createCredential },
  { method: 'GET', sub: 'credentials', handler: listCredentials },
  { method: 'DELETE', sub: 'credentials', handler: deleteCredential },
  { method: 'POST', sub: 'destination-uris', handler: addDestinations },
  { method: 'GET', sub: 'destination-uris', handler: listDestinations },
  { method: 'POST', sub: 'settings', handler: setSettings },
  { method: 'GET', sub: 'settings', handler: listSettings },
];

export interface Match {
  route: Route;
  accountSid: string;
  trunkSid?: string;
  id?: string;
}

/** /v2/accounts/{account_sid}/trunks[/{trunk_sid}/{sub}[/{id}]] */
export function parseApiPath(pathname: string): { accountSid: string; rest: string[] } | undefined {
  let parts: string[];
  try {
    parts = pathname.replace(/\/+$/, '').split('/').map(decodeURIComponent);
  } catch {
    return undefined; // malformed %-escape: no such resource
  }
  if (parts[0] !== '' || parts[1] !== 'v2' || parts[2] !== 'accounts' || !parts[3]) return undefined;
  return { accountSid: parts[3], rest: parts.slice(4) };
}

export function matchRoute(method: string, accountSid: string, rest: string[]): Match | undefined {
  if (rest[0] !== 'trunks') return undefined;
  if (rest.length === 1) {
    const route = ROUTES.find((r) => r.sub === undefined && !r.trunkItem && r.method === method);
    return route && { route, accountSid };
  }
  if (rest.length === 2) {
    const route = ROUTES.find((r) => r.trunkItem && r.method === method);
    return route && { route, accountSid, trunkSid: rest[1] };
  }
  const [, trunkSid, sub, id, ...extra] = rest;
  if (!sub || extra.length > 0) return undefined;
  const route = ROUTES.find((r) => r.sub === sub && r.method === method && Boolean(r.withId) === (id !== undefined));
  return route && { route, accountSid, trunkSid, id };
}
