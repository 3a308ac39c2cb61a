/** Which screen shows for a state: a plain switch, exhaustive over the state tags. */
import { profilesPath } from '../core/engine/light.js';
import type { AnswerSource, AnswerValue, Engine, Recipe } from '../core/engine/types.js';
import type { TargetLabel } from '../present/target.js';
import { otherTargetLines } from '../present/exits.js';
import type { Catalog } from './state/recipes.js';
import { exportFiles } from './state/exports.js';
import { assertNever, type ExportKind, type WizardState } from './state/wizard-reducer.js';
import { ApplyScreen } from './screens/ApplyScreen.js';
import { AuthScreen } from './screens/AuthScreen.js';
import { CredentialsScreen, type LiveCredentials } from './screens/CredentialsScreen.js';
import { ErrorScreen, type ErrorChoice } from './screens/ErrorScreen.js';
import { ModeScreen } from './screens/ModeScreen.js';
import { PartnerApiScreen, type PartnerApiChoice } from './screens/PartnerApiScreen.js';
import { PickRecipeScreen } from './screens/PickRecipeScreen.js';
import { PlanScreen, type PlanChoice } from './screens/PlanScreen.js';
import { QuestionScreen } from './screens/QuestionScreen.js';
import { ResultsScreen } from './screens/ResultsScreen.js';
import { ReviewScreen } from './screens/ReviewScreen.js';
import { RunsScreen, type RunChoice } from './screens/RunsScreen.js';
import { TornDownScreen } from './screens/TeardownScreens.js';
import { VerifyScreen } from './screens/VerifyScreen.js';
import { Working } from './components/Working.js';

export interface ScreenHandlers {
  /** leave the wizard from this screen: the line it leaves follows from the state (raw: text printed as it is) */
  quit: (code: number, raw?: string) => void;
  back: () => void;
  sandbox: () => void;
  wantLive: () => void;
  live: (c: LiveCredentials) => void;
  runChoice: (c: RunChoice) => void;
  menu: () => void;
  /** plan the repair of a setup verify found drifted (both sides) */
  repair: (recipeId: string) => void;
  pick: (r: Recipe) => void;
  leavePick: () => void;
  answer: (v: AnswerValue, source?: AnswerSource) => void;
  partnerApi: (c: PartnerApiChoice) => void;
  edit: (id: string) => void;
  reviewDone: () => void;
  authContinue: () => void;
  planChoice: (c: PlanChoice) => void;
  confirmExport: (kind: ExportKind, yes: boolean) => void;
  reveal: () => void;
  errorChoice: (c: ErrorChoice) => void;
}

export function Screen({ state: s, engine, target, catalog, h }: { state: WizardState; engine: Engine; target: TargetLabel; catalog: Catalog; h: ScreenHandlers }) {
  switch (s.tag) {
    case 'mode':
      return <ModeScreen onSandbox={h.sandbox} onLive={h.wantLive} onQuit={() => h.quit(0)} note={otherTargetLines(engine.elsewhere())} />;
    case 'credentials':
      return <CredentialsScreen error={s.error} initial={s.draft} onDone={h.live} onCancel={h.sandbox} />;
    case 'runs':
      return <RunsScreen runs={s.runs} onChoose={h.runChoice} />;
    case 'pick-recipe':
      return <PickRecipeScreen recipes={catalog.recipes} broken={catalog.broken} onPick={h.pick} onBack={h.leavePick} onQuit={() => h.quit(0)} />;
    case 'question':
      return <QuestionScreen flow={s.flow} question={s.question} error={s.error} previousSecret={s.flow.kept?.[s.question.id] ?? engine.previousSecrets(s.flow.recipe.id)[s.question.id]} onAnswer={h.answer} onBack={h.back} />;
    case 'partner-api': {
      // read again with the answers given (ElevenLabs' workspace answer picks its API host)
      const offer = engine.partners.offer(s.flow.recipe.id, s.flow.answers.values) ?? s.flow.partnerOffer!;
      return <PartnerApiScreen offer={offer} recipeTitle={s.flow.recipe.title} previous={s.previous} profilesFile={profilesPath()} check={(k) => engine.partners.checkKeys(offer.partner, k)} onDone={h.partnerApi} onBack={h.back} />;
    }
    case 'review':
      return <ReviewScreen flow={s.flow} onContinue={h.reviewDone} onEdit={h.edit} onBack={h.back} />;
    case 'busy':
      return <Working label={s.label} />;
    case 'auth':
      return <AuthScreen inputs={s.inputs} onContinue={h.authContinue} onBack={h.back} />;
    case 'plan':
      return <PlanScreen plan={s.plan} target={target} notice={s.notice} confirm={s.confirm} files={exportFiles(s.plan.recipeId)} onChoose={h.planChoice} onConfirm={h.confirmExport} />;
    case 'applying':
      return <ApplyScreen plan={s.plan} progress={s.progress} finished={s.finished} interrupted={s.interrupted} />;
    case 'results':
      return <ResultsScreen inputs={s.inputs} outputs={s.outputs} files={s.files} run={s.run} targetLabel={target.label} reveal={s.reveal} onReveal={h.reveal} onFinish={(raw) => h.quit(0, raw)} />;
    case 'verified':
      return <VerifyScreen reports={s.reports} onDone={h.menu} onRepair={h.repair} />;
    case 'torn-down':
      return <TornDownScreen t={s} onDone={h.menu} />;
    case 'error':
      return <ErrorScreen error={s.error} canEdit={!!s.flow && !s.flow.fromState} refusedAnswers={s.retry === 'inputs'} sentSomething={!!s.plan} onChoose={h.errorChoice} />;
    case 'exit':
      // The wizard is over: the lines it leaves are printed after Ink has gone (run-wizard), unwrapped.
      return null;
    default:
      return assertNever(s);
  }
}
