/**
 * The wizard as a pure state machine: which screen shows, with what data. Side effects (engine calls) live in
 * the App, which dispatches the outcomes here; so every transition is testable without rendering.
 */
import { nextQuestion, withAnswer, withoutAnswer } from '../../core/engine/answers.js';
import { validateAnswer } from '../../core/engine/questions.js';
import type { AnswerSet, AnswerSource, AnswerValue, ApplyEvent, ApplyResult, Inputs, Plan, Step, VerifyReport } from '../../core/engine/types.js';
import type { Question, Recipe } from '../../core/recipes/schema.js';
import type { RenderedOutput } from '../../core/render/render.js';
import type { WrittenFile } from '../../core/render/output-files.js';
import type { RunState } from '../../core/plan/state.js';
import { cliName } from '../../core/cli-name.js';
import { retryText } from '../../core/plan/retry-text.js';

/** An error as the user sees it: what happened, the likely cause, what to do. */
export interface ShownError {
  what: string;
  cause?: string;
  fix?: string;
  details?: string[];
}

/** One recipe being set up: the answers so far and which of them were asked here (Esc pops them). */
export interface Flow {
  recipe: Recipe;
  answers: AnswerSet;
  /** ids answered on a wizard screen, in order */
  asked: string[];
  /** values to offer as the default (the previous run's answers, and answers left behind with Esc) */
  suggested: Record<string, AnswerValue>;
  /** secrets typed in this session and left behind with Esc: offered again, never re-typed */
  kept?: Record<string, string>;
  /** true when the flow came from the journal (re-apply / re-render): no questions to go back to */
  fromState?: boolean;
}

export type StepStatus = 'pending' | 'running' | 'done' | 'exists' | 'failed' | 'skipped';
export interface StepProgress {
  status: StepStatus;
  ms?: number;
  detail?: string;
  /** the latest retry notice ("rate limited, retrying in 2 s") */
  notice?: string;
}

/** Steps that got what they asked for: created now, or found already there. */
export const stepsDone = (steps: { id: string }[], progress: Record<string, StepProgress>): number =>
  steps.filter((s) => progress[s.id]?.status === 'done' || progress[s.id]?.status === 'exists').length;

/** What "retry" on the error screen does again. */
export type RetryTarget = 'inputs' | 'plan' | 'apply' | 'render' | 'verify' | 'teardown' | 'start';
export type RunAction = 'verify' | 'reapply' | 'rerender' | 'teardown';
/** Work the App starts on its own when the machine lands in 'busy' (the rest starts from a key press). */
export type BusyTask = 'start' | 'inputs' | 'render';

export type WizardState =
  | { tag: 'mode' }
  | { tag: 'credentials'; error?: string }
  | { tag: 'runs'; runs: RunState[] }
  | { tag: 'pick-recipe' }
  | { tag: 'question'; flow: Flow; question: Question; error?: string }
  | { tag: 'busy'; label: string; task?: BusyTask; flow?: Flow; inputs?: Inputs; plan?: Plan }
  | { tag: 'auth'; flow: Flow; inputs: Inputs }
  | { tag: 'plan'; flow: Flow; inputs: Inputs; plan: Plan; notice?: string }
  | { tag: 'applying'; flow: Flow; inputs: Inputs; plan: Plan; progress: Record<string, StepProgress>; finished: string[]; interrupted: boolean }
  | { tag: 'results'; flow: Flow; inputs: Inputs; outputs: RenderedOutput[]; files: WrittenFile[]; run?: RunState; reveal: boolean }
  | { tag: 'verified'; report: VerifyReport }
  | { tag: 'confirm-teardown'; recipeId: string; trunkSid?: string }
  | { tag: 'torn-down'; recipeId: string; trunkSid: string; deleted: string[] }
  | { tag: 'interrupted'; recipeId: string; steps: Step[]; progress: Record<string, StepProgress> }
  | { tag: 'error'; error: ShownError; retry: RetryTarget; flow?: Flow; inputs?: Inputs; plan?: Plan }
  | { tag: 'exit'; code: number; farewell?: string[] };

