/**
 * The wizard as a pure state machine: which screen shows, with what data. Side effects (engine calls) live in
 * the App, which dispatches the outcomes here; so every transition is testable without rendering.
 */
import { applies, defaultFor, digestNeeded, nextQuestion, questionsFor, validateAnswer, withAnswer, withoutAnswer } from '../../core/engine/index.js';
import type { AnswerSet, AnswerSource, AnswerValue, ApplyEvent, ApplyResult, Inputs, PartnerOffer, Plan, Question, Recipe, RenderedOutput, RunState, VerifyReport, WrittenFile } from '../../core/engine/types.js';
import { finishCommand, interruptedLines } from '../../present/exits.js';
import type { ShownError } from '../../present/failure.js';
import { tornDownLines, type TornDown } from '../../present/teardown.js';
import type { CredentialsDraft } from '../screens/CredentialsScreen.js';
import { stepProgress, stepsDone, type StepProgress, type StepStatus } from '../../present/steps.js';

export type { ShownError };

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
  /** the question being changed from the review screen: once answered, back to the review */
  editing?: string;
  /** the partner's API, offered after the questions (LiveKit, ElevenLabs, Retell; issue 17) */
  partnerOffer?: PartnerOffer;
  /** the answer to that offer: true to set the partner side up through its API, false to paste */
  partnerApi?: boolean;
}

/** The review's id for the partner-API row (not a recipe question). */
export const PARTNER_API_ROW = '__partner_api';

export type { StepProgress, StepStatus };
export { stepsDone };

/** What "retry" on the error screen does again. */
export type RetryTarget = 'inputs' | 'plan' | 'apply' | 'render' | 'verify' | 'teardown' | 'start';
export type RunAction = 'verify' | 'reapply' | 'rerender' | 'teardown';
/** Work the App starts on its own when the machine lands in 'busy' (the rest starts from a key press). */
export type BusyTask = 'start' | 'inputs' | 'render';
/** What a 'busy' state is waiting on, when leaving it needs its own words. */
export type BusyWork = 'verify' | 'render' | 'connect';

export type WizardState =
  | { tag: 'mode' }
  | { tag: 'credentials'; error?: string; draft?: CredentialsDraft }
  | { tag: 'runs'; runs: RunState[] }
  | { tag: 'pick-recipe' }
  | { tag: 'question'; flow: Flow; question: Question; error?: string }
  /** the partner's API offered (after the questions); previous: the answer before a change from the review */
  | { tag: 'partner-api'; flow: Flow; previous?: boolean }
  /** every answer, each one editable, before the rules and the plan */
  | { tag: 'review'; flow: Flow }
  | { tag: 'busy'; label: string; task?: BusyTask; flow?: Flow; inputs?: Inputs; plan?: Plan; work?: BusyWork }
  | { tag: 'auth'; flow: Flow; inputs: Inputs }
  /** confirm: an export would overwrite a file; answersFile: where the answers were saved */
  | { tag: 'plan'; flow: Flow; inputs: Inputs; plan: Plan; notice?: string; confirm?: ExportKind; answersFile?: string }
  | { tag: 'applying'; flow: Flow; inputs: Inputs; plan: Plan; progress: Record<string, StepProgress>; finished: string[]; interrupted: boolean }
  | { tag: 'results'; flow: Flow; inputs: Inputs; outputs: RenderedOutput[]; files: WrittenFile[]; run?: RunState; reveal: boolean }
  | { tag: 'verified'; reports: VerifyReport[] }
  | ({ tag: 'torn-down' } & TornDown)
  | { tag: 'error'; error: ShownError; retry: RetryTarget; flow?: Flow; inputs?: Inputs; plan?: Plan }
  /** farewell: the lines left in the terminal; raw: text printed as it is after them (a config, unwrapped) */
  | { tag: 'exit'; code: number; farewell?: string[]; raw?: string };

export type ExportKind = 'curl' | 'answers';

