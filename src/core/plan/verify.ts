/**
 * Verify: read the live trunk (all lists concurrently, every page) and compare it with what the recipe wants.
 */
import { isNotFound } from '../exotel/error-table.js';
import type { ExotelClient } from '../exotel/types.js';
import type { Desired, DriftItem, Observed, VerifyReport } from '../engine/types.js';
import { observeTrunk, sameDestination } from './observe.js';
import { cliName } from '../cli-name.js';

export function compare(desired: Desired, observed: Observed, recipeId: string, aliasInState: string | null): Omit<VerifyReport, 'ms' | 'recipeId' | 'trunkSid'> {
  const items: DriftItem[] = [];
  const checked: VerifyReport['checked'] = [];
  const apply = `${cliName()} apply ${recipeId}`;
  for (const n of desired.numbers) {
    const have = observed.numbers.find((o) => o.phoneNumber === n.phoneNumber);
    if (!have) items.push({ kind: 'missing', resource: 'number', key: n.phoneNumber, expected: `mode ${n.mode}`, repair: 'apply', how: apply });
    else if ((have.mode ?? 'pstn') !== n.mode) items.push({ kind: 'different', resource: 'number', key: n.phoneNumber, expected: `mode ${n.mode}`, actual: `mode ${have.mode ?? 'null'}`, repair: 'apply', how: apply });
    checked.push({ resource: 'number', key: n.phoneNumber, ok: !!have && (have.mode ?? 'pstn') === n.mode });
  }
  for (const o of observed.numbers) {
    if (!desired.numbers.some((n) => n.phoneNumber === o.phoneNumber)) items.push({ kind: 'unexpected', resource: 'number', key: o.phoneNumber, actual: `mode ${o.mode ?? 'null'}`, repair: 'dashboard', how: 'Exotel dashboard → Exotrunk Management → the trunk → Phone numbers (the API has no delete)' });
  }
  for (const ip of desired.acl) {
    const ok = observed.acl.some((a) => a.ip === ip);
    if (!ok) items.push({ kind: 'missing', resource: 'acl', key: `${ip}/32`, repair: 'apply', how: apply });
    checked.push({ resource: 'acl', key: `${ip}/32`, ok });
  }
  for (const a of observed.acl) {
    if (!desired.acl.includes(a.ip)) items.push({ kind: 'unexpected', resource: 'acl', key: `${a.ip}/${a.mask}`, repair: 'dashboard', how: 'Exotel dashboard → Exotrunk Management → the trunk → Whitelisted IPs (the API has no delete)' });
  }
  if (desired.credential) {
    const ok = observed.credentials.some((c) => c.userName === desired.credential!.userName);
    if (!ok) items.push({ kind: 'missing', resource: 'credential', key: desired.credential.userName, repair: 'apply', how: `${apply} (then paste the re-rendered config into the partner)` });
    checked.push({ resource: 'credential', key: desired.credential.userName, ok });
  }
  for (const c of observed.credentials) {
    if (desired.credential?.userName !== c.userName) items.push({ kind: 'unexpected', resource: 'credential', key: c.userName, actual: c.id ? `id ${c.id}` : undefined, repair: 'apply', how: c.id ? `${cliName()} credentials delete --trunk-sid ${observed.trunkSid} --id ${c.id}` : 'Exotel dashboard → the trunk → Credentials' });
  }
  for (const d of desired.destinations) {
    const ok = observed.destinations.some((o) => sameDestination(o.destination, d));
    if (!ok) {
      const other = observed.destinations.find((o) => !desired.destinations.some((x) => sameDestination(o.destination, x)));
      items.push(other
        ? { kind: 'different', resource: 'destination', key: d, expected: d, actual: other.destination, repair: 'apply', how: `${apply} adds ${d}; remove ${other.destination} in the dashboard (the API has no delete)` }
        : { kind: 'missing', resource: 'destination', key: d, repair: 'apply', how: apply });
    }
    checked.push({ resource: 'destination', key: d, ok });
  }
  for (const o of observed.destinations) {
    if (!desired.destinations.some((d) => sameDestination(o.destination, d)) && !items.some((i) => i.actual === o.destination)) {
      items.push({ kind: 'unexpected', resource: 'destination', key: o.destination, repair: 'dashboard', how: 'Exotel dashboard → the trunk → Destination URIs (the API has no delete)' });
    }
  }
  if (desired.alias) {
    const ok = aliasInState === desired.alias;
    if (!ok) items.push({ kind: aliasInState ? 'different' : 'missing', resource: 'alias', key: 'trunk_external_alias', expected: desired.alias, actual: aliasInState ?? undefined, repair: 'apply', how: apply });
    checked.push({ resource: 'alias', key: `trunk_external_alias (from the journal; the API has no read)`, ok });
  }
  return { inSync: items.length === 0, items, checked };
}

export async function verifyTrunk(client: ExotelClient, trunkSid: string, desired: Desired, recipeId: string, aliasInState: string | null): Promise<VerifyReport> {
  const t0 = performance.now();
  let observed: Observed;
  try {
    observed = await observeTrunk(client, trunkSid, aliasInState);
  } catch (e) {
    if (isNotFound(e)) {
      return {
        recipeId,
        trunkSid,
        inSync: false,
        items: [{ kind: 'missing', resource: 'trunk', key: trunkSid, expected: desired.trunkName, repair: 'apply', how: `${cliName()} apply ${recipeId} creates a new trunk (the partner config then needs the new sid)` }],
        checked: [{ resource: 'trunk', key: trunkSid, ok: false }],
        ms: Math.round(performance.now() - t0),
      };
    }
    throw e;
  }
  return { recipeId, trunkSid, ...compare(desired, observed, recipeId, aliasInState), ms: Math.round(performance.now() - t0) };
}