export type WizardAction =
  | { type: 'want-live' }
  | { type: 'live-failed'; message: string }
  | { type: 'start'; runs: RunState[] }
  | { type: 'new-run' }
  /** Esc on the partner list: back to the runs menu, or to the sandbox-or-live choice when that was offered */
  | { type: 'leave-pick'; runs: RunState[]; offerLive: boolean }
  | { type: 'pick'; recipe: Recipe; preset: AnswerSet; suggested: Record<string, AnswerValue> }
  | { type: 'answer'; value: AnswerValue; source?: AnswerSource }
  | { type: 'invalid'; message: string }
  | { type: 'back' }
  | { type: 'busy'; label: string; task?: BusyTask }
  | { type: 'inputs-ready'; flow: Flow; inputs: Inputs }
  | { type: 'flow-from-state'; flow: Flow; inputs: Inputs; task?: 'render' }
  | { type: 'planned'; flow: Flow; inputs: Inputs; plan: Plan }
  | { type: 'notice'; text: string }
  | { type: 'apply-started' }
  | { type: 'apply-event'; event: ApplyEvent }
  /** farewell: what to leave on screen if this ends the wizard from a finished screen */
  | { type: 'interrupt'; farewell?: string[] }
  | { type: 'applied'; result: ApplyResult }
  | { type: 'rendered'; flow: Flow; inputs: Inputs; outputs: RenderedOutput[]; files: WrittenFile[]; run?: RunState; reveal?: boolean }
  | { type: 'toggle-reveal' }
  | { type: 'verified'; report: VerifyReport }
  | { type: 'ask-teardown'; recipeId: string; trunkSid?: string }
  | { type: 'torn-down'; recipeId: string; trunkSid: string; deleted: string[] }
  | { type: 'failed'; error: ShownError; retry: RetryTarget }
  | { type: 'exit'; code: number; farewell?: string[] };

export const initialState = (offerLive: boolean): WizardState => (offerLive ? { tag: 'mode' } : { tag: 'busy', label: 'Reading the state journal', task: 'start' });

/** The question to ask next, or the 'busy' state that builds the inputs when all are answered. */
function ask(flow: Flow, error?: string): WizardState {
  const question = nextQuestion(flow.recipe, flow.answers);
  if (!question) return { tag: 'busy', label: 'Checking the answers with the rules', task: 'inputs', flow };
  return { tag: 'question', flow, question, error };
}

/**
 * Esc: back to the question answered on the previous screen, with that answer offered as its default (a secret
 * as "keep"), so going back to change one thing never means typing the rest again. From the first question,
 * back to the partner list.
 */
function back(flow: Flow): WizardState {
  const last = flow.asked.at(-1);
  if (last === undefined) return { tag: 'pick-recipe' };
  const value = flow.answers.values[last];
  const secret = flow.answers.secrets[last];
  return ask({
    ...flow,
    answers: withoutAnswer(flow.answers, last),
    asked: flow.asked.slice(0, -1),
    suggested: value !== undefined && value !== '' ? { ...flow.suggested, [last]: value } : flow.suggested,
    kept: secret ? { ...flow.kept, [last]: secret.reveal() } : flow.kept,
  });
}

function flowOf(s: WizardState): Flow | undefined {
  return 'flow' in s ? s.flow : undefined;
}

const RETRY_LABEL = (e: Extract<ApplyEvent, { type: 'retrying' }>) => retryText(e);

