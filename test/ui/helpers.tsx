import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createExotelClient } from '../../src/core/exotel/client.js';
import { Engine } from '../../src/core/engine/engine.js';
import type { PartnerSideOptions } from '../../src/core/engine/partner-side.js';
import type { AnswerSources } from '../../src/core/engine/answers.js';
import { Secret } from '../../src/core/secret.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/server.js';
import { App, type AppProps } from '../../src/ui/app.js';
import { RoomContext, UiContext, type UiSettings } from '../../src/ui/components/ui-context.js';
import type { ReactElement } from 'react';
import { DOWN, ENTER, UP } from './keys.js';

/** No colour, a fixed spinner glyph, and a roomy terminal (screens that test 80×24 set their own size). */
export const UI: UiSettings = { color: false, staticSpinner: true, size: { columns: 100, rows: 40 } };

/** Render a screen with deterministic settings (no colour, fixed spinner glyph), in a room of the given size. */
export function renderUi(el: ReactElement, size = UI.size!) {
  const room = { width: size.columns - 1, height: size.rows - 4 };
  return render(
    <UiContext.Provider value={{ ...UI, size }}>
      <RoomContext.Provider value={room}>{el}</RoomContext.Provider>
    </UiContext.Provider>,
  );
}

/** Poll lastFrame() until it contains the text (Ink renders asynchronously). */
export async function waitForFrame(lastFrame: () => string | undefined, text: string | RegExp | ((frame: string) => boolean), timeoutMs = 8000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const f = lastFrame() ?? '';
    if (typeof text === 'string' ? f.includes(text) : typeof text === 'function' ? text(f) : text.test(f)) return f;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${String(text)}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Let Ink process a key before the next one (input is read on 'readable'). */
export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** A key press the way a person makes it: after the screen's input hooks are attached. */
export async function press(io: { stdin: { write: (s: string) => void } }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    await tick();
    io.stdin.write(k);
  }
  await tick();
}

/**
 * Move the select cursor (❯) to the item whose first line contains `label`, checking the frame after every
 * arrow (a key sent before the list's input hook is attached would be lost), then press Enter.
 */
export async function choose(io: { lastFrame: () => string | undefined; stdin: { write: (s: string) => void } }, label: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const lines = (await waitForFrame(io.lastFrame, label)).split('\n');
    const cur = lines.findIndex((l) => l.startsWith('❯'));
    const target = lines.findIndex((l) => /^[❯ ] /.test(l) && l.includes(label));
    if (target < 0) throw new Error(`no item "${label}" in:\n${lines.join('\n')}`);
    if (cur === target) return press(io, ENTER);
    await press(io, target > cur ? DOWN : UP);
  }
  throw new Error(`could not reach "${label}"`);
}

export interface SandboxRig {
  sandbox: SandboxHandle;
  engine: Engine;
  dir: string;
  accountSid: string;
  close(): Promise<void>;
}

export async function sandboxRig(accountSid = 'uitest1', opts: { apiToken?: string; partners?: PartnerSideOptions } = {}): Promise<SandboxRig> {
  const sandbox = await startSandbox({ rateLimitPerMinute: 10_000, apiKey: 'sandbox', apiToken: 'sandbox' });
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-ui-'));
  const client = createExotelClient({ accountSid, apiKey: 'sandbox', apiToken: new Secret(opts.apiToken ?? 'sandbox'), baseUrl: sandbox.url });
  // no partner keys from the developer's environment: a test never reaches a real partner
  const engine = new Engine({ client, mode: 'sandbox', region: 'in', statePath: join(dir, 'state.json'), outDir: join(dir, 'out'), partners: opts.partners ?? { env: {} } });
  return {
    sandbox,
    engine,
    dir,
    accountSid,
    async close() {
      await engine.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The whole wizard against an engine; `exit` resolves with the exit code, `farewell` with the lines it leaves. */
export function renderWizard(engine: Engine, opts: { recipeId?: string; preset?: AnswerSources; exportDir?: string; ui?: UiSettings; openLive?: AppProps['openLive'] } = {}) {
  let resolveExit!: (code: number) => void;
  let left: { farewell: string[]; raw?: string } = { farewell: [] };
  const exit = new Promise<number>((r) => (resolveExit = r));
  const r = render(
    <App
      engine={engine}
      recipeId={opts.recipeId}
      preset={opts.preset ?? {}}
      exportDir={opts.exportDir}
      openLive={opts.openLive}
      ui={opts.ui ?? UI}
      onExit={(c, _e, farewell, raw) => {
        left = { farewell, raw };
        resolveExit(c);
      }}
    />,
  );
  return { ...r, exit, left: () => left };
}

type Wizard = ReturnType<typeof renderWizard>;

/** Leave the wizard with q, wait for it to exit and unmount it; the exit code. */
export async function quitWizard(w: Wizard): Promise<number> {
  await press(w, 'q');
  const code = await w.exit;
  w.unmount();
  return code;
}

/** A new wizard on the menu of runs already set up: pick the run's entry, then one of its actions. */
export async function fromRunMenu(engine: Engine, entry: string, action: string): Promise<Wizard> {
  const w = renderWizard(engine);
  await waitForFrame(w.lastFrame, 'Already set up here');
  await choose(w, entry);
  await choose(w, action);
  return w;
}
