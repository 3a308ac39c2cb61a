/**
 * Entry of the interactive wizard: renders the Ink app and resolves with the exit code (0 done, 1 failed,
 * 130 interrupted). The command file lazy-imports this module, so Ink and React load only for the wizard.
 *
 * The first frame (the header that says where calls go, and a "starting" line) needs nothing but Ink: the
 * engine, the recipes and the screens load behind it and replace the line a moment later.
 */
import { render, Text } from 'ink';
import { useEffect, useState, type ComponentType } from 'react';
import type { AnswerSources } from '../core/engine/answers.js';
import type { Engine } from '../core/engine/engine.js';
import type { Secret } from '../core/secret.js';
import type { AppProps } from './app.js';
import { Header } from './components/Header.js';
import { UiContext, uiSettingsFromEnv, type UiSettings } from './components/ui-context.js';

export interface RunWizardOptions {
  /** the engine, or a way to open it once the first frame is on screen */
  engine: Engine | (() => Promise<Engine>);
  /** what the header says before the engine is open (taken from the engine when one is given) */
  target?: { mode: 'sandbox' | 'live'; label: string };
  openLive?: (c: { accountSid: string; apiKey: string; apiToken: Secret; region: 'in' | 'sg'; saveProfile: boolean }) => Promise<Engine>;
  showSecrets?: boolean;
  recipeId?: string;
  /** adopt this trunk (apply --trunk-sid) */
  trunkSid?: string;
  /** answers already given (flags, file, environment); a function is called once the first frame is drawn */
  preset?: AnswerSources | (() => AnswerSources);
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** where the curl script and answers file are written (default: the working directory) */
  exportDir?: string;
}

type Loaded = { App: ComponentType<AppProps>; engine: Engine; preset: AnswerSources };

function Boot({ opts, ui, onEngine, onExit, onFailed }: { opts: RunWizardOptions; ui: UiSettings; onEngine: (e: Engine) => void; onExit: AppProps['onExit']; onFailed: (e: unknown) => void }) {
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    // After the first frame is out: loading the rest compiles a lot of code on this one thread.
    const t = setTimeout(() => {
      const engine = typeof opts.engine === 'function' ? opts.engine() : Promise.resolve(opts.engine);
      Promise.all([import('./app.js'), engine]).then(([m, e]) => {
        onEngine(e);
        const preset = (typeof opts.preset === 'function' ? opts.preset() : opts.preset) ?? { env: process.env };
        setLoaded({ App: m.App, engine: e, preset });
      }, onFailed);
    }, 0);
    return () => clearTimeout(t);
  }, []);
  if (!loaded) {
    const target = opts.target ?? (typeof opts.engine === 'function' ? { mode: 'sandbox' as const, label: 'SANDBOX' } : { mode: opts.engine.mode, label: opts.engine.label });
    return (
      <UiContext.Provider value={ui}>
        <Header mode={target.mode} label={target.label} />
        {/* plain text, not a spinner: the spinner library is not worth loading for a fraction of a second */}
        <Text dimColor>Starting…</Text>
      </UiContext.Provider>
    );
  }
  const { App, engine, preset } = loaded;
  return (
    <App
      engine={engine}
      openLive={opts.openLive}
      recipeId={opts.recipeId}
      trunkSid={opts.trunkSid}
      preset={preset}
      exportDir={opts.exportDir}
      showSecrets={opts.showSecrets}
      ui={ui}
      onExit={onExit}
    />
  );
}

/** Resolves with the exit code. The caller closes the engine it gave (or opened through the thunk). */
export async function runWizard(opts: RunWizardOptions): Promise<number> {
  let code = 1;
  let initial: Engine | undefined;
  let last: Engine | undefined;
  let failure: unknown;
  const app = render(
    <Boot
      opts={opts}
      ui={uiSettingsFromEnv()}
      onEngine={(e) => (initial = e)}
      onExit={(c, engine) => {
        code = c;
        last = engine;
      }}
      onFailed={(e) => {
        failure = e;
        app.unmount();
      }}
    />,
    // Pass streams only when given: an explicit undefined would override Ink's process defaults.
    { ...(opts.stdin ? { stdin: opts.stdin } : {}), ...(opts.stdout ? { stdout: opts.stdout } : {}), exitOnCtrlC: false },
  );
  await app.waitUntilExit();
  // Ink leaves the cursor at the end of its last frame: the shell prompt starts on a line of its own.
  if (!opts.stdout) process.stdout.write('\n');
  if (failure) throw failure;
  // The engine the user switched to (live credentials) is ours to close; the first one is the caller's.
  if (last && last !== initial) await last.close();
  return code;
}
