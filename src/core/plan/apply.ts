/**
 * Executing a plan: the runner (runner.ts) over the step kinds (step-kinds.ts), typed events for the front
 * ends, the journal written after every step. `applyPlan` sets up or repairs; `executePlan` is the part a
 * teardown shares with it.
 */
import { stepContext } from '../exotel/retry-context.js';
import type { ExotelClient } from '../exotel/types.js';
import { newRun, targetOf, type RunState, type StateStore } from '../journal/state-store.js';
import { runDag } from './runner.js';
import type { StepContext } from './step-context.js';
import { stepKindSpec } from './step-kinds.js';
import type { ApplyEvent, ApplyResult, Inputs, Plan } from './types.js';

export { trunkExistsError, trunkUnknownError } from './exotel-steps.js';

export interface ApplyOptions {
  client: ExotelClient;
  store: StateStore;
  mode: 'sandbox' | 'live';
  region: string;
  onEvent?: (e: ApplyEvent) => void;
  signal?: AbortSignal;
  /** how many times an unknown-outcome write is re-sent after a read found nothing (default 3) */
  maxReconcile?: number;
}

/** The context every step of this run gets: the client, the inputs, and this run's journal record. */
function contextFor(plan: Plan, inputs: Inputs, opts: ApplyOptions): StepContext {
  const { client, store } = opts;
  const target = targetOf(opts.mode, client.accountSid);
  const init = (): RunState =>
    newRun({ recipeId: inputs.recipe.id, target, accountSid: client.accountSid, region: opts.region, direction: inputs.direction, trunkName: inputs.trunkName, answers: inputs.answers.values });
  return {
    client,
    inputs,
    journal: (change) =>
      void store.update(target, inputs.recipe.id, init, (r) => {
        r.answers = inputs.answers.values;
        r.direction = inputs.direction;
        r.trunkName = inputs.trunkName;
        change(r);
      }),
    record: () => store.get(target, inputs.recipe.id),
    trunkSid: plan.trunkSid ?? inputs.trunkSid ?? store.get(target, inputs.recipe.id)?.trunkSid,
    maxReconcile: opts.maxReconcile ?? 3,
  };
}

/** Run a plan's steps with the context given: events out, the journal written by each step. */
export async function executePlan(plan: Plan, ctx: StepContext, opts: Pick<ApplyOptions, 'onEvent' | 'signal'>): Promise<ApplyResult> {
  const events: ApplyEvent[] = [];
  const emit = (e: ApplyEvent) => {
    events.push(e);
    opts.onEvent?.(e);
  };
  const { ok, failed } = await runDag(plan.steps, (step) => stepKindSpec(step.kind).run(step as never, ctx), {
    emit,
    signal: opts.signal,
    // a retry notice from the shared client is shown against the step whose request it is
    around: (step, run) => stepContext.run({ stepId: step.id, onRetry: (i) => emit({ type: 'retrying', stepId: step.id, attempt: i.attempt, maxAttempts: i.maxAttempts, delayMs: i.delayMs, reason: i.reason }) }, run),
  });
  return { ok, trunkSid: ctx.trunkSid, events, failed };
}

/** Set up or repair: what is already there is journaled first, then the steps, then the run is marked applied. */
export async function applyPlan(plan: Plan, inputs: Inputs, opts: ApplyOptions): Promise<ApplyResult> {
  const ctx = contextFor(plan, inputs, opts);
  // What the recipe wants and the trunk already has goes into the journal first: an earlier run may have
  // created it and died before writing it down, and rotate, teardown and the password check rely on it.
  const found = plan.found;
  ctx.journal((r) => {
    if (!found || !plan.trunkSid) return;
    r.trunkSid ??= plan.trunkSid;
    Object.assign(r.resources.numbers, found.numbers);
    Object.assign(r.resources.acl, found.acl);
    Object.assign(r.resources.destinations, found.destinations);
    if (found.credential) r.resources.credential = found.credential;
  });
  const result = await executePlan(plan, ctx, opts);
  if (result.ok) ctx.journal((s) => void (s.appliedAt = new Date().toISOString()));
  return result;
}

/** Tear down: the plan's delete steps, each journaled as it finishes (the last one marks the run torn down). */
export async function teardownPlan(plan: Plan, inputs: Inputs, opts: ApplyOptions): Promise<ApplyResult> {
  return executePlan(plan, contextFor(plan, inputs, opts), opts);
}
