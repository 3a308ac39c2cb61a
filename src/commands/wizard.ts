import { InputError } from '../core/errors.js';
import { parseSets, readAnswersFile } from './answers-input.js';
import { interactive, openEngine, type Globals } from './context.js';
import { openLiveEngine } from './live-engine.js';

/** `exotrunk` on a terminal: the wizard. Without one, say what to run instead. */
export default async function wizard(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  if (!interactive(g)) {
    throw new InputError('The wizard needs a terminal (no TTY, CI set, or --no-input).', {
      fix: 'Run the headless commands instead: exotrunk recipes, exotrunk plan <recipe> --set …, exotrunk apply <recipe> --answers FILE --yes. See exotrunk --help.',
    });
  }
  // Ink loads while the engine (and the embedded sandbox) starts.
  const [opened, { runWizard }] = await Promise.all([openEngine(g), import('../ui/run-wizard.js')]);
  try {
    const preset = { set: parseSets(o.set as string[] | undefined), file: readAnswersFile(o.answers as string | undefined), env: process.env };
    return await runWizard({ engine: opened.engine, recipeId: args[0] as string | undefined, preset, showSecrets: g.showSecrets, openLive: (c) => openLiveEngine(c, g) });
  } finally {
    await opened.close();
  }
}
