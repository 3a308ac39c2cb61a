import { InputError } from '../core/errors.js';
import { withEngine, type Globals } from './context.js';
import { ask, interactive } from './interactive.js';
import { err, green, json, out } from './format.js';
import { eventLine } from './show.js';

/** exotrunk teardown [recipe]: delete the recipe's credentials, then its trunk, after typing the trunk name. */
export default async function teardown(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  return withEngine(g, async (engine) => {
    const run = engine.requireRun(args[0] as string | undefined);
    if (!g.yes && run.trunkSid) {
      if (!interactive(g)) throw new InputError(`Tearing down ${run.trunkName} (${run.trunkSid}) needs confirmation.`, { fix: 'Pass --yes, or run it in a terminal and type the trunk name.' });
      const typed = await ask(`This deletes trunk ${run.trunkName} (${run.trunkSid}) on ${engine.label} and its credentials; calls through it stop.\nType the trunk name to confirm: `);
      if (typed !== run.trunkName) {
        err('The name does not match; nothing was deleted.');
        return 2;
      }
    }
    const r = await engine.teardown(run.recipeId, (e) => e.type !== 'started' && err(eventLine(e, new Map())));
    if (g.json) json({ ok: true, ...r });
    else if (!r.trunkSid) out(green(`✓ ${run.recipeId} used no Exotel trunk: removed it from the state.`));
    else out(green(`✓ Trunk ${r.trunkSid} deleted${r.deletedCredentials.length ? `, with credentials ${r.deletedCredentials.join(', ')}` : ''}. Numbers mapped to it are free again; remove the partner-side config too.`));
    return 0;
  });
}
