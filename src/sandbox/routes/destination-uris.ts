import { E, failItem, isoNow, multi, okItem, type ItemEnvelope, type Reply } from '../envelope.js';
import { paginate } from '../paginate.js';
import type { DestinationRecord } from '../state.js';
import { aclCovers, parseDestination } from '../validate.js';
import type { Ctx } from './context.js';

const NOT_VALID = 'Destination is not a valid Ip or Fqdn';

/** Each destination succeeds or fails on its own: 200 when all succeeded, 207 otherwise. */
export function addDestinations(ctx: Ctx): Reply {
  const { method, body, trunk, store } = ctx;
  const dests = body.destinations;
  if (dests === undefined || dests === null) return E.missing(method, 'destinations');
  if (!Array.isArray(dests) || dests.length === 0) return E.invalid(method, 'destinations must be a non-empty array');
  const results: ItemEnvelope[] = dests.map((item: unknown) => {
    const raw = item && typeof item === 'object' ? (item as Record<string, unknown>).destination : undefined;
    const d = parseDestination(raw);
    if (!d.ok) return failItem(400, 1002, 'Invalid parameter', NOT_VALID);
    // an IP destination must be on the trunk's ACL first; an FQDN needs none
    if (d.kind === 'ip' && !aclCovers(trunk.acl, d.host)) {
      return failItem(400, 1002, 'Invalid parameter', 'Destination not whitelisted');
    }
    if (trunk.destinations.some((x) => x.destination === d.uri)) {
      return failItem(409, 1008, 'Duplicate resource', `Destination ${d.uri} already exists`);
    }
    const now = isoNow();
    const rec: DestinationRecord = {
      id: store.nextId('destination'),
      destination: d.uri,
      date_created: now,
      date_updated: now,
      type: 'public',
      priority: 0,
      weight: 1,
      trunk_sid: trunk.trunk.trunk_sid,
    };
    trunk.destinations.push(rec);
    return okItem({ ...rec });
  });
  return multi(method, results);
}

/** Newest first, as seed 000's list example orders them (2544 before 2543). */
export function listDestinations(ctx: Ctx): Reply {
  const items = [...ctx.trunk.destinations].reverse();
  return paginate({ method: ctx.method, path: ctx.path, query: ctx.query, defaultPageSize: ctx.pageSize }, items);
}
