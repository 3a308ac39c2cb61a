import type { OptionValues } from 'commander';
import { cliName, describeTarget, InputError } from '../core/engine/light.js';
import type { AnswerSources } from '../core/engine/types.js';
import type { OpenedEngine } from './context.js';
import { interactive } from './interactive.js';
import { answerFlagsOf, globalsOf } from './options.js';

/** `exotrunk` on a terminal: the wizard. Without one, say what to run instead. */
export default async function wizard(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  if (!interactive(g)) {
    throw new InputError('The wizard needs a terminal (no TTY, CI set, or --no-input).', {
      fix: `Run the headless commands instead: ${cliName()} recipes, ${cliName()} plan <recipe> --set …, ${cliName()} apply <recipe> --answers FILE --yes. See ${cliName()} --help.`,
    });
  }
  const recipeId = args[0] === undefined ? undefined : String(args[0]);
  const { runWizard } = await import('../ui/run-wizard.js');
  // The first frame needs only Ink: the engine (and the embedded sandbox) opens behind it.
  let opened: OpenedEngine | undefined;
  let preset: AnswerSources = { env: process.env };
  const open = async () => {
    const [{ openEngine }, { parseSets, readAnswersFile }] = await Promise.all([import('./context.js'), import('./answers-input.js')]);
    const a = answerFlagsOf(o);
    preset = { set: parseSets(a.set), file: readAnswersFile(a.answers, recipeId), env: process.env };
    opened = await openEngine(g);
    return opened.engine;
  };
  try {
    return await runWizard({
      engine: open,
      // what the header says before the engine is open (the same precedence the engine uses, without its checks)
      target: describeTarget(g),
      preset: () => preset,
      recipeId,
      showSecrets: g.showSecrets,
      openLive: async (c) => (await import('../core/engine/index.js')).openLiveEngine(c, { baseUrl: g.baseUrl, statePath: g.state }),
    });
  } finally {
    await opened?.close();
  }
}
