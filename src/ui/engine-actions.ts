/**
 * What the wizard asks of the engine, and what it dispatches back: plan, render, apply, verify, teardown, the
 * flows rebuilt from the journal, the plan's exports. The App keeps the state; these only call and report.
 */
import type { Dispatch, MutableRefObject } from 'react';
import type { Engine } from '../core/engine/engine.js';
import type { Inputs, Plan, VerifyReport } from '../core/engine/types.js';
import { curlBaseUrl } from '../core/plan/curl-base.js';
import { exportAnswers, exportCurl, type ExportResult } from './state/exports.js';
import { toShownError } from './state/shown-error.js';
import type { ExportKind, Flow, RetryTarget, WizardAction, WizardState } from './state/wizard-reducer.js';

export interface ActionContext {
  engine: () => Engine;
  dispatch: Dispatch<WizardAction>;
  fail: (e: unknown, retry: RetryTarget) => void;
  /** the running apply, for Ctrl-C */
  abort: MutableRefObject<AbortController | null>;
  /** what this session changed at Exotel, in words */
  changed: MutableRefObject<string[]>;
  /** the recipe the last verify / teardown was about (the error screen's Retry) */
  lastRecipe: MutableRefObject<string | undefined>;
  showSecrets: boolean;
  exportDir?: string;
}

export function engineActions(ctx: ActionContext) {
  const { dispatch, fail } = ctx;

  const plan = async (flow: Flow, inputs: Inputs) => {
    try {
      const { plan: p } = await ctx.engine().plan(inputs);
      dispatch({ type: 'planned', flow, inputs, plan: p });
    } catch (e) {
      fail(e, 'plan');
    }
  };

  const render = async (flow: Flow, inputs: Inputs) => {
    try {
      const eng = ctx.engine();
      const outputs = eng.render(inputs);
      const files = await eng.writeOutputs(inputs.recipe.id, outputs);
      dispatch({ type: 'rendered', flow, inputs, outputs, files, run: eng.run(inputs.recipe.id), reveal: ctx.showSecrets });
    } catch (e) {
      fail(e, 'render');
    }
  };

  // An empty plan is applied too: it journals the run (a setup without a trunk included), so the runs menu,
  // verify and render know it afterwards.
  const apply = async (inputs: Inputs, p: Plan) => {
    const ac = new AbortController();
    ctx.abort.current = ac;
    dispatch({ type: 'apply-started' });
    try {
      const result = await ctx.engine().apply(p, inputs, { signal: ac.signal, onEvent: (event) => dispatch({ type: 'apply-event', event }) });
      const made = result.events.filter((e) => e.type === 'done').length;
      if (made) ctx.changed.current.push(`${inputs.recipe.id}: ${made === 1 ? '1 change' : `${made} changes`} applied`);
      dispatch({ type: 'applied', result });
    } catch (e) {
      if (ac.signal.aborted) dispatch({ type: 'applied', result: { ok: false, events: [], failed: [] } });
      else fail(e, 'plan');
    } finally {
      ctx.abort.current = null;
    }
  };

  const verifyAll = async (ids: string[]) => {
    const reports: VerifyReport[] = [];
    for (const id of ids) reports.push(await ctx.engine().verify(id));
    return reports;
  };

  const runTask = (id: string | string[], task: 'verify' | 'teardown') => {
    const ids = Array.isArray(id) ? id : [id];
    ctx.lastRecipe.current = ids[0];
    if (task === 'verify') {
      dispatch({ type: 'busy', label: ids.length > 1 ? `Reading ${ids.length} trunks at Exotel` : `Reading ${ids[0]}'s trunk at Exotel`, work: 'verify' });
      verifyAll(ids).then((reports) => dispatch({ type: 'verified', reports }), (e: unknown) => fail(e, 'verify'));
    } else {
      dispatch({ type: 'busy', label: `Tearing down ${ids[0]}`, work: 'teardown' });
      ctx
        .engine()
        .teardown(ids[0])
        .then((r) => {
          ctx.changed.current.push(r.trunkSid ? `${ids[0]} torn down (trunk ${r.trunkSid} deleted)` : `${ids[0]} forgotten`);
          dispatch({ type: 'torn-down', recipeId: ids[0]!, trunkSid: r.trunkSid, deleted: r.deletedCredentials });
        }, (e: unknown) => fail(e, 'teardown'));
    }
  };

  const fromState = (id: string, then: 'plan' | 'render') => {
    ctx.lastRecipe.current = id;
    try {
      const eng = ctx.engine();
      const inputs = eng.inputsFromState(eng.requireRun(id));
      const flow: Flow = { recipe: inputs.recipe, answers: inputs.answers, asked: [], suggested: {}, fromState: true };
      dispatch({ type: 'flow-from-state', flow, inputs, task: then === 'render' ? 'render' : undefined });
      if (then === 'plan') void plan(flow, inputs);
    } catch (e) {
      fail(e, 'start');
    }
  };

  const exported = (r: ExportResult, kind: ExportKind) =>
    r.written ? dispatch({ type: 'notice', text: r.text, answersFile: kind === 'answers' ? r.path : undefined }) : dispatch({ type: 'confirm-export', kind });
  /** write an export from the plan screen; an existing file is replaced only with `overwrite` (else: ask) */
  const doExport = (s: WizardState, kind: ExportKind, overwrite: boolean) => {
    if (s.tag !== 'plan') return;
    const dir = ctx.exportDir ?? process.cwd();
    const job = kind === 'curl' ? exportCurl(s.plan, curlBaseUrl(ctx.engine()), dir, overwrite) : exportAnswers(s.inputs, dir, overwrite);
    job.then((r) => exported(r, kind), (e: unknown) => dispatch({ type: 'notice', text: toShownError(e).what }));
  };

  return { plan, render, apply, runTask, fromState, doExport };
}