export type WizardAction =
  | { type: 'want-live' }
  | { type: 'live-failed'; message: string; draft?: CredentialsDraft }
  | { type: 'start'; runs: RunState[] }
  | { type: 'new-run' }
  /** Esc on the partner list: back to the runs menu, or to the sandbox-or-live choice when that was offered */
  | { type: 'leave-pick'; runs: RunState[]; offerLive: boolean }
  | { type: 'pick'; recipe: Recipe; preset: AnswerSet; suggested: Record<string, AnswerValue>; offer?: PartnerOffer }
  /** the partner-API offer answered; offer: as it is now (after keys were typed) */
  | { type: 'partner-api'; use: boolean; offer?: PartnerOffer }
  | { type: 'answer'; value: AnswerValue; source?: AnswerSource }
  | { type: 'invalid'; message: string }
  | { type: 'back' }
  | { type: 'busy'; label: string; task?: BusyTask; work?: BusyWork }
  /** from the review screen: change one answer (then back to the review) */
  | { type: 'edit'; id: string }
  | { type: 'review-done' }
  | { type: 'inputs-ready'; flow: Flow; inputs: Inputs }
  | { type: 'flow-from-state'; flow: Flow; inputs: Inputs; task?: 'render' }
  | { type: 'planned'; flow: Flow; inputs: Inputs; plan: Plan }
  | { type: 'notice'; text: string; answersFile?: string }
  | { type: 'confirm-export'; kind?: ExportKind }
  | { type: 'apply-started' }
  | { type: 'apply-event'; event: ApplyEvent }
  /** farewell: what to leave on screen if this ends the wizard from a finished screen */
  | { type: 'interrupt'; farewell?: string[] }
  | { type: 'applied'; result: ApplyResult }
  | { type: 'rendered'; flow: Flow; inputs: Inputs; outputs: RenderedOutput[]; files: WrittenFile[]; run?: RunState; reveal?: boolean }
  | { type: 'toggle-reveal' }
  | { type: 'verified'; reports: VerifyReport[] }
  | ({ type: 'torn-down' } & TornDown)
  | { type: 'failed'; error: ShownError; retry: RetryTarget }
  | { type: 'exit'; code: number; farewell?: string[]; raw?: string };

export const initialState = (offerLive: boolean): WizardState => (offerLive ? { tag: 'mode' } : { tag: 'busy', label: 'Reading the state journal', task: 'start' });

/** The question to ask next, or the review of every answer when all are answered. */
function ask(flow: Flow, error?: string): WizardState {
  const question = nextQuestion(flow.recipe, flow.answers);
  if (!question && flow.partnerOffer && flow.partnerApi === undefined) return { tag: 'partner-api', flow: pruned(flow) };
  if (!question) return { tag: 'review', flow: { ...pruned(flow), editing: undefined } };
  return { tag: 'question', flow, question, error };
}

/**
 * Answers given on this screen to questions that no longer apply (the direction was changed on the review
 * screen, say): dropped, so the review lists only what will be used. Answers from flags and files stay.
 */
function pruned(flow: Flow): Flow {
  const digest = digestNeeded(flow.recipe, flow.answers);
  let answers = flow.answers;
  for (const q of questionsFor(flow.recipe)) {
    const src = answers.sources[q.id];
    if (!src || src === 'flag' || src === 'file' || src === 'env') continue;
    if (!applies(q, flow.recipe, answers, digest)) answers = withoutAnswer(answers, q.id);
  }
  return answers === flow.answers ? flow : { ...flow, answers, asked: flow.asked.filter((id) => id in answers.values || id in answers.secrets) };
}

/** Where the user is: question n of the ones that apply so far (later answers can add or remove some). */
export function questionNumber(flow: Flow): { n: number; of: number; about: boolean } {
  // The rest of the questions as the wizard will ask them if each takes its default (the suggestion, else the
  // question's default, else some text): only questions that can be asked, never the quiet ones.
  let a = flow.answers;
  const ahead: Question[] = [];
  for (let q = nextQuestion(flow.recipe, a); q && ahead.length < 100; q = nextQuestion(flow.recipe, a)) {
    ahead.push(q);
    a = withAnswer(a, q, flow.suggested[q.id] ?? defaultFor(q, a) ?? likelyAnswer(q), 'default');
  }
  // "about": a choice still ahead decides which other questions apply, so another answer can change the count
  const deciding = conditionKeys(flow.recipe);
  const about = ahead.slice(1).some((q) => (q.kind === 'select' || q.kind === 'confirm') && deciding.has(q.id)) || (!!ahead[0] && deciding.has(ahead[0].id) && ahead.length > 1);
  return { n: flow.asked.length + 1, of: flow.asked.length + Math.max(1, ahead.length), about };
}

