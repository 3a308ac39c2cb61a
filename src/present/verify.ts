/**
 * A verify report in words both front ends use: one headline, the checks made (✓ or ✗, resource, item), each
 * drift item with how to repair it, and the notes (what verify could not judge or chose to leave alone). The
 * wizard lays it out on its screen, `exotrunk verify` as tables; the sentences are the same.
 */
import type { CrossRow, DriftItem, PartnerVerifyReport, VerifyReport } from '../core/engine/types.js';
import { cliName } from '../core/engine/light.js';
import { count } from './words.js';

export interface VerifyView {
  /** no trunk to check (Rapida's native path): the headline says so and nothing else follows */
  trunkless: boolean;
  inSync: boolean;
  headline: string;
  checks: { ok: boolean; resource: string; item: string }[];
  drift: { kind: string; resource: string; text: string }[];
  notes: string[];
  /** the partner side, checked through the partner's API (when its keys are set) */
  partner?: PartnerView;
}

/** The partner half of verify: each cross-side check with both sides' values, then the partner fields that differ. */
export interface PartnerView {
  inSync: boolean;
  heading: string;
  cross: { status: CrossRow['status']; mark: string; check: string; lines: string[] }[];
  /** the partner's fields that differ from the recipe, with a heading when there are any */
  offHeading?: string;
  off: { resource: string; field: string; text: string }[];
  /** in sync (how many fields compared), or how to repair */
  verdict: string;
  notes: string[];
}

/** "+918012345678: expected mode pstn, found mode flow. Repair: exotrunk apply livekit" */
export function driftText(i: DriftItem): string {
  return `${i.key}${i.expected ? `: expected ${i.expected}` : ''}${i.actual ? `, found ${i.actual}` : ''}. ${i.repair === 'apply' ? 'Repair' : 'In the dashboard'}: ${i.how}`;
}

const MARK: Record<CrossRow['status'], string> = { ok: '✓', drift: '✗', missing: '✗', 'not-comparable': '?' };

const isOff = (status: CrossRow['status']) => status === 'drift' || status === 'missing';
/** How many things differ at the partner: the cross-side checks that fail (a field behind one is not counted twice), else the fields. */
const differing = (p: PartnerVerifyReport) => p.cross.filter((c) => isOff(c.status)).length || p.rows.filter((r) => isOff(r.status)).length;

export function partnerView(p: PartnerVerifyReport, recipeId: string): PartnerView {
  const off = p.rows.filter((r) => isOff(r.status));
  const where = (side: NonNullable<CrossRow['side']>) => (side === 'both' ? 'both sides' : side === 'exotel' ? 'Exotel' : p.title);
  return {
    inSync: p.inSync,
    heading: `${p.title} (${p.host}) against the Exotel trunk and the recipe (${p.ms} ms)`,
    cross: p.cross.map((c) => ({
      status: c.status,
      mark: MARK[c.status],
      check: c.check,
      lines: [`Exotel: ${c.exotel}`, `${p.title}: ${c.partner}`, ...(c.side ? [`expected ${c.expected}: differs at ${where(c.side)}`] : []), ...(c.note ? [c.note] : [])],
    })),
    offHeading: off.length ? `${p.title} fields that differ from the recipe: ${off.length}` : undefined,
    off: off.map((r) => ({ resource: r.resource, field: r.field, text: `${r.expected} / ${r.actual}${r.note ? ` (${r.note})` : ''}` })),
    verdict: p.inSync
      ? `In sync: ${p.title} matches the Exotel trunk and the recipe (${count(p.rows.filter((r) => r.status === 'ok').length, 'field')} compared).`
      : `Repair: ${cliName()} apply ${recipeId} changes whichever side differs (a row says which).`,
    notes: p.notes,
  };
}

export function verifyView(r: VerifyReport): VerifyView {
  const partner = r.partner ? partnerView(r.partner, r.recipeId) : undefined;
  if (!r.checked.length && r.inSync) {
    return { trunkless: true, inSync: true, headline: `✓ ${r.recipeId}: nothing to check at Exotel (this setup uses no trunk)`, checks: [], drift: [], notes: r.notes ?? [], partner };
  }
  const also = r.partner ? ` and ${r.partner.title}` : '';
  const parts = [
    ...(r.items.length || !r.partner ? [`trunk ${r.trunkSid} has drifted (${count(r.items.length, 'item')})`] : [`trunk ${r.trunkSid} matches`]),
    ...(r.partner && !r.partner.inSync ? [`${r.partner.title} differs (${count(differing(r.partner), 'item')})`] : r.partner ? [`${r.partner.title} matches`] : []),
  ];
  const headline = r.inSync
    ? `✓ ${r.recipeId}: trunk ${r.trunkSid}${also} match${also ? '' : 'es'} the setup (${count(r.checked.length + (r.partner?.cross.length ?? 0), 'check')}, ${r.ms} ms)`
    : `! ${r.recipeId}: ${parts.join('; ')} (${r.ms} ms)`;
  return {
    partner,
    trunkless: false,
    inSync: r.inSync,
    headline,
    checks: shownChecks(r),
    drift: r.items.map((i) => ({ kind: i.kind, resource: i.resource, text: driftText(i) })),
    notes: r.notes ?? [],
  };
}

/**
 * The checks as ticked rows. Two read wrong bare: "✓ auth type IP-WHITELIST" on a digest trunk (it is Exotel's
 * documented value for every trunk), and "✓ secure trunking disabled" beside the note that a TLS setup needs it
 * enabled (the note says it; no tick).
 */
function shownChecks(r: VerifyReport): VerifyView['checks'] {
  const tlsNote = (r.notes ?? []).some((n) => /secure_trunking/.test(n));
  return r.checked
    .filter((c) => !(tlsNote && c.resource === 'trunk' && /^secure trunking /.test(c.key)))
    .map((c) => ({ ok: c.ok, resource: c.resource, item: c.ok && c.resource === 'trunk' && c.key === 'auth type IP-WHITELIST' ? `${c.key} (Exotel's documented value for every trunk, digest too)` : c.key }));
}

/** The line the wizard leaves per report when it ends on its verify screen. */
export function verifySummaryLine(r: VerifyReport, applyCommand: string): string {
  const also = r.partner ? ` and ${r.partner.title}` : '';
  if (r.inSync) return `✓ ${r.recipeId}: ${r.checked.length ? `trunk ${r.trunkSid}${also} match${also ? '' : 'es'} the setup` : 'nothing to check at Exotel (no trunk)'}.`;
  const what = r.items.length || !r.partner ? `trunk ${r.trunkSid} has drifted` : `${r.partner.title} differs from trunk ${r.trunkSid}`;
  return `! ${r.recipeId}: ${what}; ${applyCommand} repairs what the API can.`;
}