function progressOf(p: StepProgress | undefined, e: ApplyEvent): StepProgress {
  switch (e.type) {
    case 'started':
      return { status: 'running' };
    case 'retrying':
      return { ...(p ?? { status: 'running' }), notice: RETRY_LABEL(e) };
    case 'done':
      return { status: 'done', ms: e.ms, detail: e.detail };
    case 'exists':
      return { status: 'exists', ms: e.ms, detail: e.detail };
    case 'failed':
      return { status: 'failed', ms: e.ms, detail: e.message };
    case 'skipped':
      return { status: 'skipped', detail: e.reason };
    default:
      return assertNever(e);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unhandled: ${JSON.stringify(x)}`);
}

export function wizardReducer(s: WizardState, a: WizardAction): WizardState {
  switch (a.type) {
    case 'want-live':
      return { tag: 'credentials' };
    case 'live-failed':
      return { tag: 'credentials', error: a.message };
    case 'start':
      return a.runs.length ? { tag: 'runs', runs: a.runs } : { tag: 'pick-recipe' };
    case 'new-run':
      return { tag: 'pick-recipe' };
    case 'leave-pick':
      if (s.tag !== 'pick-recipe') return s;
      if (a.runs.length) return { tag: 'runs', runs: a.runs };
      return a.offerLive ? { tag: 'mode' } : s;
    case 'pick':
      return ask({ recipe: a.recipe, answers: a.preset, asked: [], suggested: a.suggested });
    case 'answer': {
      if (s.tag !== 'question') return s;
      const r = validateAnswer(s.question, a.value, s.flow.recipe);
      if (!r.ok) return { ...s, error: r.message };
      const flow = { ...s.flow, answers: withAnswer(s.flow.answers, s.question, r.value, a.source ?? 'prompt'), asked: [...s.flow.asked, s.question.id] };
      return ask(flow);
    }
    case 'invalid':
      return s.tag === 'question' ? { ...s, error: a.message } : s;
    case 'back': {
      const flow = flowOf(s);
      if (s.tag === 'question' || s.tag === 'auth' || s.tag === 'plan' || s.tag === 'error') {
        if (!flow) return s.tag === 'error' ? { tag: 'pick-recipe' } : s;
        // a flow rebuilt from the journal came from the "Already set up here" menu: back there
        if (flow.fromState) return { tag: 'busy', label: 'Reading the state journal', task: 'start' };
        // from the plan, one step back is the authentication decision it was made from
        if (s.tag === 'plan') return { tag: 'auth', flow, inputs: s.inputs };
        return back(flow);
      }
      return s;
    }
    case 'busy':
      return { tag: 'busy', label: a.label, task: a.task, flow: flowOf(s), inputs: 'inputs' in s ? s.inputs : undefined, plan: 'plan' in s ? s.plan : undefined };
    case 'inputs-ready':
      return { tag: 'auth', flow: a.flow, inputs: a.inputs };
    case 'flow-from-state':
      return { tag: 'busy', label: a.task ? 'Rendering the partner configs' : 'Reading the trunk and planning', task: a.task, flow: a.flow, inputs: a.inputs };
    case 'planned':
      return { tag: 'plan', flow: a.flow, inputs: a.inputs, plan: a.plan };
    case 'notice':
      return s.tag === 'plan' ? { ...s, notice: a.text } : s;
    case 'apply-started':
      if (s.tag !== 'plan') return s;
      return { tag: 'applying', flow: s.flow, inputs: s.inputs, plan: s.plan, progress: Object.fromEntries(s.plan.steps.map((st) => [st.id, { status: 'pending' as const }])), finished: [], interrupted: false };
    case 'apply-event': {
      if (s.tag !== 'applying') return s;
      const next = progressOf(s.progress[a.event.stepId], a.event);
      const ends = next.status !== 'running' && next.status !== 'pending' && !s.finished.includes(a.event.stepId);
      return { ...s, progress: { ...s.progress, [a.event.stepId]: next }, finished: ends ? [...s.finished, a.event.stepId] : s.finished };
    }
    case 'interrupt':
      if (s.tag === 'applying') return { ...s, interrupted: true };
      // Ctrl-C on a screen that only shows a finished result is a way out, not an interruption.
      if (s.tag === 'results' || s.tag === 'verified' || s.tag === 'torn-down') return { tag: 'exit', code: 0, farewell: a.farewell };
      if (s.tag === 'busy') return { tag: 'exit', code: 130, farewell: [`Stopped while: ${s.label}. Calls already sent finish first; run ${cliName()} verify to see what is configured.`] };
      return { tag: 'exit', code: 130, farewell: ['Stopped: nothing more was sent to Exotel in this session.'] };
    case 'applied': {
      if (s.tag !== 'applying') return s;
      // Ctrl-C after the last call had already gone out: everything is done, so the configs come next.
      if (s.interrupted && !a.result.ok) return { tag: 'interrupted', recipeId: s.plan.recipeId, steps: s.plan.steps, progress: s.progress };
      if (a.result.ok) return { tag: 'busy', label: 'Rendering the partner configs', task: 'render', flow: s.flow, inputs: s.inputs, plan: s.plan };
      const f = a.result.failed[0];
      const error: ShownError = f
        ? { what: `Step ${f.stepId} failed: ${f.message}`, cause: f.cause, fix: f.fix, details: a.result.failed.slice(1).map((x) => `${x.stepId}: ${x.message}`) }
        : { what: 'The plan did not finish.', fix: `Run ${cliName()} apply ${s.plan.recipeId} to resume.` };
      return { tag: 'error', error, retry: 'plan', flow: s.flow, inputs: s.inputs, plan: s.plan };
    }
    case 'rendered':
      return { tag: 'results', flow: a.flow, inputs: a.inputs, outputs: a.outputs, files: a.files, run: a.run, reveal: a.reveal ?? false };
    case 'toggle-reveal':
      return s.tag === 'results' ? { ...s, reveal: !s.reveal } : s;
    case 'verified':
      return { tag: 'verified', report: a.report };
    case 'ask-teardown':
      return { tag: 'confirm-teardown', recipeId: a.recipeId, trunkSid: a.trunkSid };
    case 'torn-down':
      return { tag: 'torn-down', recipeId: a.recipeId, trunkSid: a.trunkSid, deleted: a.deleted };
    case 'failed': {
      const flow = flowOf(s);
      return { tag: 'error', error: a.error, retry: a.retry, flow, inputs: 'inputs' in s ? s.inputs : undefined, plan: 'plan' in s ? s.plan : undefined };
    }
    case 'exit':
      return { tag: 'exit', code: a.code, farewell: a.farewell };
    default:
      return assertNever(a);
  }
}
