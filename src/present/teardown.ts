/** A finished teardown in words both front ends use: what was deleted, and what is left to undo by hand. */
import type { ApplyEvent, Plan } from '../core/engine/types.js';
import { count, listOf } from './words.js';

export interface TornDown {
  recipeId: string;
  /** '' for a setup that had no trunk */
  trunkSid: string;
  deleted: string[];
  /** the partner's name, for what to undo there */
  partner: string;
  direction?: string;
  /** the folder of rendered configs removed */
  removedConfigs?: string;
  /** what was deleted at the partner through its API (then nothing is left to undo there by hand) */
  deletedAtPartner?: string[];
  /** the trunk was kept: these other recipes here still use it */
  keptFor?: string[];
}

/**
 * What the trunk API cannot undo: the partner side, and the Flow in the Exotel dashboard that dialled the
 * trunk. Said after every teardown, so nothing keeps pointing at a trunk that is gone.
 */
export function cleanupLines(partner: string, trunkSid: string | undefined, direction: string | undefined): string[] {
  // "Your own PBX / SBC" reads "At your own PBX / SBC" in running text
  const lines = [`At ${partner.replace(/^Your /, 'your ')}: remove the SIP trunk, number import or dial-out settings that used this Exotel trunk.`];
  if (trunkSid && direction !== 'outbound') lines.push(`In the Exotel dashboard: a Flow whose Connect applet dials sip:${trunkSid} now reaches nothing; point the ExoPhone elsewhere.`);
  return lines;
}

/** "✓ livekit torn down: trunk trmum… deleted, with credential livekit_sip. Numbers mapped to it are free again." */
export function tornDownLine(t: Pick<TornDown, 'recipeId' | 'trunkSid' | 'deleted' | 'deletedAtPartner' | 'keptFor'>): string {
  const partner = t.deletedAtPartner?.length ? ` ${listOf(t.deletedAtPartner)} deleted;` : '';
  if (!t.trunkSid) return `✓ ${t.recipeId} is forgotten here:${partner} it had no Exotel trunk, and its rendered configs were removed.`;
  const creds = t.deleted.length ? `, with ${t.deleted.length === 1 ? 'credential' : 'credentials'} ${listOf(t.deleted)}` : '';
  if (t.keptFor?.length) {
    const gone = t.deleted.length ? ` ${t.deleted.length === 1 ? 'credential' : 'credentials'} ${listOf(t.deleted)} deleted;` : '';
    return `✓ ${t.recipeId} torn down:${partner}${gone} trunk ${t.trunkSid} kept, since ${listOf(t.keptFor)} uses it too.`;
  }
  return `✓ ${t.recipeId} torn down:${partner} trunk ${t.trunkSid} deleted${creds}. Numbers mapped to it are free again.`;
}

/** The headline, then (with a trunk) what is still to undo by hand, and the configs removed. */
export function tornDownView(t: TornDown): { headline: string; undo: string[]; removed?: string } {
  return {
    headline: tornDownLine(t),
    // the partner side is undone already when it went through the partner's API
    undo: t.trunkSid ? cleanupLines(t.partner, t.keptFor?.length ? undefined : t.trunkSid, t.direction).slice(t.deletedAtPartner?.length ? 1 : 0) : [],
    removed: t.trunkSid && t.removedConfigs ? `The rendered configs in ${t.removedConfigs} described ${t.keptFor?.length ? 'this setup' : 'the deleted trunk'} and were removed.` : undefined,
  };
}

/** The lines left in the terminal (the wizard) or printed (teardown). */
export function tornDownLines(t: TornDown): string[] {
  const v = tornDownView(t);
  return [v.headline, ...(v.undo.length ? ['Still to undo by hand:', ...v.undo.map((l) => `  • ${l}`)] : []), ...(v.removed ? [v.removed] : [])];
}

/** A partner step's resource as the confirmation and the summary name it: 'LiveKit outbound trunk "Exotel livekit" (ST_…)'. */
const resourceOf = (title: string) => title.replace(/^Delete /, '');

/** What a teardown plan deletes on each side, in order: the partner's resources first (issue 17), then Exotel's. */
export function teardownSides(plan: Pick<Plan, 'steps'>): { partner: string[]; exotel: string[] } {
  return {
    partner: plan.steps.filter((s) => s.side === 'partner').map((s) => resourceOf(s.title)),
    exotel: plan.steps.filter((s) => s.side !== 'partner').map((s) => resourceOf(s.title)),
  };
}

/**
 * The confirmation's list of both sides: "First at LiveKit (through its API): …", then "Then on <where>: …".
 * `where`: how the target is named ("in the SANDBOX", "on the LOCAL server …", "in your real Exotel account …").
 */
export function teardownConfirmLines(plan: Pick<Plan, 'steps' | 'recipeId'>, where: string, partnerTitle?: string): string[] {
  const { partner, exotel } = teardownSides(plan);
  return [
    ...(partner.length ? [`First at ${partnerTitle ?? 'the partner'}, through its API (${count(partner.length, 'deletion')}):`, ...partner.map((p) => `  • ${p}`)] : []),
    ...(exotel.length ? [`${partner.length ? 'Then' : 'At Exotel'} ${where} (${count(exotel.length, 'deletion')}):`, ...exotel.map((e) => `  • ${e}`)] : []),
    'Calls through this trunk stop.',
  ];
}

/** The partner resources a teardown deleted (or found already gone), by title: for tornDownLines. */
export function deletedAtPartner(plan: Pick<Plan, 'steps'>, events: ApplyEvent[]): string[] {
  return plan.steps
    .filter((s) => s.side === 'partner' && events.some((e) => (e.type === 'done' || e.type === 'exists') && e.stepId === s.id))
    .map((s) => resourceOf(s.title));
}
