/**
 * Entry of the interactive wizard: renders the Ink app and resolves with the exit code (0 done, 1 failed,
 * 130 interrupted). The command file lazy-imports this module, so Ink and React load only for the wizard.
 */
import { render } from 'ink';
import type { AnswerSources } from '../core/engine/answers.js';
import type { Engine } from '../core/engine/engine.js';
import type { Secret } from '../core/secret.js';
import { App } from './app.js';
import { uiSettingsFromEnv } from './components/ui-context.js';

export interface RunWizardOptions {
  engine: Engine;
  openLive?: (c: { accountSid: string; apiKey: string; apiToken: Secret; region: 'in' | 'sg'; saveProfile: boolean }) => Promise<Engine>;
  showSecrets?: boolean;
  recipeId?: string;
  preset?: AnswerSources;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** where the curl script and answers file are written (default: the working directory) */
  exportDir?: string;
}

export async function runWizard(opts: RunWizardOptions): Promise<number> {
  let code = 1;
  let last: Engine = opts.engine;
  const app = render(
    <App
      engine={opts.engine}
      openLive={opts.openLive}
      recipeId={opts.recipeId}
      preset={opts.preset ?? { env: process.env }}
      exportDir={opts.exportDir}
      showSecrets={opts.showSecrets}
      ui={uiSettingsFromEnv()}
      onExit={(c, engine) => {
        code = c;
        last = engine;
      }}
    />,
    // Pass streams only when given: an explicit undefined would override Ink's process defaults.
    { ...(opts.stdin ? { stdin: opts.stdin } : {}), ...(opts.stdout ? { stdout: opts.stdout } : {}), exitOnCtrlC: false },
  );
  await app.waitUntilExit();
  // The engine the user switched to (live credentials) is ours to close; the one passed in is the caller's.
  if (last !== opts.engine) await last.close();
  return code;
}
