import { cliName } from '../cli-name.js';
/**
 * Desired versus observed, for any partner: the steps that converge them (plan), the steps that remove what
 * were made for a recipe (teardown) and the rows that show where they differ (verify). Pure functions over plain data.
 */
import {
  isRef,
  PARTNER_TITLES,
  type DesiredResource,
  type FieldChange,
  type FieldValue,
  type ObservedResource,
  type PartnerPlan,
  type PartnerStep,
  type PartnerVerifyRow,
  type ResourceKind,
  type SecretState,
  type Blocker,
} from './types.js';

/** What observe() found: the managed resources, and anything with its key that it must not touch. */
export interface PartnerObservation {
  resources: ObservedResource[];
  blockers: Blocker[];
}

export interface PlanOptions {
  /**
   * Send the secrets again even when nothing shows they differ (repair / rotate): most partners cannot return
   * a password, so a plain re-run cannot tell whether it is still right.
   */
  resendSecrets?: boolean;
  /**
   * Send the secrets of these resources again, each with its reason: exotrunk's journal shows the Exotel
   * credential changed since its password was last sent there, or it was never sent by exotrunk (a resource
   * pasted by hand, where a stray character is the usual mistake).
   */
  resendFor?: Partial<Record<ResourceKind, string>>;
}

/** Empty strings, empty lists and false are what the partners report for a field that was never set. */
function normal(v: FieldValue | undefined): FieldValue {
  if (v === undefined || v === false || v === '') return '';
  if (Array.isArray(v)) return v.length === 0 ? '' : [...v].sort();
  return v;
}

function same(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const x = normal(a);
  const y = normal(b);
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}

export function showValue(v: FieldValue | undefined): string {
  const n = normal(v);
  if (n === '') return '(none)';
  return Array.isArray(n) ? n.join(', ') : String(n);
}

/** the observed resource that stands for a desired one: the journal's one when it has the key, else the first */
function pick(d: DesiredResource, observed: ObservedResource[]): { match?: ObservedResource; duplicates: ObservedResource[] } {
  const candidates = observed.filter((o) => o.kind === d.kind && o.key === d.key);
  const match = candidates.find((o) => o.via === 'id') ?? candidates[0];
  return { match, duplicates: candidates.filter((o) => o !== match) };
}

const UNRESOLVED = '(the new ';

/** Desired fields with "@kind" references replaced by the observed id (or a marker when it does not exist yet). */
function resolve(d: DesiredResource, ids: Partial<Record<ResourceKind, string>>): Record<string, FieldValue> {
  const sub = (v: string): string => (isRef(v) ? (ids[v.slice(1) as ResourceKind] ?? `${UNRESOLVED}${v.slice(1)})`) : v);
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(d.fields)) out[k] = Array.isArray(v) ? v.map(sub) : typeof v === 'string' ? sub(v) : v;
  return out;
}

/** The ids of the observed resources that stand for the desired ones (what execute() needs as `ids`). */
export function observedIds(desired: DesiredResource[], observation: PartnerObservation): Partial<Record<ResourceKind, string>> {
  return idsOf(desired, observation.resources);
}

function idsOf(desired: DesiredResource[], observed: ObservedResource[]): Partial<Record<ResourceKind, string>> {
  const ids: Partial<Record<ResourceKind, string>> = {};
  for (const d of desired) {
    const m = pick(d, observed).match;
    if (m) ids[d.kind] = m.id;
  }
  return ids;
}

function changesOf(d: DesiredResource, o: ObservedResource, ids: Partial<Record<ResourceKind, string>>): FieldChange[] {
  const want = resolve(d, ids);
  return Object.entries(want)
    .filter(([k, v]) => !same(v, o.fields[k]))
    .map(([field, to]) => ({ field, from: o.fields[field], to }));
}

/** secrets whose partner-side state shows they are wrong or missing */
function staleSecrets(d: DesiredResource, o: ObservedResource): string[] {
  return d.secrets.filter((s) => o.secretState[s] === 'differs' || o.secretState[s] === 'unset');
}

const DELETE_ORDER: ResourceKind[] = ['dispatch-rule', 'phone-number', 'inbound-trunk', 'outbound-trunk'];
const byDeleteOrder = (a: PartnerStep, b: PartnerStep) => DELETE_ORDER.indexOf(a.kind) - DELETE_ORDER.indexOf(b.kind);

function deleteStep(o: ObservedResource, title: string, reason: string): PartnerStep {
  return { partner: o.partner, action: 'delete', kind: o.kind, key: o.key, title, id: o.id, reason };
}

function describeChanges(changes: FieldChange[], d: DesiredResource): string {
  return changes
    .map((c) => `${c.field} is ${showValue(c.from)}, expected ${showValue(c.to)}${d.labels[c.field] ? ` (${d.labels[c.field]})` : ''}`)
    .join('; ');
}

/**
 * The steps that make the partner side match the desired resources. Deletes of resources made by an earlier run for
 * earlier answers (found by the journal's id under another key) and of duplicates left by an interrupted run
 * come first, dependents before what they depend on, so a partner that refuses two trunks for one number never
 * sees both; then creates and updates in dependency order.
 */
