/**
 * The plan runner is generic: it knows steps only by id and dependencies, and a step kind registered from outside
 * (as the partner side will register its own) runs through the same executor with no change to the runner.
 */
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../src/core/plan/apply.js';
import { runDag, type StepOutcome } from '../../src/core/plan/runner.js';
import { registerStepKinds, shownCall } from '../../src/core/plan/step-kinds.js';
import type { StepContext } from '../../src/core/plan/step-context.js';
import type { ApplyEvent, Plan } from '../../src/core/engine/types.js';
import { UserError } from '../../src/core/errors.js';
import { InterruptedError } from '../../src/core/exotel/errors.js';

declare module '../../src/core/plan/types.js' {
  interface StepPayloads {
    'test:echo': { text: string };
  }
}

const dag = (id: string, dependsOn: string[] = []) => ({ id, dependsOn });
const events = () => {
  const list: string[] = [];
  return { list, emit: (e: ApplyEvent) => list.push(`${e.type}:${e.stepId}${e.type === 'skipped' ? ` (${e.reason})` : ''}`) };
};

describe('runDag', () => {
  it('starts a step once its dependencies succeeded, independent ones together', async () => {
    const order: string[] = [];
    const ev = events();
    const r = await runDag([dag('a'), dag('b', ['a']), dag('c')], async (s) => (order.push(s.id), { outcome: 'done', detail: s.id }), { emit: ev.emit });
    expect(r.ok).toBe(true);
    expect(order).toEqual(['a', 'c', 'b']);
    expect(ev.list).toEqual(['started:a', 'started:c', 'done:a', 'done:c', 'started:b', 'done:b']);
  });

  it('a failed step skips what needs it, names why, and the others still run', async () => {
    const ev = events();
    const run = async (s: { id: string }): Promise<StepOutcome> => {
      if (s.id === 'a') throw new UserError('no');
      return { outcome: 'exists', detail: '' };
    };
    const r = await runDag([dag('a'), dag('b', ['a']), dag('c')], run, { emit: ev.emit });
    expect(r.ok).toBe(false);
    expect(r.failed).toEqual([{ stepId: 'a', message: 'no', cause: undefined, fix: undefined }]);
    expect(ev.list).toContain('skipped:b (needs a)');
    expect(ev.list).toContain('exists:c');
  });

  it('after the signal no step starts; a step stopped by Ctrl-C is skipped, not failed', async () => {
    const ac = new AbortController();
    const ev = events();
    const run = async (s: { id: string }): Promise<StepOutcome> => {
      if (s.id === 'a') {
        ac.abort();
        throw new InterruptedError();
      }
      return { outcome: 'done', detail: '' };
    };
    const r = await runDag([dag('a'), dag('b', ['a']), dag('c', ['x'])], run, { emit: ev.emit, signal: ac.signal });
    expect(r.ok).toBe(false);
    expect(r.failed).toEqual([]);
    // once stopped, nothing waiting starts, whatever it waits for; the step that was running ends as skipped
    expect(ev.list).toEqual(['started:a', 'skipped:b (interrupted)', 'skipped:c (interrupted)', 'skipped:a (interrupted)']);
  });
});

describe('step kinds registered from outside', () => {
  registerStepKinds({
    'test:echo': {
      run: async (step, ctx) => {
        ctx.journal((r) => void (r.outputs = [step.payload.text]));
        return { outcome: 'done', detail: step.payload.text };
      },
      call: (step) => ({ method: 'SDK', path: `Echo.say(${JSON.stringify(step.payload.text)})` }),
    },
  });

  it('run through the same executor and show their own call, with no change to the runner', async () => {
    const plan: Plan = {
      purpose: 'setup', recipeId: 'x', accountSid: 'acct', direction: 'outbound', trunkName: 't', inSync: [], manual: [], decisions: [], warnings: [],
      steps: [{ id: 'echo', kind: 'test:echo', side: 'partner', effect: 'create', title: 'Echo', reason: 'test', dependsOn: [], payload: { text: 'hi' } }],
    };
    const journaled: string[][] = [];
    const ctx = { client: undefined as never, inputs: undefined as never, journal: (change) => { const r = { outputs: [] } as never as { outputs: string[] }; change(r as never); journaled.push(r.outputs); }, record: () => undefined, maxReconcile: 0 } satisfies StepContext;
    const ev: ApplyEvent[] = [];
    const r = await executePlan(plan, ctx, { onEvent: (e) => ev.push(e) });
    expect(r.ok).toBe(true);
    expect(ev.map((e) => e.type)).toEqual(['started', 'done']);
    expect(journaled).toEqual([['hi']]);
    expect(shownCall(plan, plan.steps[0]!)).toEqual({ method: 'SDK', path: 'Echo.say("hi")' });
    expect(() => registerStepKinds({ 'test:echo': { run: async () => ({ outcome: 'done', detail: '' }), call: () => ({ method: '', path: '' }) } })).toThrow(/registered twice/);
  });
});
