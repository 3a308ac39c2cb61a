/**
 * The wizard's one effectful component: it calls the engine and dispatches what comes back to the pure
 * reducer; the screens only show state and report keys. It lays every screen out within the terminal's
 * height (a taller frame makes Ink clear the screen and the scrollback on each redraw).
 */
import { Box, useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { AnswerSources, Engine, Recipe } from '../core/engine/types.js';
import { targetLabel } from '../present/target.js';
import { Header, headerRows } from './components/Header.js';
import { useTerminalSize } from './components/use-columns.js';
import { RoomContext, UiContext, type UiSettings } from './components/ui-context.js';
import { exitLines } from './state/exit-lines.js';
import { engineActions } from './engine-actions.js';
import { loadRecipesSafely, presetFor } from './state/recipes.js';
import { toShownError } from './state/shown-error.js';
import { initialState, wizardReducer, type RetryTarget, type WizardState } from './state/wizard-reducer.js';
import { Screen, type ScreenHandlers } from './screen.js';
import type { LiveCredentials } from './screens/CredentialsScreen.js';
import { isTrunkless } from './screens/RunsScreen.js';

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
  /** the sandbox-or-live choice, when the boot screen already asked it */
  start?: 'sandbox' | 'live';
  ui: UiSettings;
  /** farewell: the lines to leave in the terminal; raw: text to print as it is after them */
  onExit: (code: number, engine: Engine, farewell: string[], raw?: string) => void;
}

function firstState(props: AppProps): WizardState {
  if (props.start === 'live') return { tag: 'credentials' };
  if (props.start === 'sandbox') return initialState(false);
  return initialState(!!props.openLive && props.engine.mode === 'sandbox');
}

