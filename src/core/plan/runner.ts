/**
 * The plan runner: a DAG of steps, each started once everything it depends on has succeeded, independent ones
 * concurrently (the client's limiter keeps the pace). It knows nothing of what a step does: `run` does it, and
 * the runner turns the outcome into events. A step whose dependency failed or was skipped is skipped; after
 * Ctrl-C (the signal) no step starts, the ones running finish.
 */
import { InterruptedError } from '../exotel/errors.js';
import { describeFailure } from './failure.js';
import type { ApplyEvent, ApplyResult } from './types.js';

export interface DagStep {
  id: string;
  dependsOn: string[];
}

/** What a step did: made the change (done), or found it already made (exists); detail says what, for people. */
export interface StepOutcome {
  outcome: 'done' | 'exists';
  detail: string;
}

export type StepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';

export interface RunDagOptions<S extends DagStep> {
  emit: (e: ApplyEvent) => void;
  signal?: AbortSignal;
  /** wraps each step's run (the Exotel client's retry notices are routed to the step this way) */
  around?: (step: S, run: () => Promise<StepOutcome>) => Promise<StepOutcome>;
}

export interface DagResult {
  /** every step succeeded */
  ok: boolean;
  status: Map<string, StepStatus>;
  failed: ApplyResult['failed'];
}

export async function runDag<S extends DagStep>(steps: S[], run: (step: S) => Promise<StepOutcome>, opts: RunDagOptions<S>): Promise<DagResult> {
  const status = new Map<string, StepStatus>(steps.map((s) => [s.id, 'pending']));
  const failed: DagResult['failed'] = [];
  let wake = () => {};
  const skip = (step: S, reason: string) => {
    status.set(step.id, 'skipped');
    opts.emit({ type: 'skipped', stepId: step.id, reason });
  };

  const execute = async (step: S) => {
    status.set(step.id, 'running');
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    opts.emit({ type: 'started', stepId: step.id, at: Date.now() });
    try {
      const o = await (opts.around ? opts.around(step, () => run(step)) : run(step));
      status.set(step.id, 'ok');
      opts.emit({ type: o.outcome, stepId: step.id, ms: ms(), detail: o.detail });
    } catch (e) {
      // Ctrl-C stopped a follow-up request of this step before it was sent: nothing unknown, a re-run redoes it
      if (e instanceof InterruptedError) skip(step, 'interrupted');
      else {
        status.set(step.id, 'failed');
        const f = describeFailure(e);
        failed.push({ stepId: step.id, ...f });
        opts.emit({ type: 'failed', stepId: step.id, ms: ms(), ...f });
      }
    } finally {
      wake();
    }
  };

  /** Start (or skip) every pending step whose dependencies have all settled. */
  const startReady = () => {
    for (const step of steps) {
      if (status.get(step.id) !== 'pending') continue;
      const deps = step.dependsOn.map((d) => status.get(d) ?? 'ok');
      if (deps.some((d) => d === 'failed' || d === 'skipped')) skip(step, `needs ${step.dependsOn.filter((d) => status.get(d) !== 'ok').join(', ')}`);
      else if (opts.signal?.aborted) skip(step, 'interrupted');
      else if (deps.every((d) => d === 'ok')) void execute(step);
    }
  };
  const settled = () => [...status.values()].every((s) => s !== 'pending' && s !== 'running');

  const onAbort = () => wake();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // statuses change before wake() is called, and nothing awaits between a scan and the next wait
    for (startReady(); !settled(); startReady()) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return { ok: failed.length === 0 && [...status.values()].every((s) => s === 'ok'), status, failed };
}
