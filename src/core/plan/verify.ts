/**
 * Verify: read the live trunk (all lists concurrently, every page) and compare it with what the recipe wants.
 */
import { isNotFound } from '../exotel/error-table.js';
import type { ExotelClient } from '../exotel/types.js';
import type { Desired, DriftItem, Observed, VerifyReport } from './types.js';
import { observeTrunk } from './observe.js';
import { sameSipUri as sameDestination } from '../sip-uri.js';
import { secureTrunkingNote, trunkFields } from './trunk-record.js';
import { cliName } from '../cli-name.js';

export interface CompareOpts {
  /** the account the trunk must belong to: its domain is {account}.pstn.exotel.com */
  accountSid?: string;
  /** the setup signals over TLS (toward the edge or the destination): secure trunking matters */
  usesTls?: boolean;
  /** the trunk as read, for a caller that compares more with it (the partner side) */
  onObserved?: (observed: Observed) => void;
  /** the credential the journal (and so the rendered partner configs) carries: never one to delete */
  configCredential?: string;
}

const DASHBOARD = 'Exotel dashboard → Exotrunk Management → the trunk';

/** Every row verify makes here is about Exotel's side; the partner side (issue 17) adds rows of its own. */
const exotelSide = <T extends object>(rows: T[]): (T & { side: 'exotel' })[] => rows.map((r) => ({ side: 'exotel' as const, ...r }));

/** The trunk record itself: name, status, domain and auth type are drift when off; the other settings are shown. */
function compareTrunk(desired: Desired, observed: Observed, opts: CompareOpts, items: DriftItem[], checked: VerifyReport['checked'], notes: string[]): void {
  const t = observed.trunk;
  if (!t) {
    checked.push({ resource: 'trunk', key: `${observed.trunkSid} exists (its lists answer; Exotel did not return the trunk record itself)`, ok: true });
    notes.push(`Exotel answered GET …/trunks/${observed.trunkSid} with "not found" although the trunk's lists answered, so its name, status and settings could not be checked.`);
    return;
  }
  checked.push({ resource: 'trunk', key: `${t.trunkSid} exists`, ok: true });
  const expect = (label: string, want: string | undefined, have: string | undefined, how: string) => {
    if (want === undefined) return;
    const ok = (have ?? '').toLowerCase() === want.toLowerCase();
    checked.push({ resource: 'trunk', key: `${label} ${have ?? '(not returned)'}`, ok });
    if (!ok) items.push({ kind: 'different', resource: 'trunk', key: label, expected: want, actual: have ?? '(not returned)', repair: 'dashboard', how });
  };
  const fields = Object.fromEntries(trunkFields(t).map((f) => [f.field, f]));
  expect('name', desired.trunkName || undefined, t.trunkName || undefined, fields.trunk_name.note);
  expect('status', 'active', t.status, `${fields.status.note} Calls through an inactive trunk fail.`);
  const domain = opts.accountSid ? `${opts.accountSid}.pstn.exotel.com` : undefined;
  expect('domain', domain, t.domainName || undefined, `The trunk belongs to another account, or the account SID is mistyped: check EXOTEL_ACCOUNT_SID against the dashboard (${DASHBOARD}).`);
  expect('auth type', 'IP-WHITELIST', t.authType, `${fields.auth_type.note} Ask Exotel what "${t.authType ?? ''}" means for this trunk.`);
  expect('NSO code', 'ANY-ANY', t.nsoCode, fields.nso_code.note);
  // shown, not judged: no recipe sets them and no API changes them
  for (const f of ['registration_enabled', 'edge_preference', 'secure_trunking']) {
    checked.push({ resource: 'trunk', key: `${fields[f].label} ${fields[f].value ?? '(not returned)'}`, ok: true });
  }
  const tls = secureTrunkingNote(t, !!opts.usesTls, t.trunkSid);
  if (tls) notes.push(tls);
}

