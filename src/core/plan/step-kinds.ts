/**
 * The step kinds the runner can execute, keyed by kind: how each one runs, and the call it makes as people read
 * it (the plan screen, `plan`, the curl export). Exotel's kinds are here from the start; another module adds its
 * own with registerStepKinds (the partner side, issue 17), after augmenting StepPayloads in plan/types.ts. The
 * runner (runner.ts) and the screens never change for a new kind.
 */
import { EXOTEL_STEP_KINDS } from './exotel-steps.js';
import type { CallPlace, ShownCall, StepKindSpec } from './step-context.js';
import type { Plan, Step, StepKind } from './types.js';

export type { CallPlace, ShownCall, StepContext, StepKindSpec } from './step-context.js';

export type StepKindSpecs = { [K in StepKind]?: StepKindSpec<K> };

const kinds = new Map<string, StepKindSpec<any>>(Object.entries(EXOTEL_STEP_KINDS));

/** Add step kinds (a kind already known is refused: two handlers for one kind would be a bug). */
export function registerStepKinds(specs: StepKindSpecs): void {
  for (const [kind, spec] of Object.entries(specs)) {
    if (kinds.has(kind)) throw new Error(`step kind ${kind} is registered twice`);
    kinds.set(kind, spec);
  }
}

export function stepKindSpec<K extends StepKind>(kind: K): StepKindSpec<K> {
  const spec = kinds.get(kind);
  if (!spec) throw new Error(`no handler is registered for steps of kind ${kind}`);
  return spec;
}

/** The placeholder a request shows for a trunk that the plan creates first. */
export const TRUNK_SID_SLOT = '{trunk_sid}';

/** The call a plan's step makes, for the screen, `plan` and the curl export. */
export function shownCall(plan: Pick<Plan, 'accountSid' | 'trunkSid'>, step: Step, place: Partial<CallPlace> = {}): ShownCall {
  return stepKindSpec(step.kind).call(step as never, { accountSid: plan.accountSid, trunkSid: plan.trunkSid ?? TRUNK_SID_SLOT, ...place });
}
