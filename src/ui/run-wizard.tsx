/**
 * Entry of the interactive wizard: renders the Ink app and resolves with the exit code (0 done, 1 failed,
 * 130 interrupted). The command file lazy-imports this module, so Ink and React load only for the wizard.
 *
 * The first frame needs nothing but Ink: the header that says where calls go and, when no credentials are
 * configured, the first menu itself (sandbox or live). The engine, the recipes and the other screens load
 * behind it. The terminal goes into raw mode with that frame, and keys typed before the first menu can take
 * them are handed to it (early-keys).
 *
 * What the wizard leaves in the terminal (what was done, the command to resume or continue, a config printed
 * for copying) is written after Ink has gone: plain lines that no later redraw can erase or hard-wrap.
 */
import { render, Text, useInput, useStdin } from 'ink';
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { type Secret } from '../core/engine/light.js';
import type { AnswerSources, Engine } from '../core/engine/types.js';
import { targetLabel, type TargetSource } from '../present/target.js';
import { otherTargetLines } from '../present/exits.js';
import type { AppProps } from './app.js';
import { captureEarlyKeys, stopCapture } from './components/early-keys.js';
import { Header, headerRows } from './components/Header.js';
import { UiContext, uiSettingsFromEnv, type UiSettings } from './components/ui-context.js';
import { painter, widthOf, wrapLeft } from './layout/lines.js';
import { ModeScreen } from './screens/ModeScreen.js';

export interface RunWizardOptions {
  /** the engine, or a way to open it once the first frame is on screen */
  engine: Engine | (() => Promise<Engine>);
  /** what the header says before the engine is open (taken from the engine when one is given) */
  target?: TargetSource;
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
type Quit = (code: number, farewell: string[]) => void;

function Boot({ opts, ui, onEngine, onExit, onQuit, onFailed }: { opts: RunWizardOptions; ui: UiSettings; onEngine: (e: Engine) => void; onExit: AppProps['onExit']; onQuit: Quit; onFailed: (e: unknown) => void }) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [start, setStart] = useState<'sandbox' | 'live'>();
  const loadedRef = useRef(false);
  const { internal_eventEmitter, isRawModeSupported, setRawMode } = useStdin();
  // Keep keys from the very first render on: the first menu's effect (a child's, so it runs before this
  // component's) takes them over, and must find the capture already there.
  useState(() => isRawModeSupported && captureEarlyKeys(internal_eventEmitter));
  const target = opts.target ?? (typeof opts.engine === 'function' ? { mode: 'sandbox' as const, label: 'SANDBOX' } : opts.engine);
  // No credentials: the sandbox-or-live question is the first menu, and it needs no engine to be asked.
  const offerMode = !!opts.openLive && target.mode === 'sandbox';
  useEffect(() => {
    // Raw mode with the first frame: a key typed now is neither echoed (which shifts Ink's lines) nor lost.
    if (isRawModeSupported) {
      setRawMode(true);
    }
    // After the first frame is out: loading the rest compiles a lot of code on this one thread.
    const t = setTimeout(() => {
      const engine = typeof opts.engine === 'function' ? opts.engine() : Promise.resolve(opts.engine);
      Promise.all([import('./app.js'), engine]).then(([m, e]) => {
        onEngine(e);
        const preset = (typeof opts.preset === 'function' ? opts.preset() : opts.preset) ?? { env: process.env };
        setLoaded({ App: m.App, engine: e, preset });
      }, onFailed);
    }, 0);
    return () => {
      clearTimeout(t);
      stopCapture();
      if (isRawModeSupported) setRawMode(false);
    };
  }, []);
  // Ctrl-C before the app has taken over (it has its own handler from then on)
  useInput((input, key) => {
    if (key.ctrl && input === 'c' && !loadedRef.current) onQuit(130, ['Stopped while starting: nothing changed at Exotel.']);
  });
  if (!loaded || (offerMode && !start)) {
    const t = targetLabel(target);
    const rows = (opts.stdout ?? process.stdout).rows || 24; // the boot screen has the real stream's height
    return (
      <UiContext.Provider value={ui}>
        <Header kind={t.kind} label={t.label} meaning={t.meaning} compact={headerRows(rows) === 1} />
        {offerMode && !start ? (
          <ModeScreen onSandbox={() => setStart('sandbox')} onLive={() => setStart('live')} onQuit={() => onQuit(0, ['Nothing changed at Exotel.'])} note={loaded ? otherTargetLines(loaded.engine.elsewhere()) : []} />
        ) : (
          // plain text, not a spinner: the spinner library is not worth loading for a fraction of a second
          <Text dimColor>Starting…</Text>
        )}
      </UiContext.Provider>
    );
  }
  loadedRef.current = true;
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
      start={start}
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
  let farewell: string[] = [];
  let raw: string | undefined;
  const ui = uiSettingsFromEnv();
  const frame = new FrameTracker();
  const app = render(
    <Boot
      opts={opts}
      ui={ui}
      onEngine={(e) => (initial = e)}
      onExit={(c, engine, lines, text) => {
        code = c;
        last = engine;
        farewell = lines;
        raw = text;
      }}
      onQuit={(c, lines) => {
        code = c;
        farewell = lines;
        app.unmount();
      }}
      onFailed={(e) => {
        failure = e;
        app.unmount();
      }}
    />,
    // Pass stdin only when given: an explicit undefined would override Ink's process default.
    { ...(opts.stdin ? { stdin: opts.stdin } : {}), stdout: opts.stdout ?? noFullscreen(process.stdout, frame), exitOnCtrlC: false },
  );
  await app.waitUntilExit();
  leaveLines(opts.stdout ?? process.stdout, farewell, raw, ui.color);
  if (failure) throw failure;
  // The engine the user switched to (live credentials) is ours to close; the first one is the caller's.
  if (last && last !== initial) await last.close();
  return code;
}

