/**
 * A plan in words both front ends use: its headline, each call with its reason, the one-line summary Terraform
 * ends a plan with ("5 to create, 1 to change"), and the JSON `plan --format json` prints.
 */
import type { Plan } from '../core/engine/types.js';
import { count } from './words.js';
import { shownCall } from '../core/engine/index.js';
import { isPartnerId, PARTNER_TITLES } from '../core/engine/light.js';

/** The partner whose steps a plan holds (issue 17: made through its API), by its title; undefined for none. */
export function partnerOfPlan(plan: Pick<Plan, 'steps'>): string | undefined {
  const id = plan.steps.find((s) => s.side === 'partner')?.id.split(':')[0];
  return id && isPartnerId(id) ? PARTNER_TITLES[id] : id;
}

/** How many steps on each side: "5 at Exotel, 3 at LiveKit" (undefined when the plan has one side only). */
export function sidesLine(plan: Pick<Plan, 'steps' | 'purpose'>): string | undefined {
  const partner = partnerOfPlan(plan);
  if (!partner) return undefined;
  const n = plan.steps.filter((s) => s.side === 'partner').length;
  const e = plan.steps.length - n;
  const at = [`${n} at ${partner}`, ...(e ? [`${e} at Exotel`] : [])];
  return (plan.purpose === 'teardown' ? at : at.reverse()).join(', ');
}

export interface PlanCounts {
  create: number;
  change: number;
  delete: number;
}

export function planCounts(plan: Pick<Plan, 'steps'>): PlanCounts {
  const c = { create: 0, change: 0, delete: 0 };
  for (const s of plan.steps) c[s.effect]++;
  return c;
}