export function planPartner(desired: DesiredResource[], observation: PartnerObservation, opts: PlanOptions = {}): PartnerPlan {
  const observed = observation.resources;
  const ids = idsOf(desired, observed);
  const deletes: PartnerStep[] = [];
  const upserts: PartnerStep[] = [];
  const used = new Set<ObservedResource>();

  for (const d of desired) {
    const { match, duplicates } = pick(d, observed);
    const partner = PARTNER_TITLES[d.partner];
    for (const dup of duplicates) {
      used.add(dup);
      deletes.push(deleteStep(dup, d.title, `${d.title} exists twice at ${partner} (${dup.id} besides ${match!.id}), most likely from an interrupted run; the extra one is removed.`));
    }
    if (!match) {
      upserts.push({
        partner: d.partner,
        action: 'create',
        kind: d.kind,
        key: d.key,
        title: d.title,
        reason: d.purpose ? `${d.purpose}; it does not exist at ${partner} yet.` : `${d.title} does not exist at ${partner} yet.`,
        secrets: d.secrets.length ? [...d.secrets] : undefined,
        dependsOn: d.dependsOn.length ? [...d.dependsOn] : undefined,
      });
      continue;
    }
    used.add(match);
    const changes = changesOf(d, match, ids);
    const stale = staleSecrets(d, match);
    const resendWhy = d.secrets.length ? opts.resendFor?.[d.kind] : undefined;
    const secrets = opts.resendSecrets || resendWhy ? [...d.secrets] : stale;
    if (changes.length === 0 && secrets.length === 0) continue;
    const parts: string[] = [];
    if (changes.length) parts.push(describeChanges(changes, d));
    if (secrets.length) {
      parts.push(
        stale.length
          ? `${stale.join(', ')} ${stale.map((s) => match.secretState[s]).includes('unset') ? 'is not set' : 'differs from the Exotel trunk credential'}`
          : resendWhy
            ? `${secrets.join(', ')} sent again: ${resendWhy}`
            : `${secrets.join(', ')} sent again (${partner} cannot show it, so it is re-set to the Exotel value)`,
      );
    }
    upserts.push({
      partner: d.partner,
      action: 'update',
      kind: d.kind,
      key: d.key,
      title: d.title,
      id: match.id,
      reason: `${d.title}: ${parts.join('; ')}.`,
      changes,
      secrets: secrets.length ? secrets : undefined,
      dependsOn: d.dependsOn.length ? [...d.dependsOn] : undefined,
    });
  }

  for (const o of observed) {
    if (used.has(o) || o.via !== 'id') continue;
    const title = `${PARTNER_TITLES[o.partner]} ${o.kind.replace('-', ' ')} "${o.key}"`;
    const wanted = desired.some((d) => d.kind === o.kind);
    deletes.push(
      deleteStep(o, title, wanted ? `${title} was made by an earlier run for other answers; the recipe now wants another one, so this one is removed.` : `${title} was made by an earlier run and the recipe no longer uses it.`),
    );
  }
  return { steps: [...deletes.sort(byDeleteOrder), ...upserts], blockers: [...observation.blockers] };
}

/** Remove every managed resource at the partner, dependents first. */
export function teardownSteps(observation: PartnerObservation): PartnerStep[] {
  return observation.resources
    .map((o) => {
      const title = `${PARTNER_TITLES[o.partner]} ${o.kind.replace('-', ' ')} "${o.key}"`;
      return deleteStep(o, title, `${title} was made for this recipe; it goes before the Exotel trunk, so nothing at ${PARTNER_TITLES[o.partner]} keeps pointing at a trunk that is gone.`);
    })
    .sort(byDeleteOrder);
}

const SECRET_ROW: Record<SecretState, { status: PartnerVerifyRow['status']; actual: string }> = {
  match: { status: 'ok', actual: 'matches (compared without showing it)' },
  differs: { status: 'drift', actual: 'differs from the Exotel trunk credential' },
  set: { status: 'not-comparable', actual: 'set (the partner does not return it)' },
  unset: { status: 'drift', actual: 'not set' },
  unknown: { status: 'not-comparable', actual: 'not returned by the partner' },
};

/** One row per compared field of every desired resource; rows for missing resources and duplicates. */
export function verifyRows(desired: DesiredResource[], observation: PartnerObservation): PartnerVerifyRow[] {
  const observed = observation.resources;
  const ids = idsOf(desired, observed);
  const rows: PartnerVerifyRow[] = [];
  for (const d of desired) {
    const partner = PARTNER_TITLES[d.partner];
    const { match, duplicates } = pick(d, observed);
    if (!match) {
      rows.push({ partner: d.partner, resource: d.title, field: '(resource)', expected: 'exists', actual: 'missing', status: 'missing', note: `${cliName()} apply creates it` });
      continue;
    }
    for (const dup of duplicates) {
      rows.push({ partner: d.partner, resource: d.title, field: '(resource)', expected: 'one', actual: `also ${dup.id}`, status: 'drift', note: `a duplicate; ${cliName()} apply removes it` });
    }
    const want = resolve(d, ids);
    for (const [field, value] of Object.entries(want)) {
      const unresolved = [value].flat().some((v) => typeof v === 'string' && v.startsWith(UNRESOLVED));
      rows.push({
        partner: d.partner,
        resource: d.title,
        field: d.labels[field] ?? field,
        expected: showValue(value),
        actual: showValue(match.fields[field]),
        status: unresolved ? 'not-comparable' : same(value, match.fields[field]) ? 'ok' : 'drift',
      });
    }
    for (const s of d.secrets) {
      const state = match.secretState[s] ?? 'unknown';
      const row = SECRET_ROW[state];
      rows.push({
        partner: d.partner,
        resource: d.title,
        field: `${s} (digest password)`,
        expected: 'the Exotel trunk password',
        actual: row.actual,
        status: row.status,
        note: state === 'set' || state === 'unknown' ? `${partner} does not return passwords, so this cannot be compared; only setting it again makes sure` : undefined,
      });
    }
  }
  for (const b of observation.blockers) {
    rows.push({ partner: b.partner, resource: `${PARTNER_TITLES[b.partner]} ${b.kind.replace('-', ' ')} ${b.key}`, field: '(resource)', expected: "exotrunk's", actual: b.message, status: 'drift', note: b.fix });
  }
  return rows;
}