/**
 * The terminal as Ink sees it: the same stream, but never "full": Ink clears the screen and the scrollback
 * (ESC[2J ESC[3J) whenever the last frame was as tall as the terminal. Every screen here is laid out within the
 * real height (read by useTerminalSize from `realRows`), so that only happens in the instant after a resize
 * made the window shorter than the frame drawn for the old size; there, leaving the user's scrollback alone is
 * worth a few stale lines in it.
 *
 * It also keeps the frame on screen (the text of Ink's last write) for `eraseReflowed`.
 */
function noFullscreen(stream: NodeJS.WriteStream, frame: FrameTracker): NodeJS.WriteStream {
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === 'rows') return target.isTTY ? 10_000 : target.rows;
      if (prop === 'realRows') return target.rows;
      if (prop === 'write') {
        return (data: unknown, ...rest: unknown[]) => {
          let fix = '';
          if (typeof data === 'string') {
            // Ink is about to erase its last frame line by line: first erase the rows a reflow added to it
            if (target.isTTY && data.includes('\u001b[2K')) fix = eraseReflowed(frame, target.columns);
            frame.wrote(data);
          }
          return (target.write as (...a: unknown[]) => boolean)(fix ? fix + (data as string) : data, ...rest);
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/g;

/** The lines of the frame Ink last drew (its writes without their escape codes). */
export class FrameTracker {
  #lines: string[] = [];
  wrote(data: string): void {
    const text = data.replace(ESCAPES, '');
    if (text.includes('\n')) this.#lines = text.replace(/\n$/, '').split('\n');
    else if (!text && data.includes('\u001b[2K')) this.#lines = []; // erased
  }
  /** The rows the frame takes once the terminal has reflowed it to `columns`. */
  rowsAt(columns: number): number {
    return this.#lines.reduce((n, l) => n + Math.max(1, Math.ceil(widthOf(l) / Math.max(1, columns))), 0);
  }
  get height(): number {
    return this.#lines.length;
  }
}

/**
 * A terminal made narrower reflows the frame on screen (and a frame Ink draws with the layout of the old width,
 * in the instant before the wizard lays it out again, wraps as it is written): its lines then take more rows
 * than Ink counts, so Ink's erase (one row per line) leaves the top rows, the header first, behind as stale
 * copies. Put before Ink's erase: erase from the top of the reflowed frame down, then put the cursor where Ink's
 * erase of its line count ends exactly at that top. Only the frame's own rows are touched; the user's scrollback
 * never is (rows that have already scrolled into it cannot be erased without clearing it).
 */
export function eraseReflowed(frame: FrameTracker, columns: number): string {
  const rows = frame.rowsAt(columns);
  const lines = frame.height;
  if (rows <= lines) return '';
  // row by row (erase line, down one), never "erase below" from the top: tmux (scroll-on-clear) would push a
  // screen cleared that way into the scrollback, stale copies and all
  const up = rows - lines;
  return `\u001b[${rows}A\r${'\u001b[2K\u001b[1B'.repeat(rows)}\u001b[${up}A`;
}

/**
 * The config printed as it is (never wrapped by us), then the lines saying what was done and what next, wrapped
 * at words to the terminal's width (a command, a URL or a path is never split; piped, nothing is wrapped).
 */
export function leaveLines(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, farewell: string[], raw: string | undefined, color: boolean): void {
  const paint = painter(color);
  const width = out.isTTY && out.columns ? out.columns : Infinity;
  let text = raw ? `${raw.replace(/\n*$/, '\n')}\n` : '';
  farewell.forEach((l, i) => (text += `${wrapLeft(i === 0 ? paint('bold', l) : l, width).join('\n')}\n`));
  if (text) out.write(`\n${text}`);
}