/** "5 to create, 1 to change", or "nothing to change" for an empty plan. */
export function planSummary(plan: Pick<Plan, 'steps'>): string {
  const c = planCounts(plan);
  const parts = [c.create && `${c.create} to create`, c.change && `${c.change} to change`, c.delete && `${c.delete} to delete`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing to change';
}

/** The API path without the account prefix every call shares: …/trunks/{trunk_sid}/credentials */
export const shortPath = (path: string) => path.replace(/^\/v2\/accounts\/[^/]+/, '…');

/** The plan as `plan --format json` prints it: each step with the request it sends (secrets masked). */
export function planJson(plan: Plan): Plan & { steps: (Plan['steps'][number] & { request: ReturnType<typeof shownCall> })[] } {
  return { ...plan, steps: plan.steps.map((s) => ({ ...s, request: shownCall(plan, s) })) };
}

/** The call a step makes, as the plan shows it under the step: "POST …/trunks/{trunk_sid}/credentials". */
export function callText(plan: Pick<Plan, 'accountSid' | 'trunkSid'>, step: Plan['steps'][number]): string {
  const c = shownCall(plan, step);
  return `${c.method} ${shortPath(c.path)}`;
}

/** "Plan for livekit (both) on SANDBOX: trunk livekit (trmum…)", or "Teardown of …" for a teardown plan. */
export function planHeadline(plan: Pick<Plan, 'purpose' | 'recipeId' | 'direction' | 'trunkName' | 'trunkSid'>, targetLabel?: string): string {
  const what = plan.purpose === 'teardown' ? 'Teardown of' : 'Plan for';
  // a path without a trunk (Rapida's native one) has no trunk name: say so instead of "trunk " and nothing
  const trunk = plan.trunkName || plan.trunkSid ? `trunk ${plan.trunkName}${plan.trunkSid ? ` (${plan.trunkSid})` : ''}` : 'no Exotel trunk';
  return `${what} ${plan.recipeId} (${plan.direction})${targetLabel ? ` on ${targetLabel}` : ''}: ${trunk}`;
}

/** What an empty plan means, in one line. */
function emptyPlanLine(plan: Pick<Plan, 'purpose' | 'recipeId' | 'trunkName' | 'trunkSid'>): string {
  if (plan.purpose === 'setup' && !plan.trunkName && !plan.trunkSid) return 'Nothing to send to Exotel: this path uses no trunk. apply renders the configs to paste.';
  return plan.purpose === 'teardown' ? `Nothing to delete at Exotel: ${plan.recipeId} has no trunk, so only its journal entry and rendered configs are removed.` : 'Nothing to create or change at Exotel: what the recipe wants is in place.';
}

/** A plan in words both front ends lay out: the headline, each call with its reason, what needs no call. */
export interface PlanView {
  headline: string;
  /** heading: where the steps from this one on happen, when the plan has both sides ("At LiveKit, through its API") */
  rows: { n: string; title: string; call: string; reason: string; heading?: string }[];
  /** no steps: what that means */
  empty?: string;
  /** "Already in place: …" */
  inSync?: string;
  /** drift no API call can repair: dashboard steps */
  manual: string[];
  warnings: string[];
  /** "Plan: 5 to create, 1 to change." */
  summary: string;
}

export function planView(plan: Plan, targetLabel?: string): PlanView {
  const empty = plan.steps.length
    ? undefined
    : plan.purpose === 'teardown'
      ? emptyPlanLine(plan)
      : plan.manual.length
        ? `No API call can bring the trunk closer to the recipe: the ${count(plan.manual.length, 'item')} below ${plan.manual.length === 1 ? 'needs' : 'need'} the Exotel dashboard.`
        : emptyPlanLine(plan);
  return {
    headline: planHeadline(plan, targetLabel),
    rows: plan.steps.map((s, i) => ({ n: `${i + 1}.`, title: s.title, call: callText(plan, s), reason: s.reason, ...sideHeading(plan, i) })),
    empty,
    inSync: plan.inSync.length ? `Already in place: ${plan.inSync.join('; ')}` : undefined,
    manual: plan.manual.map((m) => `Dashboard step: ${m}`),
    warnings: [...(plan.confirm ?? []), ...plan.warnings],
    summary: `Plan: ${planSummary(plan)}${sidesLine(plan) ? ` (${sidesLine(plan)})` : ''}.`,
  };
}

/**
 * Where a plan's steps happen, for the choice that runs it: `where` for Exotel ("on the LOCAL server …"), the
 * partner by name: "5 on the LOCAL server …, 3 at LiveKit"; a teardown names the partner first ("3 at LiveKit,
 * then 2 in the SANDBOX"); a plan with the partner's steps only, "at LiveKit".
 */
export function sidesWhere(plan: Pick<Plan, 'steps' | 'purpose'>, where: string): string {
  const partner = partnerOfPlan(plan);
  if (!partner) return where;
  const n = plan.steps.filter((s) => s.side === 'partner').length;
  const e = plan.steps.length - n;
  if (!e) return `at ${partner}`;
  return plan.purpose === 'teardown' ? `${n} at ${partner}, then ${e} ${where}` : `${e} ${where}, ${n} at ${partner}`;
}

/** The choice that runs a setup plan: "Apply: make these 8 changes: 5 in your real Exotel account acme, 3 at LiveKit". */
export function applyChoice(plan: Pick<Plan, 'steps' | 'purpose'>, target: { kind: string; where: string }): string {
  const n = plan.steps.length;
  const partner = partnerOfPlan(plan);
  const atPartner = plan.steps.filter((s) => s.side === 'partner').length;
  const exotel = n - atPartner;
  if (!n) return 'Nothing to create: continue to the configs';
  if (target.kind === 'sandbox' && exotel) return `Apply in the SANDBOX (${count(exotel, 'call')}, nothing is created at Exotel)${partner ? ` and ${atPartner} at ${partner}` : ''}`;
  const what = n === 1 ? 'this change' : `these ${n} changes`;
  return `Apply: make ${what}${partner && exotel ? ':' : ''} ${sidesWhere(plan, target.where)}`;
}

/** A heading where the side changes, in a plan with both sides: Exotel's steps, then the partner's (or the other way in a teardown). */
function sideHeading(plan: Plan, i: number): { heading?: string } {
  const partner = partnerOfPlan(plan);
  const s = plan.steps[i]!;
  if (!partner || (i > 0 && plan.steps[i - 1]!.side === s.side)) return {};
  return { heading: s.side === 'partner' ? `At ${partner}, through its API:` : 'At Exotel:' };
}
