/** A plan in one line, as Terraform ends its plan: "5 to create, 1 to change". */
import type { Plan, StepKind } from '../core/engine/types.js';

const CHANGE: StepKind[] = ['set-number-mode', 'set-alias'];
const DELETE: StepKind[] = ['delete-credential', 'delete-trunk'];

export interface PlanCounts {
  create: number;
  change: number;
  delete: number;
}

export function planCounts(plan: Pick<Plan, 'steps'>): PlanCounts {
  const c = { create: 0, change: 0, delete: 0 };
  for (const s of plan.steps) {
    if (CHANGE.includes(s.kind)) c.change++;
    else if (DELETE.includes(s.kind)) c.delete++;
    else c.create++;
  }
  return c;
}

/** "5 to create, 1 to change", or "nothing to change" for an empty plan. */
export function planSummary(plan: Pick<Plan, 'steps'>): string {
  const c = planCounts(plan);
  const parts = [c.create && `${c.create} to create`, c.change && `${c.change} to change`, c.delete && `${c.delete} to delete`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing to change';
}
