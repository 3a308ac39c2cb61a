/** A plan in one line, as Terraform ends its plan: "5 to create, 1 to change". */
import type { Plan } from '../core/engine/types.js';
import { shownCall } from '../core/engine/index.js';

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
  return `${what} ${plan.recipeId} (${plan.direction})${targetLabel ? ` on ${targetLabel}` : ''}: trunk ${plan.trunkName}${plan.trunkSid ? ` (${plan.trunkSid})` : ''}`;
}

/** What an empty plan means, in one line. */
export function emptyPlanLine(plan: Pick<Plan, 'purpose' | 'recipeId'>): string {
  return plan.purpose === 'teardown' ? `Nothing to delete at Exotel: ${plan.recipeId} has no trunk, so only its journal entry and rendered configs are removed.` : 'Nothing to create or change at Exotel.';
}
