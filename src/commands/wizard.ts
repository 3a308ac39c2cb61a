import { InputError } from '../core/errors.js';
import type { Globals, OpenedEngine } from './context.js';
import { interactive } from './interactive.js';
import { loadProfile } from './profiles.js';
import { cliName } from '../core/cli-name.js';


/**
 * What the header says before the engine is open: live when an account SID and a token source are
 * configured. The engine checks the configuration properly a moment later, and the header follows it.
 */
function targetOf(g: Globals): { mode: 'sandbox' | 'live'; label: string; client?: { accountSid: string; baseUrl: string } } {
  const sandbox = { mode: 'sandbox' as const, label: 'SANDBOX' };
  if (g.sandbox) return sandbox;
  let profile;
  try {
    profile = loadProfile(g.profile);
  } catch {
    return sandbox;
  }
  const sid = g.accountSid ?? process.env.EXOTEL_ACCOUNT_SID ?? profile?.accountSid;
  const token = g.apiTokenFile ?? process.env.EXOTEL_API_TOKEN ?? profile?.apiToken;
  if (!sid || !token) return sandbox;
  const baseUrl = g.baseUrl ?? process.env.EXOTEL_BASE_URL ?? profile?.baseUrl;
  const region = baseUrl ? 'custom' : g.region ?? process.env.EXOTEL_REGION ?? profile?.region ?? 'in';
  // with a base URL, the header can tell a server on this machine (LOCAL) from the real Exotel
  return { mode: 'live', label: `LIVE ${sid} (${region})`, ...(baseUrl ? { client: { accountSid: sid, baseUrl } } : {}) };
}

/** `exotrunk` on a terminal: the wizard. Without one, say what to run instead. */
export default async function wizard(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  if (!interactive(g)) {
    throw new InputError('The wizard needs a terminal (no TTY, CI set, or --no-input).', {
      fix: `Run the headless commands instead: ${cliName()} recipes, ${cliName()} plan <recipe> --set …, ${cliName()} apply <recipe> --answers FILE --yes. See ${cliName()} --help.`,
    });
  }
  const { runWizard } = await import('../ui/run-wizard.js');
  // The first frame needs only Ink: the engine (and the embedded sandbox) opens behind it.
  let opened: OpenedEngine | undefined;
  let preset: import('../core/engine/answers.js').AnswerSources = { env: process.env };
  const open = async () => {
    const [{ openEngine }, { parseSets, readAnswersFile }] = await Promise.all([import('./context.js'), import('./answers-input.js')]);
    preset = { set: parseSets(o.set as string[] | undefined), file: readAnswersFile(o.answers as string | undefined, args[0] as string | undefined), env: process.env };
    opened = await openEngine(g);
    return opened.engine;
  };
  try {
    return await runWizard({
      engine: open,
      target: targetOf(g),
      preset: () => preset,
      recipeId: args[0] as string | undefined,
      showSecrets: g.showSecrets,
      openLive: async (c) => (await import('./live-engine.js')).openLiveEngine(c, g),
    });
  } finally {
    await opened?.close();
  }
}
