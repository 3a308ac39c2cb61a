/**
 * What the wizard asks of the engine, and what it dispatches back: plan, render, apply, verify, teardown, the
 * flows rebuilt from the journal, the plan's exports. The App keeps the state; these only call and report.
 */
import type { Dispatch, MutableRefObject } from 'react';
import type { ApplyEvent, Engine, Inputs, Plan, VerifyReport } from '../core/engine/types.js';
import { deletedAtPartner } from '../present/teardown.js';
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
  // verify and render know it afterwards. A teardown plan runs through the same screen and the same runner.
  const apply = async (inputs: Inputs, p: Plan) => {
    const ac = new AbortController();
    ctx.abort.current = ac;
    dispatch({ type: 'apply-started' });
    const opts = { signal: ac.signal, onEvent: (event: ApplyEvent) => dispatch({ type: 'apply-event', event }) };
    try {
      if (p.purpose === 'teardown') {
        const r = await ctx.engine().teardown(p, opts);
        if (!r.ok) return dispatch({ type: 'applied', result: r });
        ctx.changed.current.push(r.trunkSid ? `${p.recipeId} torn down (trunk ${r.trunkSid} deleted)` : `${p.recipeId} forgotten`);
        // the partner's resources deleted through its API: nothing left to undo there by hand
        const atPartner = p.steps.some((st) => st.side === 'partner') ? deletedAtPartner(p, r.events) : undefined;
        return dispatch({ type: 'torn-down', recipeId: p.recipeId, trunkSid: r.trunkSid, deleted: r.deletedCredentials, partner: inputs.recipe.title, direction: p.direction, removedConfigs: r.removedConfigs, deletedAtPartner: atPartner, keptFor: r.keptFor });
      }
      const result = await ctx.engine().apply(p, inputs, opts);
      const made = result.events.filter((e) => e.type === 'done').length;
      if (made) ctx.changed.current.push(`${inputs.recipe.id}: ${made === 1 ? '1 change' : `${made} changes`} applied`);
      dispatch({ type: 'applied', result });
    } catch (e) {
      if (ac.signal.aborted) dispatch({ type: 'applied', result: { ok: false, events: [], failed: [] } });
      else fail(e, p.purpose === 'teardown' ? 'teardown' : 'plan');
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
      const at = ids.length === 1 && Object.keys(ctx.engine().run(ids[0]!)?.partner?.ids ?? {}).length ? ' and the partner side' : '';
      dispatch({ type: 'busy', label: ids.length > 1 ? `Reading ${ids.length} trunks at Exotel` : `Reading ${ids[0]}'s trunk at Exotel${at}`, work: 'verify' });
      verifyAll(ids).then((reports) => dispatch({ type: 'verified', reports }), (e: unknown) => fail(e, 'verify'));
    } else fromState(ids[0]!, 'teardown');
  };

  /** A flow rebuilt from the journal, then: re-plan it, re-render it, or plan its teardown. */
  const fromState = (id: string, then: 'plan' | 'render' | 'teardown') => {
    ctx.lastRecipe.current = id;
    try {
      const eng = ctx.engine();
      const inputs = eng.inputsFromState(eng.requireRun(id));
      const flow: Flow = { recipe: inputs.recipe, answers: inputs.answers, asked: [], suggested: {}, fromState: true };
      dispatch({ type: 'flow-from-state', flow, inputs, task: then === 'render' ? 'render' : undefined });
      if (then === 'plan') void plan(flow, inputs);
      else if (then === 'teardown') {
        eng.planTeardown(id).then((p) => dispatch({ type: 'planned', flow, inputs, plan: p }), (e: unknown) => fail(e, 'teardown'));
      }
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
    const job = kind === 'curl' ? exportCurl(s.plan, () => ctx.engine().curlScript(s.plan), dir, overwrite) : exportAnswers(s.inputs, dir, overwrite);
    job.then((r) => exported(r, kind), (e: unknown) => dispatch({ type: 'notice', text: toShownError(e).what }));
  };

  return { plan, render, apply, runTask, fromState, doExport };
}
