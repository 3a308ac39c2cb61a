import { cliName, InputError } from '../core/engine/light.js';
import type { OptionValues } from 'commander';
import { withEngine } from './context.js';
import { globalsOf } from './options.js';
import { ask, interactive } from './interactive.js';
import { err, green, json, out, outputWidth, red, wrap } from './format.js';
import { targetLabel } from '../present/target.js';
import { deletedAtPartner as deletedThere, teardownSides, tornDownLines } from '../present/teardown.js';
import { interruptedLines } from '../present/exits.js';
import { progressOf } from '../present/steps.js';
import { count } from '../present/words.js';
import { checkRecipeId } from './recipe-arg.js';
import { eventLine, planText } from './show.js';
import { interrupted } from './interrupt.js';

/** exotrunk teardown [recipe]: delete the recipe's credentials, then its trunk, after typing the trunk name. */
export default async function teardown(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  const named = args[0] === undefined ? undefined : checkRecipeId(args[0]);
  const resume = `${cliName()} teardown${named ? ` ${named}` : ''} --yes`;
  return withEngine(g, async (engine) => {
    const gone = named ? engine.run(named) : undefined;
    if (gone?.tornDownAt) {
      // tearing down twice is not an error: what was asked for is already true
      if (g.json) json({ ok: true, alreadyTornDown: gone.tornDownAt, trunkSid: '', deletedCredentials: [] });
      else out(green(`✓ ${named} was already torn down on ${gone.tornDownAt.slice(0, 10)}: nothing to do.`));
      return 0;
    }
    const run = engine.requireRun(named);
    // the same plan screen as apply: every deletion, in order, with its reason
    const plan = await engine.planTeardown(run.recipeId);
    if (!g.json) err(planText(plan, targetLabel(engine).label));
    // the partner's resources (deleted through its API first, when its credentials are set)
    const partnerSide = teardownSides(plan).partner;
    const first = partnerSide.length ? `first ${partnerSide.join(', ')}; then ` : '';
    if (!g.yes && run.trunkSid) {
      if (!interactive(g)) throw new InputError(`Tearing down ${run.trunkName} (${run.trunkSid}) needs confirmation.`, { fix: 'Pass --yes, or run it in a terminal and type the trunk name.' });
      const what = plan.keptFor ? `${first}${run.recipeId}'s credential on trunk ${run.trunkName} (${run.trunkSid}) on ${targetLabel(engine).label} (the trunk stays: ${plan.keptFor.join(', ')} uses it)` : `${first}trunk ${run.trunkName} (${run.trunkSid}) on ${targetLabel(engine).label} and its credentials; calls through it stop`;
      const typed = await ask(`This deletes ${what}.\nType the trunk name to confirm: `);
      if (typed !== run.trunkName) {
        err('The name does not match; nothing was deleted.');
        return 2;
      }
    }
    const r = await engine.teardown(plan, { onEvent: (e) => e.type !== 'started' && err(eventLine(e, plan)), signal: interrupted });
    const deletedAtPartner = deletedThere(plan, r.events);
    const summary = { trunkSid: r.trunkSid, deletedCredentials: r.deletedCredentials, ...(partnerSide.length ? { deletedAtPartner } : {}), ...(r.keptFor ? { keptTrunkFor: r.keptFor } : {}), removedConfigs: r.removedConfigs };
    if (r.interrupted) {
      err(interruptedLines(plan, progressOf(r.events), resume).join('\n'));
      if (g.json) json({ ok: false, interrupted: true, ...summary, events: r.events });
      return 130;
    }
    if (!r.ok) {
      err(red(`\n${count(r.failed.length, 'step')} failed; the journal has every step that finished. Fix the cause, then run ${resume} again.`));
      if (g.json) json({ ok: false, ...summary, failed: r.failed, events: r.events });
      return 1;
    }
    if (g.json) json({ ok: true, ...summary, events: r.events });
    else {
      const [head, ...rest] = tornDownLines({ recipeId: run.recipeId, trunkSid: r.trunkSid, deleted: r.deletedCredentials, deletedAtPartner, partner: engine.recipe(run.recipeId).title, direction: run.direction, removedConfigs: r.removedConfigs, keptFor: r.keptFor });
      out([green(head!), ...rest.map((l) => wrap(l, outputWidth(), l.startsWith('  • ') ? 4 : 0))].join('\n'));
    }
    return 0;
  }, { writes: { resume } });
}
