/**
 * The wizard's session: the state machine, the engine in use (the sandbox, or the live one the user switched
 * to), and the few things every handler needs (leave with the right farewell, begin from the menu, pick a
 * recipe, fail onto the error screen). The App builds it; the effects (effects.ts) and the screen handlers
 * (screen-handlers.ts) work on it.
 */
import { useReducer, useRef, useState, type Dispatch, type MutableRefObject } from 'react';
import type { Engine, Recipe } from '../core/engine/types.js';
import { targetLabel } from '../present/target.js';
import type { SessionAccount } from '../present/exits.js';
import type { AppProps } from './app.js';
import { engineActions } from './engine-actions.js';
import { exitLines } from './state/exit-lines.js';
import { loadRecipesSafely, presetFor, type Catalog } from './state/recipes.js';
import { toShownError } from './state/shown-error.js';
import { initialState, wizardReducer, type RetryTarget, type WizardAction, type WizardState } from './state/wizard-reducer.js';

export interface Session {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  /** the engine on screen (re-renders the header when it changes) and the one calls go to */
  engine: Engine;
  engineRef: MutableRefObject<Engine>;
  setEngine: (e: Engine) => void;
  stateRef: MutableRefObject<WizardState>;
  catalog: Catalog;
  abortRef: MutableRefObject<AbortController | null>;
  lastRecipe: MutableRefObject<string | undefined>;
  actions: ReturnType<typeof engineActions>;
  fail: (e: unknown, retry: RetryTarget) => void;
  /** the lines left in the terminal when the wizard is left from `s` */
  linesFor: (s: WizardState) => string[];
  leave: (s: WizardState, code: number, raw?: string) => void;
  pick: (recipe: Recipe) => void;
  begin: () => void;
  /** LIVE credentials typed for this session only (not saved): the exit lines say how to reach the account again */
  sessionAccount: MutableRefObject<SessionAccount | undefined>;
  /** the engine's credentials were accepted by one read (typed ones are checked as they are opened) */
  accessChecked: MutableRefObject<boolean>;
}

function firstState(props: AppProps): WizardState {
  if (props.start === 'live') return { tag: 'credentials' };
  if (props.start === 'sandbox') return initialState(false);
  return initialState(!!props.openLive && props.engine.mode === 'sandbox');
}

export function useSession(props: AppProps): Session {
  const [engine, setEngine] = useState(props.engine);
  const engineRef = useRef(props.engine);
  const [state, dispatch] = useReducer(wizardReducer, props, firstState);
  const [catalog] = useState(() => loadRecipesSafely(props.engine));
  const abortRef = useRef<AbortController | null>(null);
  const lastRecipe = useRef<string | undefined>(undefined);
  const recipeAsked = useRef(false);
  const stateRef = useRef<WizardState>(state);
  stateRef.current = state;
  /** what this session changed at Exotel, for a way out from a later screen that changed nothing itself */
  const changed = useRef<string[]>([]);
  const sessionAccount = useRef<SessionAccount | undefined>(undefined);
  // credentials from the environment or a profile are checked with one read before the first screen that asks
  const accessChecked = useRef(props.engine.mode === 'sandbox');
  const fail = (e: unknown, retry: RetryTarget) => dispatch({ type: 'failed', error: toShownError(e), retry });
  const linesFor = (s: WizardState) => {
    const lines = exitLines(s, targetLabel(engineRef.current).label);
    if (!changed.current.length || !lines[0]?.startsWith('Nothing changed at Exotel')) return lines;
    return [lines[0].replace('Nothing changed at Exotel', 'Nothing more changed at Exotel'), ...lines.slice(1), `Earlier in this session: ${changed.current.join('; ')}.`];
  };
  const pick = (recipe: Recipe) => {
    const eng = engineRef.current;
    const { preset, suggested } = presetFor(recipe, props.preset ?? {}, eng.run(recipe.id)?.answers, eng.previousSecrets(recipe.id));
    dispatch({ type: 'pick', recipe, preset, suggested, offer: eng.partners.offer(recipe.id) });
  };
  const begin = () => {
    if (!accessChecked.current) {
      dispatch({ type: 'busy', label: 'Checking the credentials with one read at Exotel', work: 'connect' });
      engineRef.current.checkAccess().then(
        () => {
          accessChecked.current = true;
          begin();
        },
        (e: unknown) => fail(e, 'start'),
      );
      return;
    }
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
  const actions = engineActions({ engine: () => engineRef.current, dispatch, fail, abort: abortRef, changed, lastRecipe, showSecrets: !!props.showSecrets, exportDir: props.exportDir });
  return {
    state,
    dispatch,
    engine,
    engineRef,
    setEngine: (e) => {
      engineRef.current = e;
      setEngine(e);
    },
    stateRef,
    catalog,
    abortRef,
    lastRecipe,
    actions,
    fail,
    linesFor,
    /** leave from the state on screen: it decides the line left behind */
    leave: (s, code, raw) => dispatch({ type: 'exit', code, farewell: linesFor(s), raw }),
    pick,
    begin,
    sessionAccount,
    accessChecked,
  };
}
