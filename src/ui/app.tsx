/**
 * The wizard's one effectful component: its session (session.ts) calls the engine and dispatches what comes
 * back to the pure reducer, its effects (effects.ts) do the work a state names, and each screen's keys go to a
 * handler (screen-handlers.ts); the screens only show state and report keys. It lays every screen out within the
 * terminal's height (a taller frame makes Ink clear the screen and the scrollback on each redraw).
 */
import { Box } from 'ink';
import type { AnswerSources, Engine } from '../core/engine/types.js';
import { targetLabel } from '../present/target.js';
import { Header, headerRows } from './components/Header.js';
import { useTerminalSize } from './components/use-columns.js';
import { RoomContext, UiContext, type UiSettings } from './components/ui-context.js';
import { useWizardEffects } from './effects.js';
import { Screen } from './screen.js';
import { screenHandlers } from './screen-handlers.js';
import type { LiveCredentials } from './screens/CredentialsScreen.js';
import { useSession } from './session.js';

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

export function App(props: AppProps) {
  const session = useSession(props);
  useWizardEffects(session, props);
  const h = screenHandlers(session, props);
  const { state, engine, catalog } = session;
  // the settings' size (tests) wins: this component provides the settings below itself, so its own hook cannot see them
  const terminal = useTerminalSize();
  const { columns, rows } = props.ui.size ?? terminal;
  const target = targetLabel(engine);
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