/** Valid-looking text for the count ahead, by validator: an answer of the right shape decides as a real one would. */
const SAMPLE: Record<string, string> = { e164: '+910000000000', e164_list: '+910000000000', ipv4_public: '44.0.0.1', ipv4_public_list: '44.0.0.1', fqdn: 'example.com', host: 'example.com', hostport: 'example.com:5060', port: '5060', transport: 'tls', subdomain: 'example', daily_domain: 'example', url: 'https://example.com', wss_url: 'wss://example.com' };

function likelyAnswer(q: Question): AnswerValue {
  if (q.kind === 'confirm') return false;
  if (q.kind === 'select') return q.choices?.[0]?.value ?? '';
  if (q.optional) return q.kind === 'list' ? [] : '';
  const text = q.pattern?.example ?? SAMPLE[q.validate ?? ''] ?? 'x';
  return q.kind === 'list' ? [text] : text;
}

/** The answers (and `direction`) that some question's `when:` depends on. */
function conditionKeys(recipe: Recipe): Set<string> {
  const keys = new Set<string>(['direction', 'sip_credential']);
  const walk = (w: Question['when']) => {
    if (!w) return;
    for (const k of Object.keys(w.answers ?? {})) keys.add(k);
    for (const k of w.answered ?? []) keys.add(k);
    for (const x of w.any ?? []) walk(x);
  };
  for (const q of questionsFor(recipe)) walk(q.when);
  return keys;
}

