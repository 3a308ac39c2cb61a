/** Which screen shows for a state: a plain switch, exhaustive over the state tags. */
import type { Engine } from '../core/engine/engine.js';
import type { AnswerSource, AnswerValue } from '../core/engine/types.js';
import type { Recipe } from '../core/recipes/schema.js';
import type { Catalog } from './state/recipes.js';
import { assertNever, type RunAction, type WizardState } from './state/wizard-reducer.js';
import { ApplyScreen } from './screens/ApplyScreen.js';
import { AuthScreen } from './screens/AuthScreen.js';
import { CredentialsScreen, type LiveCredentials } from './screens/CredentialsScreen.js';
import { ErrorScreen, type ErrorChoice } from './screens/ErrorScreen.js';
import { InterruptedScreen } from './screens/InterruptedScreen.js';
import { ModeScreen } from './screens/ModeScreen.js';
import { PickRecipeScreen } from './screens/PickRecipeScreen.js';
import { PlanScreen, type PlanChoice } from './screens/PlanScreen.js';
import { QuestionScreen } from './screens/QuestionScreen.js';
import { Farewell, ResultsScreen } from './screens/ResultsScreen.js';
import { RunsScreen } from './screens/RunsScreen.js';
import { ConfirmTeardownScreen, TornDownScreen } from './screens/TeardownScreens.js';
import { VerifyScreen } from './screens/VerifyScreen.js';
import { Working } from './components/Working.js';

export interface ScreenHandlers {
  /** farewell: the lines left on screen (and in scrollback) once the wizard is gone */
  exit: (code: number, farewell?: string[]) => void;
  back: () => void;
  sandbox: () => void;
  wantLive: () => void;
  live: (c: LiveCredentials) => void;
  runChoice: (c: { action: RunAction; recipeId: string } | { action: 'new' } | { action: 'quit' }) => void;
  teardown: (recipeId: string, yes: boolean) => void;
  menu: () => void;
  pick: (r: Recipe) => void;
  leavePick: () => void;
  answer: (v: AnswerValue, source?: AnswerSource) => void;
  authContinue: () => void;
  planChoice: (c: PlanChoice) => void;
  reveal: () => void;
  errorChoice: (c: ErrorChoice) => void;
}

export function Screen({ state: s, engine, catalog, h }: { state: WizardState; engine: Engine; catalog: Catalog; h: ScreenHandlers }) {
  switch (s.tag) {
    case 'mode':
      return <ModeScreen onSandbox={h.sandbox} onLive={h.wantLive} />;
    case 'credentials':
      return <CredentialsScreen error={s.error} onDone={h.live} onCancel={h.sandbox} />;
    case 'runs':
      return <RunsScreen runs={s.runs} onChoose={h.runChoice} />;
    case 'pick-recipe':
      return <PickRecipeScreen recipes={catalog.recipes} broken={catalog.broken} onPick={h.pick} onBack={h.leavePick} />;
    case 'question':
      return <QuestionScreen flow={s.flow} question={s.question} error={s.error} previousSecret={s.flow.kept?.[s.question.id] ?? engine.previousSecrets(s.flow.recipe.id)[s.question.id]} onAnswer={h.answer} onBack={h.back} />;
    case 'busy':
      return <Working label={s.label} />;
    case 'auth':
      return <AuthScreen inputs={s.inputs} onContinue={h.authContinue} onBack={h.back} />;
    case 'plan':
      return <PlanScreen plan={s.plan} mode={engine.mode} label={engine.label} notice={s.notice} onChoose={h.planChoice} />;
    case 'applying':
      return <ApplyScreen plan={s.plan} progress={s.progress} finished={s.finished} interrupted={s.interrupted} />;
    case 'results':
      return <ResultsScreen inputs={s.inputs} outputs={s.outputs} files={s.files} run={s.run} reveal={s.reveal} onReveal={h.reveal} onDone={() => h.exit(0)} />;
    case 'verified':
      return <VerifyScreen report={s.report} onDone={h.menu} />;
    case 'confirm-teardown':
      return <ConfirmTeardownScreen recipeId={s.recipeId} trunkSid={s.trunkSid} live={engine.mode === 'live'} onAnswer={(yes) => h.teardown(s.recipeId, yes)} />;
    case 'torn-down':
      return <TornDownScreen recipeId={s.recipeId} trunkSid={s.trunkSid} deleted={s.deleted} onDone={h.menu} />;
    case 'interrupted':
      return <InterruptedScreen recipeId={s.recipeId} steps={s.steps} progress={s.progress} onDone={() => h.exit(130)} />;
    case 'error':
      return <ErrorScreen error={s.error} canEdit={!!s.flow && !s.flow.fromState} refusedAnswers={s.retry === 'inputs'} onChoose={h.errorChoice} />;
    case 'exit':
      // The last frame is what stays in the terminal: a short summary, never the long results (Ink redraws a
      // frame taller than the terminal from the top, so they would not survive in the scrollback anyway).
      return s.farewell?.length ? <Farewell lines={s.farewell} /> : null;
    default:
      return assertNever(s);
  }
}
