/**
 * What each screen's keys do: one handler per thing a screen can report, each a dispatch to the reducer or an
 * engine call (engine-actions.ts). Built from the session on every render, so each sees the state on screen.
 */
import type { AppProps } from './app.js';
import type { ScreenHandlers } from './screen.js';
import type { RunChoice } from './screens/RunsScreen.js';
import { isTrunkless } from './screens/RunsScreen.js';
import type { ErrorChoice } from './screens/ErrorScreen.js';
import type { PlanChoice } from './screens/PlanScreen.js';
import type { LiveCredentials } from './screens/CredentialsScreen.js';
import type { Session } from './session.js';
import { toShownError } from './state/shown-error.js';

export function screenHandlers(s: Session, props: Pick<AppProps, 'openLive'>): ScreenHandlers {
  const { state, dispatch, leave, begin } = s;
  return {
    quit: (code, raw) => leave(state, code, raw),
    back: () => dispatch({ type: 'back' }),
    sandbox: () => dispatch({ type: 'busy', label: 'Reading the state journal', task: 'start' }),
    wantLive: () => dispatch({ type: 'want-live' }),
    live: (c) => live(s, props, c),
    runChoice: (c) => runChoice(s, c),
    menu: () => begin(),
    repair: (recipeId) => s.actions.fromState(recipeId, 'plan'),
    pick: s.pick,
    leavePick: () => dispatch({ type: 'leave-pick', runs: s.engineRef.current.runs(), offerLive: !!props.openLive && s.engineRef.current.mode === 'sandbox' }),
    answer: (value, source) => dispatch({ type: 'answer', value, source }),
    partnerApi: (c) => {
      if (state.tag !== 'partner-api' || !state.flow.partnerOffer) return;
      const eng = s.engineRef.current;
      // typed keys go to the engine for this session (and to the profile once the partner accepts them)
      if (c.keys) eng.partners.useKeys(state.flow.partnerOffer.partner, c.keys, { save: !!c.save });
      dispatch({ type: 'partner-api', use: c.use, offer: c.keys ? eng.partners.offer(state.flow.recipe.id) : undefined });
    },
    edit: (id) => dispatch({ type: 'edit', id }),
    reviewDone: () => dispatch({ type: 'review-done' }),
    authContinue: () => {
      if (state.tag !== 'auth') return;
      dispatch({ type: 'busy', label: 'Reading the trunk and planning' });
      void s.actions.plan(state.flow, state.inputs);
    },
    planChoice: (c) => planChoice(s, c),
    confirmExport: (kind, yes) => (yes ? s.actions.doExport(state, kind, true) : dispatch({ type: 'confirm-export', kind: undefined })),
    reveal: () => dispatch({ type: 'toggle-reveal' }),
    errorChoice: (c) => errorChoice(s, c),
  };
}

/** Live credentials typed: checked with one read at Exotel, then the live engine is the one in use. */
function live(s: Session, props: Pick<AppProps, 'openLive'>, c: LiveCredentials): void {
  if (!props.openLive) return;
  s.dispatch({ type: 'busy', label: 'Checking the credentials with one read at Exotel', work: 'connect' });
  props.openLive(c).then(
    (e) => {
      s.accessChecked.current = true; // openLive checked them before making the engine
      s.sessionAccount.current = c.saveProfile ? undefined : { accountSid: c.accountSid, apiKey: c.apiKey || c.accountSid, region: e.region === 'custom' ? 'custom' : c.region };
      s.setEngine(e);
      s.begin();
    },
    (e: unknown) => {
      const shown = toShownError(e);
      s.dispatch({ type: 'live-failed', message: [shown.what, shown.fix].filter(Boolean).join(' '), draft: { accountSid: c.accountSid, apiKey: c.apiKey, region: c.region } });
    },
  );
}

function runChoice(s: Session, c: RunChoice): void {
  const { runTask, fromState } = s.actions;
  if (c.action === 'new') s.dispatch({ type: 'new-run' });
  else if (c.action === 'quit') s.leave(s.state, 0);
  else if (c.action === 'verify-all') runTask(s.engineRef.current.runs().filter((r) => r.trunkSid).map((r) => r.recipeId), 'verify');
  else if (c.action === 'teardown') runTask(c.recipeId, 'teardown');
  else if (c.action === 'verify') {
    const run = s.engineRef.current.run(c.recipeId);
    if (run && isTrunkless(run)) s.dispatch({ type: 'verified', reports: [{ recipeId: c.recipeId, trunkSid: '', inSync: true, items: [], checked: [], ms: 0 }] });
    else runTask(c.recipeId, 'verify');
  } else fromState(c.recipeId, c.action === 'reapply' ? 'plan' : 'render');
}

function planChoice(s: Session, c: PlanChoice): void {
  const { state } = s;
  if (state.tag !== 'plan') return;
  if (c === 'apply') void s.actions.apply(state.inputs, state.plan);
  else if (c === 'curl' || c === 'answers') s.actions.doExport(state, c, false);
  else if (c === 'back') s.dispatch({ type: 'back' });
  else s.leave(state, 0);
}

/** The error screen: quit, edit the answers, or retry what failed. */
function errorChoice(s: Session, c: ErrorChoice): void {
  const { state, dispatch } = s;
  if (state.tag !== 'error') return;
  if (c === 'quit') return s.leave(state, 1);
  if (c === 'edit') return dispatch({ type: 'back' });
  const { flow, inputs } = state;
  const target = state.retry;
  if (target === 'inputs' && flow) dispatch({ type: 'busy', label: 'Checking the answers with the rules', task: 'inputs' });
  else if (target === 'plan' && flow && inputs) {
    dispatch({ type: 'busy', label: 'Reading the trunk and planning' });
    void s.actions.plan(flow, inputs);
  } else if (target === 'render' && flow && inputs) dispatch({ type: 'busy', label: 'Rendering the partner configs', task: 'render', work: 'render' });
  else if ((target === 'verify' || target === 'teardown') && s.lastRecipe.current) s.actions.runTask(s.lastRecipe.current, target);
  else s.begin();
}