/** Review → one question: its answer is dropped and offered as the default (a secret as "keep"). */
function edit(flow: Flow, id: string): WizardState {
  if (id === PARTNER_API_ROW) return { tag: 'partner-api', flow: { ...flow, partnerApi: undefined }, previous: flow.partnerApi };
  const value = flow.answers.values[id];
  const secret = flow.answers.secrets[id];
  return ask({
    ...flow,
    answers: withoutAnswer(flow.answers, id),
    asked: flow.asked.filter((x) => x !== id),
    suggested: value !== undefined && value !== '' ? { ...flow.suggested, [id]: value } : flow.suggested,
    kept: secret ? { ...flow.kept, [id]: secret.reveal() } : flow.kept,
    editing: id,
  });
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

/** Esc on a question opened from the review: its old answer goes back in, and so does the review. */
function editBackOut(s: Extract<WizardState, { tag: 'question' }>): WizardState {
  const { flow, question } = s;
  const old = flow.suggested[question.id];
  const kept = flow.kept?.[question.id];
  if (old === undefined && kept === undefined) return back({ ...flow, editing: undefined });
  const answers = withAnswer(flow.answers, question, kept ?? old!, 'prompt');
  return { tag: 'review', flow: { ...flow, answers, asked: [...flow.asked, question.id], editing: undefined } };
}


const titleOf = (plan: Plan, stepId: string) => plan.steps.find((x) => x.id === stepId)?.title ?? stepId;

function flowOf(s: WizardState): Flow | undefined {
  return 'flow' in s ? s.flow : undefined;
}

export function assertNever(x: never): never {
  throw new Error(`unhandled: ${JSON.stringify(x)}`);
}

/** Esc: one screen back, to what the screen was made from. */
function backFrom(s: WizardState): WizardState {
  const flow = flowOf(s);
  if (s.tag !== 'question' && s.tag !== 'review' && s.tag !== 'auth' && s.tag !== 'plan' && s.tag !== 'error' && s.tag !== 'partner-api') return s;
  if (!flow) return s.tag === 'error' ? { tag: 'pick-recipe' } : s;
  // a flow rebuilt from the journal came from the "Already set up here" menu: back there
  if (flow.fromState) return { tag: 'busy', label: 'Reading the state journal', task: 'start' };
  // from the plan, one step back is the authentication decision it was made from
  if (s.tag === 'plan') return { tag: 'auth', flow, inputs: s.inputs };
  // from the rules' verdict (or their refusal), back to the review of every answer
  if (s.tag === 'auth' || (s.tag === 'error' && !nextQuestion(flow.recipe, flow.answers))) return { tag: 'review', flow };
  // a question opened from the review: Esc returns there with the answer as it was
  if (s.tag === 'question' && flow.editing) return editBackOut(s);
  // the partner-API offer changed from the review: Esc keeps the answer it had
  if (s.tag === 'partner-api' && s.previous !== undefined) return { tag: 'review', flow: { ...flow, partnerApi: s.previous } };
  // from the review, one step back is the partner-API offer (when there was one)
  if (s.tag === 'review' && flow.partnerOffer && flow.partnerApi !== undefined) return { tag: 'partner-api', flow: { ...flow, partnerApi: undefined } };
  return back(flow);
}

function answered(s: WizardState, a: Extract<WizardAction, { type: 'answer' }>): WizardState {
  if (s.tag !== 'question') return s;
  const r = validateAnswer(s.question, a.value, s.flow.recipe);
  if (!r.ok) return { ...s, error: r.message };
  return ask({ ...s.flow, answers: withAnswer(s.flow.answers, s.question, r.value, a.source ?? 'prompt'), asked: [...s.flow.asked, s.question.id], editing: undefined });
}

function stepEvent(s: WizardState, a: Extract<WizardAction, { type: 'apply-event' }>): WizardState {
  if (s.tag !== 'applying') return s;
  const next = stepProgress(s.progress[a.event.stepId], a.event);
  const ends = next.status !== 'running' && next.status !== 'pending' && !s.finished.includes(a.event.stepId);
  return { ...s, progress: { ...s.progress, [a.event.stepId]: next }, finished: ends ? [...s.finished, a.event.stepId] : s.finished };
}

function interrupted(s: WizardState, a: Extract<WizardAction, { type: 'interrupt' }>): WizardState {
  if (s.tag === 'applying') {
    // a second Ctrl-C while the calls in flight finish: leave now, saying what may have gone through
    if (s.interrupted) return { tag: 'exit', code: 130, farewell: [`Stopped without waiting for the calls in flight: ${stepsDone(s.plan.steps, s.progress)} of ${s.plan.steps.length} steps are known to be done.`, `${s.plan.purpose === 'teardown' ? 'Finish' : 'Resume'} with: ${finishCommand(s.plan)} (it reads Exotel first, so nothing is done twice)`] };
    return { ...s, interrupted: true };
  }
  // Ctrl-C on a screen that only shows a finished result is a way out, not an interruption.
  if (s.tag === 'results' || s.tag === 'verified' || s.tag === 'torn-down') return { tag: 'exit', code: 0, farewell: a.farewell };
  return { tag: 'exit', code: 130, farewell: a.farewell };
}

/** The plan ran: the configs next (a setup), or what failed on the error screen, or the way out after Ctrl-C. */
function ran(s: WizardState, a: Extract<WizardAction, { type: 'applied' }>): WizardState {
  if (s.tag !== 'applying') return s;
  // Ctrl-C after the last call had already gone out: everything is done, so the configs come next.
  if (s.interrupted && !a.result.ok) return { tag: 'exit', code: 130, farewell: interruptedLines(s.plan, s.progress) };
  if (a.result.ok) return { tag: 'busy', label: 'Rendering the partner configs', task: 'render', work: 'render', flow: s.flow, inputs: s.inputs, plan: s.plan };
  const f = a.result.failed[0];
  const error: ShownError = f
    ? { what: `${titleOf(s.plan, f.stepId)} failed: ${f.message}`, cause: f.cause, fix: f.fix, details: a.result.failed.slice(1).map((x) => `${titleOf(s.plan, x.stepId)}: ${x.message}`) }
    : { what: 'The plan did not finish.', fix: `Run ${finishCommand(s.plan)} to resume.` };
  return { tag: 'error', error, retry: s.plan.purpose === 'teardown' ? 'teardown' : 'plan', flow: s.flow, inputs: s.inputs, plan: s.plan };
}

function tornDown(s: WizardState, a: Extract<WizardAction, { type: 'torn-down' }>): WizardState {
  // Ctrl-C came after the last delete had gone out: it is all done; say so and stop
  if (s.tag === 'applying' && s.interrupted) return { tag: 'exit', code: 130, farewell: [...tornDownLines(a), 'Stopped after the teardown finished (Ctrl-C).'] };
  return { tag: 'torn-down', recipeId: a.recipeId, trunkSid: a.trunkSid, deleted: a.deleted, partner: a.partner, direction: a.direction, removedConfigs: a.removedConfigs, deletedAtPartner: a.deletedAtPartner, keptFor: a.keptFor };
}

/** One handler per action: a missing one is a type error, so the machine stays exhaustive. */
const REDUCERS: { [T in WizardAction['type']]: (s: WizardState, a: Extract<WizardAction, { type: T }>) => WizardState } = {
  'want-live': () => ({ tag: 'credentials' }),
  'live-failed': (_s, a) => ({ tag: 'credentials', error: a.message, draft: a.draft }),
  start: (_s, a) => (a.runs.length ? { tag: 'runs', runs: a.runs } : { tag: 'pick-recipe' }),
  'new-run': () => ({ tag: 'pick-recipe' }),
  'leave-pick': (s, a) => (s.tag !== 'pick-recipe' ? s : a.runs.length ? { tag: 'runs', runs: a.runs } : a.offerLive ? { tag: 'mode' } : s),
  pick: (_s, a) => ask({ recipe: a.recipe, answers: a.preset, asked: [], suggested: a.suggested, partnerOffer: a.offer }),
  'partner-api': (s, a) => (s.tag === 'partner-api' ? { tag: 'review', flow: { ...s.flow, partnerApi: a.use, partnerOffer: a.offer ?? s.flow.partnerOffer, editing: undefined } } : s),
  answer: answered,
  invalid: (s, a) => (s.tag === 'question' ? { ...s, error: a.message } : s),
  back: backFrom,
  edit: (s, a) => (s.tag === 'review' ? edit(s.flow, a.id) : s),
  'review-done': (s) => (s.tag === 'review' ? { tag: 'busy', label: 'Checking the answers with the rules', task: 'inputs', flow: s.flow } : s),
  busy: (s, a) => ({ tag: 'busy', label: a.label, task: a.task, work: a.work, flow: flowOf(s), inputs: 'inputs' in s ? s.inputs : undefined, plan: 'plan' in s ? s.plan : undefined }),
  'inputs-ready': (_s, a) => ({ tag: 'auth', flow: a.flow, inputs: a.inputs }),
  'flow-from-state': (_s, a) => ({ tag: 'busy', label: a.task ? 'Rendering the partner configs' : 'Reading the trunk and planning', task: a.task, flow: a.flow, inputs: a.inputs }),
  planned: (_s, a) => ({ tag: 'plan', flow: a.flow, inputs: a.inputs, plan: a.plan }),
  notice: (s, a) => (s.tag === 'plan' ? { ...s, notice: a.text, confirm: undefined, answersFile: a.answersFile ?? s.answersFile } : s),
  'confirm-export': (s, a) => (s.tag === 'plan' ? { ...s, confirm: a.kind } : s),
  'apply-started': (s) =>
    s.tag !== 'plan' ? s : { tag: 'applying', flow: s.flow, inputs: s.inputs, plan: s.plan, progress: Object.fromEntries(s.plan.steps.map((st) => [st.id, { status: 'pending' as const }])), finished: [], interrupted: false },
  'apply-event': stepEvent,
  interrupt: interrupted,
  applied: ran,
  rendered: (_s, a) => ({ tag: 'results', flow: a.flow, inputs: a.inputs, outputs: a.outputs, files: a.files, run: a.run, reveal: a.reveal ?? false }),
  'toggle-reveal': (s) => (s.tag === 'results' ? { ...s, reveal: !s.reveal } : s),
  verified: (_s, a) => ({ tag: 'verified', reports: a.reports }),
  'torn-down': tornDown,
  failed: (s, a) => ({ tag: 'error', error: a.error, retry: a.retry, flow: flowOf(s), inputs: 'inputs' in s ? s.inputs : undefined, plan: 'plan' in s ? s.plan : undefined }),
  exit: (_s, a) => ({ tag: 'exit', code: a.code, farewell: a.farewell, raw: a.raw }),
};

export function wizardReducer(s: WizardState, a: WizardAction): WizardState {
  return (REDUCERS[a.type] as (s: WizardState, a: WizardAction) => WizardState)(s, a);
}