export function compare(desired: Desired, observed: Observed, recipeId: string, aliasInState: string | null, opts: CompareOpts = {}): Omit<VerifyReport, 'ms' | 'recipeId' | 'trunkSid'> {
  const items: DriftItem[] = [];
  const checked: VerifyReport['checked'] = [];
  const notes: string[] = [];
  const apply = `${cliName()} apply ${recipeId}`;
  compareTrunk(desired, observed, opts, items, checked, notes);
  for (const n of desired.numbers) {
    const have = observed.numbers.find((o) => o.phoneNumber === n.phoneNumber);
    if (!have) items.push({ kind: 'missing', resource: 'number', key: n.phoneNumber, expected: `mode ${n.mode}`, repair: 'apply', how: apply });
    else if ((have.mode ?? 'pstn') !== n.mode) items.push({ kind: 'different', resource: 'number', key: n.phoneNumber, expected: `mode ${n.mode}`, actual: `mode ${have.mode ?? 'none (pstn)'}`, repair: 'apply', how: apply });
    checked.push({ resource: 'number', key: n.phoneNumber, ok: !!have && (have.mode ?? 'pstn') === n.mode });
  }
  for (const o of observed.numbers) {
    if (!desired.numbers.some((n) => n.phoneNumber === o.phoneNumber)) items.push({ kind: 'unexpected', resource: 'number', key: o.phoneNumber, actual: `mode ${o.mode ?? 'pstn, the default'}`, repair: 'dashboard', how: 'Exotel dashboard → Exotrunk Management → the trunk → Phone numbers (the API has no delete)' });
  }
  for (const ip of desired.acl) {
    const ok = observed.acl.some((a) => a.ip === ip);
    if (!ok) items.push({ kind: 'missing', resource: 'acl', key: `${ip}/32`, repair: 'apply', how: apply });
    checked.push({ resource: 'acl', key: `${ip}/32`, ok });
  }
  for (const a of observed.acl) {
    if (!desired.acl.includes(a.ip)) items.push({ kind: 'unexpected', resource: 'acl', key: `${a.ip}/${a.mask}`, repair: 'dashboard', how: 'Exotel dashboard → Exotrunk Management → the trunk → Whitelisted IPs (the API has no delete)' });
  }
  if (desired.credential?.exotel) {
    const own = observed.credentials.find((c) => c.exotelOwn);
    if (!own) items.push({ kind: 'missing', resource: 'credential', key: `Exotel's own (username ${observed.trunkSid})`, repair: 'dashboard', how: `The partner configs use Exotel's own credential, and Exotel lists none on this trunk: ${apply} --set sip_credential=recipe creates one for this setup (then paste the re-rendered config into the partner).` });
    checked.push({ resource: 'credential', key: `${own?.userName ?? observed.trunkSid} (Exotel's own, used by the partner configs)`, ok: !!own });
  } else if (desired.credential) {
    const ok = observed.credentials.some((c) => c.userName === desired.credential!.userName);
    if (!ok) items.push({ kind: 'missing', resource: 'credential', key: desired.credential.userName, repair: 'apply', how: `${apply} (then paste the re-rendered config into the partner)` });
    checked.push({ resource: 'credential', key: desired.credential.userName, ok });
  }
  for (const c of observed.credentials) {
    if (c.exotelOwn) {
      // Exotel generated it with the trunk: part of the trunk, not something the recipe made or should remove
      if (!desired.credential?.exotel) {
        checked.push({ resource: 'credential', key: `${c.userName} (Exotel's own, generated with the trunk; not used by this setup)`, ok: true });
        notes.push(`Trunk ${observed.trunkSid} carries a credential Exotel generated (username ${c.userName}). It is left alone; the partner configs use ${desired.credential ? desired.credential.userName : 'no credential'}${desired.credential ? ' (to use Exotel\'s instead: apply with --set sip_credential=exotel)' : ''}.`);
      }
      continue;
    }
    if (desired.credential?.userName === c.userName && !desired.credential?.exotel) continue;
    if (c.userName === opts.configCredential) {
      // the partner configs carry this one: deleting it would stop the calls that work now
      items.push({ kind: 'unexpected', resource: 'credential', key: c.userName, actual: c.id ? `id ${c.id}` : undefined, repair: 'apply', how: `the rendered partner configs use it: keep it, and ${cliName()} apply ${recipeId} to finish the change` });
      continue;
    }
    items.push({ kind: 'unexpected', resource: 'credential', key: c.userName, actual: c.id ? `id ${c.id}` : undefined, repair: 'apply', how: c.id ? `${cliName()} credentials delete --trunk-sid ${observed.trunkSid} --id ${c.id}` : 'Exotel dashboard → the trunk → Credentials' });
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
  return { inSync: items.length === 0, items: exotelSide(items), checked: exotelSide(checked), ...(observed.trunk ? { trunk: observed.trunk } : {}), ...(notes.length ? { notes } : {}) };
}

export async function verifyTrunk(client: ExotelClient, trunkSid: string, desired: Desired, recipeId: string, aliasInState: string | null, opts: CompareOpts = {}): Promise<VerifyReport> {
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
        items: exotelSide([{ kind: 'missing', resource: 'trunk', key: trunkSid, expected: desired.trunkName, repair: 'apply', how: `${cliName()} apply ${recipeId} creates a new trunk (the partner config then needs the new sid)` }]),
        checked: exotelSide([{ resource: 'trunk', key: trunkSid, ok: false }]),
        ms: Math.round(performance.now() - t0),
      };
    }
    throw e;
  }
  opts.onObserved?.(observed);
  return { recipeId, trunkSid, ...compare(desired, observed, recipeId, aliasInState, { accountSid: client.accountSid, ...opts }), ms: Math.round(performance.now() - t0) };
}