export function App(props: AppProps) {
  const { exit } = useApp();
  const [engine, setEngine] = useState(props.engine);
  const engineRef = useRef(props.engine);
  const [state, dispatch] = useReducer(wizardReducer, props, firstState);
  const [catalog] = useState(() => loadRecipesSafely(props.engine));
  const abortRef = useRef<AbortController | null>(null);
  const lastRecipe = useRef<string | undefined>(undefined);
  const recipeAsked = useRef(false);
  const stateRef = useRef<WizardState>(state);
  stateRef.current = state;
  // the settings' size (tests) wins: this component provides the settings below itself, so its own hook cannot see them
  const terminal = useTerminalSize();
  const { columns, rows } = props.ui.size ?? terminal;
  const target = targetLabel(engine);
  const fail = (e: unknown, retry: RetryTarget) => dispatch({ type: 'failed', error: toShownError(e), retry });
  /** what this session changed at Exotel, for a way out from a later screen that changed nothing itself */
  const changed = useRef<string[]>([]);
  const linesFor = (s: WizardState) => {
    const lines = exitLines(s, targetLabel(engineRef.current).label);
    if (!changed.current.length || !lines[0]?.startsWith('Nothing changed at Exotel')) return lines;
    return [lines[0].replace('Nothing changed at Exotel', 'Nothing more changed at Exotel'), ...lines.slice(1), `Earlier in this session: ${changed.current.join('; ')}.`];
  };
  /** leave from the state on screen: it decides the line left behind */
  const leave = (s: WizardState, code: number, raw?: string) => dispatch({ type: 'exit', code, farewell: linesFor(s), raw });

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

  const { plan, render, apply, runTask, fromState, doExport } = engineActions({
    engine: () => engineRef.current,
    dispatch,
    fail,
    abort: abortRef,
    changed,
    lastRecipe,
    showSecrets: !!props.showSecrets,
    exportDir: props.exportDir,
  });

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
    props.onExit(state.code, engineRef.current, state.farewell ?? [], state.raw);
    exit();
  }, [state]);

  useInput((input, key) => {
    if (!(key.ctrl && input === 'c')) return;
    const s = stateRef.current;
    if (s.tag === 'applying') abortRef.current?.abort();
    dispatch({ type: 'interrupt', farewell: linesFor(s) });
  });

  const h: ScreenHandlers = {
    quit: (code, raw) => leave(state, code, raw),
    back: () => dispatch({ type: 'back' }),
    sandbox: () => dispatch({ type: 'busy', label: 'Reading the state journal', task: 'start' }),
    wantLive: () => dispatch({ type: 'want-live' }),
    live: (c) => {
      if (!props.openLive) return;
      dispatch({ type: 'busy', label: 'Checking the credentials with one read at Exotel', work: 'connect' });
      props.openLive(c).then(
        (e) => {
          engineRef.current = e;
          setEngine(e);
          begin();
        },
        (e: unknown) => {
          const shown = toShownError(e);
          dispatch({ type: 'live-failed', message: [shown.what, shown.fix].filter(Boolean).join(' '), draft: { accountSid: c.accountSid, apiKey: c.apiKey, region: c.region } });
        },
      );
    },
    runChoice: (c) => {
      if (c.action === 'new') dispatch({ type: 'new-run' });
      else if (c.action === 'quit') leave(state, 0);
      else if (c.action === 'verify-all') runTask(engineRef.current.runs().filter((r) => r.trunkSid).map((r) => r.recipeId), 'verify');
      else if (c.action === 'teardown') runTask(c.recipeId, 'teardown');
      else if (c.action === 'verify') {
        const run = engineRef.current.run(c.recipeId);
        if (run && isTrunkless(run)) dispatch({ type: 'verified', reports: [{ recipeId: c.recipeId, trunkSid: '', inSync: true, items: [], checked: [], ms: 0 }] });
        else runTask(c.recipeId, 'verify');
      } else fromState(c.recipeId, c.action === 'reapply' ? 'plan' : 'render');
    },
    menu: () => begin(),
    pick,
    leavePick: () => dispatch({ type: 'leave-pick', runs: engineRef.current.runs(), offerLive: !!props.openLive && engineRef.current.mode === 'sandbox' }),
    answer: (value, source) => dispatch({ type: 'answer', value, source }),
    edit: (id) => dispatch({ type: 'edit', id }),
    reviewDone: () => dispatch({ type: 'review-done' }),
    authContinue: () => {
      if (state.tag !== 'auth') return;
      dispatch({ type: 'busy', label: 'Reading the trunk and planning' });
      void plan(state.flow, state.inputs);
    },
    planChoice: (c) => {
      if (state.tag !== 'plan') return;
      if (c === 'apply') void apply(state.inputs, state.plan);
      else if (c === 'curl' || c === 'answers') doExport(state, c, false);
      else if (c === 'back') dispatch({ type: 'back' });
      else leave(state, 0);
    },
    confirmExport: (kind, yes) => (yes ? doExport(state, kind, true) : dispatch({ type: 'confirm-export', kind: undefined })),
    reveal: () => dispatch({ type: 'toggle-reveal' }),
    errorChoice: (c) => {
      if (state.tag !== 'error') return;
      if (c === 'quit') return leave(state, 1);
      if (c === 'edit') return dispatch({ type: 'back' });
      const { flow, inputs } = state;
      const target = state.retry;
      if (target === 'inputs' && flow) dispatch({ type: 'busy', label: 'Checking the answers with the rules', task: 'inputs' });
      else if (target === 'plan' && flow && inputs) {
        dispatch({ type: 'busy', label: 'Reading the trunk and planning' });
        void plan(flow, inputs);
      } else if (target === 'render' && flow && inputs) dispatch({ type: 'busy', label: 'Rendering the partner configs', task: 'render', work: 'render' });
      else if ((target === 'verify' || target === 'teardown') && lastRecipe.current) runTask(lastRecipe.current, target);
      else begin();
    },
  };

  const compact = headerRows(rows) === 1;
  const room = { width: Math.max(20, columns - 1), height: Math.max(4, rows - 1 - headerRows(rows)) };
  // while the live credentials are typed and checked, nothing is connected yet: say LIVE, not the sandbox left behind
  const connecting = state.tag === 'credentials' || (state.tag === 'busy' && state.work === 'connect');
  const shown = connecting ? { kind: 'live' as const, label: 'LIVE', meaning: 'not connected yet: the credentials are checked first' } : target;
  return (
    <UiContext.Provider value={props.ui}>
      <RoomContext.Provider value={room}>
        <Box flexDirection="column" width={room.width}>
          <Header kind={shown.kind} label={shown.label} meaning={shown.meaning} compact={compact} />
          {/* on exit only the header stays; the lines to leave are printed after Ink has gone */}
          {state.tag === 'exit' ? null : <Screen state={state} engine={engine} target={target} catalog={catalog} h={h} />}
        </Box>
      </RoomContext.Provider>
    </UiContext.Provider>
  );
}
