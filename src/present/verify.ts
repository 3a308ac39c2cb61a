/**
 * A verify report in words both front ends use: one headline, the checks made (✓ or ✗, resource, item), each
 * drift item with how to repair it, and the notes (what verify could not judge or chose to leave alone). The
 * wizard lays it out on its screen, `exotrunk verify` as tables; the sentences are the same.
 */
import type { DriftItem, VerifyReport } from '../core/engine/types.js';
import { count } from './words.js';

export interface VerifyView {
  /** no trunk to check (Rapida's native path): the headline says so and nothing else follows */
  trunkless: boolean;
  inSync: boolean;
  headline: string;
  checks: { ok: boolean; resource: string; item: string }[];
  drift: { kind: string; resource: string; text: string }[];
  notes: string[];
}

/** "+918012345678: expected mode pstn, found mode flow. Repair: exotrunk apply livekit" */
export function driftText(i: DriftItem): string {
  return `${i.key}${i.expected ? `: expected ${i.expected}` : ''}${i.actual ? `, found ${i.actual}` : ''}. ${i.repair === 'apply' ? 'Repair' : 'In the dashboard'}: ${i.how}`;
}

export function verifyView(r: VerifyReport): VerifyView {
  if (!r.checked.length && r.inSync) {
    return { trunkless: true, inSync: true, headline: `✓ ${r.recipeId}: nothing to check at Exotel (this setup uses no trunk)`, checks: [], drift: [], notes: r.notes ?? [] };
  }
  const headline = r.inSync
    ? `✓ ${r.recipeId}: trunk ${r.trunkSid} matches the setup (${count(r.checked.length, 'check')}, ${r.ms} ms)`
    : `! ${r.recipeId}: trunk ${r.trunkSid} has drifted (${count(r.items.length, 'item')}, ${r.ms} ms)`;
  return {
    trunkless: false,
    inSync: r.inSync,
    headline,
    checks: r.checked.map((c) => ({ ok: c.ok, resource: c.resource, item: c.key })),
    drift: r.items.map((i) => ({ kind: i.kind, resource: i.resource, text: driftText(i) })),
    notes: r.notes ?? [],
  };
}

/** The line the wizard leaves per report when it ends on its verify screen. */
export function verifySummaryLine(r: VerifyReport, applyCommand: string): string {
  if (r.inSync) return `✓ ${r.recipeId}: ${r.checked.length ? `trunk ${r.trunkSid} matches the setup` : 'nothing to check at Exotel (no trunk)'}.`;
  return `! ${r.recipeId}: trunk ${r.trunkSid} has drifted; ${applyCommand} repairs what the API can.`;
}
