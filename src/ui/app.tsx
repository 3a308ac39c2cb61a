/**
 * The wizard's one effectful component: it calls the engine and dispatches what comes back to the pure
 * reducer; the screens only show state and report keys.
 */
import { Box, useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { AnswerSources } from '../core/engine/answers.js';
import type { Engine } from '../core/engine/engine.js';
import type { Inputs, Plan } from '../core/engine/types.js';
import type { Recipe } from '../core/recipes/schema.js';
import { Header } from './components/Header.js';
import { useColumns } from './components/use-columns.js';
import { UiContext, type UiSettings } from './components/ui-context.js';
import { exportAnswers, exportCurl } from './state/exports.js';
import { loadRecipesSafely, presetFor } from './state/recipes.js';
import { toShownError } from './state/shown-error.js';
import { initialState, wizardReducer, type Flow, type RetryTarget, type WizardState } from './state/wizard-reducer.js';
import { Screen, type ScreenHandlers } from './screen.js';
import type { LiveCredentials } from './screens/CredentialsScreen.js';
import { resultsFarewell } from './screens/ResultsScreen.js';
import { curlBaseUrl } from '../core/plan/curl-base.js';
import { cliName } from '../core/cli-name.js';

export interface AppProps {
  engine: Engine;
  openLive?: (c: LiveCredentials) => Promise<Engine>;
  recipeId?: string;
  /** adopt this trunk (apply --trunk-sid handed over to the wizard) */
  trunkSid?: string;
  preset?: AnswerSources;
  /** where the curl script and the answers file go (default: the working directory) */
  exportDir?: string;
  /** start with secrets revealed on the results screen (--show-secrets) */
  showSecrets?: boolean;
  ui: UiSettings;
  onExit: (code: number, engine: Engine) => void;
}

export function App(props: AppProps) {
  const { exit } = useApp();
  const [engine, setEngine] = useState(props.engine);
  const engineRef = useRef(props.engine);
  const [state, dispatch] = useReducer(wizardReducer, initialState(!!props.openLive && props.engine.mode === 'sandbox'));
  const [catalog] = useState(() => loadRecipesSafely(props.engine));
  const abortRef = useRef<AbortController | null>(null);
  const lastRecipe = useRef<string | undefined>(undefined);
  const recipeAsked = useRef(false);
  const stateRef = useRef<WizardState>(state);
  stateRef.current = state;
  const columns = useColumns();
  /** What leaving from the results screen (q, Enter or Ctrl-C) leaves in the terminal. */
  const farewellOf = (s: WizardState) => (s.tag === 'results' ? resultsFarewell(s.inputs, s.files, s.run, engineRef.current.label) : undefined);
  const fail = (e: unknown, retry: RetryTarget) => dispatch({ type: 'failed', error: toShownError(e), retry });

  const pick = (recipe: Recipe) => {
    const eng = engineRef.current;
    const { preset, suggested } = presetFor(recipe, props.preset ?? {}, eng.run(recipe.id)?.answers, eng.previousSecrets(recipe.id));
    dispatch({ type: 'pick', recipe, preset, suggested });
  };

  const begin = () => {
    try {
      if (props.recipeId && !recipeAsked.current) {
        recipeAsked.current = true;
        pick(engineRef.current.recipe(props.recipeId));
        return;
      }
      dispatch({ type: 'start', runs: engineRef.current.runs() });
    } catch (e) {
      fail(e, 'start');
    }
  };

  const plan = async (flow: Flow, inputs: Inputs) => {
    try {
      const { plan: p } = await engineRef.current.plan(inputs);
      dispatch({ type: 'planned', flow, inputs, plan: p });
    } catch (e) {
      fail(e, 'plan');
    }
  };

  const render = async (flow: Flow, inputs: Inputs) => {
    try {
      const eng = engineRef.current;
      const outputs = eng.render(inputs);
      const files = await eng.writeOutputs(inputs.recipe.id, outputs);
      dispatch({ type: 'rendered', flow, inputs, outputs, files, run: eng.run(inputs.recipe.id), reveal: !!props.showSecrets });
    } catch (e) {
      fail(e, 'render');
    }
  };

  const apply = async (flow: Flow, inputs: Inputs, p: Plan) => {
    const ac = new AbortController();
    abortRef.current = ac;
    dispatch({ type: 'apply-started' });
    try {
      const result = await engineRef.current.apply(p, inputs, { signal: ac.signal, onEvent: (event) => dispatch({ type: 'apply-event', event }) });
      dispatch({ type: 'applied', result });
    } catch (e) {
      if (ac.signal.aborted) dispatch({ type: 'applied', result: { ok: false, events: [], failed: [] } });
      else fail(e, 'plan');
    } finally {
      abortRef.current = null;
    }
    void flow;
  };

  const runTask = (id: string, task: 'verify' | 'teardown') => {
    lastRecipe.current = id;
    const eng = engineRef.current;
    if (task === 'verify') {
      dispatch({ type: 'busy', label: `Reading ${id}'s trunk at Exotel` });
      eng.verify(id).then((report) => dispatch({ type: 'verified', report }), (e: unknown) => fail(e, 'verify'));
    } else {
      dispatch({ type: 'busy', label: `Tearing down ${id}` });
      eng.teardown(id).then((r) => dispatch({ type: 'torn-down', recipeId: id, trunkSid: r.trunkSid, deleted: r.deletedCredentials }), (e: unknown) => fail(e, 'teardown'));
    }
  };

  const fromState = (id: string, then: 'plan' | 'render') => {
    lastRecipe.current = id;
    try {
      const eng = engineRef.current;
      const inputs = eng.inputsFromState(eng.requireRun(id));
      const flow: Flow = { recipe: inputs.recipe, answers: inputs.answers, asked: [], suggested: {}, fromState: true };
      dispatch({ type: 'flow-from-state', flow, inputs, task: then === 'render' ? 'render' : undefined });
      if (then === 'plan') void plan(flow, inputs);
    } catch (e) {
      fail(e, 'start');
    }
  };

  // Work that starts by itself when the machine lands in 'busy' with a task.
  useEffect(() => {
    if (state.tag !== 'busy' || !state.task) return;
    if (state.task === 'start') begin();
    else if (state.task === 'render' && state.flow && state.inputs) void render(state.flow, state.inputs);
    else if (state.task === 'inputs' && state.flow) {
      const flow = state.flow;
      try {
        dispatch({ type: 'inputs-ready', flow, inputs: engineRef.current.inputs(flow.recipe, flow.answers, { trunkSid: props.trunkSid }) });
      } catch (e) {
        fail(e, 'inputs');
      }
    }
  }, [state]);

  useEffect(() => {
    if (state.tag !== 'exit') return;
    props.onExit(state.code, engineRef.current);
    exit();
  }, [state]);

  useInput((input, key) => {
    if (!(key.ctrl && input === 'c')) return;
    const s = stateRef.current;
    if (s.tag === 'applying') abortRef.current?.abort();
    dispatch({ type: 'interrupt', farewell: farewellOf(s) });
  });

  const h: ScreenHandlers = {
    exit: (code, farewell) => dispatch({ type: 'exit', code, farewell: farewell ?? farewellOf(state) }),
    back: () => dispatch({ type: 'back' }),
    sandbox: () => dispatch({ type: 'busy', label: 'Reading the state journal', task: 'start' }),
    wantLive: () => dispatch({ type: 'want-live' }),
    live: (c) => {
      if (!props.openLive) return;
      dispatch({ type: 'busy', label: 'Connecting to Exotel' });
      props.openLive(c).then(
        (e) => {
          engineRef.current = e;
          setEngine(e);
          begin();
        },
        (e: unknown) => dispatch({ type: 'live-failed', message: toShownError(e).what }),
      );
    },
    runChoice: (c) => {
      if (c.action === 'new') dispatch({ type: 'new-run' });
      else if (c.action === 'quit') dispatch({ type: 'exit', code: 0 });
      else if (c.action === 'verify' || c.action === 'teardown') {
        if (c.action === 'teardown') dispatch({ type: 'ask-teardown', recipeId: c.recipeId, trunkSid: engineRef.current.run(c.recipeId)?.trunkSid });
        else runTask(c.recipeId, 'verify');
      } else fromState(c.recipeId, c.action === 'reapply' ? 'plan' : 'render');
    },
    teardown: (id, yes) => (yes ? runTask(id, 'teardown') : begin()),
    menu: () => begin(),
    pick,
    leavePick: () => dispatch({ type: 'leave-pick', runs: engineRef.current.runs(), offerLive: !!props.openLive && engineRef.current.mode === 'sandbox' }),
    answer: (value, source) => dispatch({ type: 'answer', value, source }),
    authContinue: () => {
      if (state.tag !== 'auth') return;
      dispatch({ type: 'busy', label: 'Reading the trunk and planning' });
      void plan(state.flow, state.inputs);
    },
    planChoice: (c) => {
      if (state.tag !== 'plan') return;
      const { flow, inputs, plan: p } = state;
      const dir = props.exportDir ?? process.cwd();
      if (c === 'apply') {
        if (p.steps.length) void apply(flow, inputs, p);
        else dispatch({ type: 'busy', label: 'Rendering the partner configs', task: 'render' });
      } else if (c === 'curl') exportCurl(p, curlBaseUrl(engineRef.current), dir).then((t) => dispatch({ type: 'notice', text: t }), (e: unknown) => dispatch({ type: 'notice', text: toShownError(e).what }));
      else if (c === 'answers') exportAnswers(inputs, dir).then((t) => dispatch({ type: 'notice', text: t }), (e: unknown) => dispatch({ type: 'notice', text: toShownError(e).what }));
      else if (c === 'back') dispatch({ type: 'back' });
      else dispatch({ type: 'exit', code: 0 });
    },
    reveal: () => dispatch({ type: 'toggle-reveal' }),
    errorChoice: (c) => {
      if (state.tag !== 'error') return;
      if (c === 'quit') {
        const id = state.flow?.recipe.id;
        const farewell = state.retry === 'inputs' || !id ? ['Stopped: nothing was sent to Exotel.'] : [`Stopped. The state is saved: ${cliName()} apply ${id} resumes where this run stopped.`];
        return dispatch({ type: 'exit', code: 1, farewell });
      }
      if (c === 'edit') return dispatch({ type: 'back' });
      const { flow, inputs } = state;
      const target = state.retry;
      if (target === 'inputs' && flow) dispatch({ type: 'busy', label: 'Checking the answers with the rules', task: 'inputs' });
      else if (target === 'plan' && flow && inputs) {
        dispatch({ type: 'busy', label: 'Reading the trunk and planning' });
        void plan(flow, inputs);
      } else if (target === 'render' && flow && inputs) dispatch({ type: 'busy', label: 'Rendering the partner configs', task: 'render' });
      else if ((target === 'verify' || target === 'teardown') && lastRecipe.current) runTask(lastRecipe.current, target);
      else begin();
    },
  };

  return (
    <UiContext.Provider value={props.ui}>
      <Box flexDirection="column" width={Math.max(20, columns - 1)}>
        {/* while the live credentials are typed, nothing is connected yet: say LIVE, not the sandbox left behind */}
        {state.tag === 'credentials' ? <Header mode="live" label="LIVE (not connected yet)" /> : <Header mode={engine.mode} label={engine.label} />}
        <Screen state={state} engine={engine} catalog={catalog} h={h} />
      </Box>
    </UiContext.Provider>
  );
}
