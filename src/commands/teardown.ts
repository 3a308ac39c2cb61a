import { InputError } from '../core/errors.js';
import { withEngine, type Globals } from './context.js';
import { ask, interactive } from './interactive.js';
import { err, green, json, out, outputWidth, red, wrap } from './format.js';
import { cleanupLines } from '../present/teardown.js';
import { count } from '../present/words.js';
import { checkRecipeId } from './recipe-arg.js';
import { eventLine, planText } from './show.js';
import { interrupted } from './interrupt.js';
import { cliName } from '../core/cli-name.js';

/** exotrunk teardown [recipe]: delete the recipe's credentials, then its trunk, after typing the trunk name. */
export default async function teardown(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  const named = args[0] === undefined ? undefined : checkRecipeId(args[0]);
  const resume = `${cliName()} teardown${named ? ` ${named}` : ''}${g.state && g.state !== '.exotrunk/state.json' ? ` --state ${g.state}` : ''} --yes`;
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
    if (!g.json) err(planText(plan, engine.label));
    // the partner's resources (deleted through its API first, when its credentials are set), by title
    const partnerSide = plan.steps.filter((st) => st.side === 'partner');
    const first = partnerSide.length ? `first ${partnerSide.map((st) => st.title.replace(/^Delete /, '')).join(', ')}; then ` : '';
    if (!g.yes && run.trunkSid) {
      if (!interactive(g)) throw new InputError(`Tearing down ${run.trunkName} (${run.trunkSid}) needs confirmation.`, { fix: 'Pass --yes, or run it in a terminal and type the trunk name.' });
      const typed = await ask(`This deletes ${first}trunk ${run.trunkName} (${run.trunkSid}) on ${engine.label} and its credentials; calls through it stop.\nType the trunk name to confirm: `);
      if (typed !== run.trunkName) {
        err('The name does not match; nothing was deleted.');
        return 2;
      }
    }
    const titles = new Map(plan.steps.map((st) => [st.id, st.title]));
    const r = await engine.teardown(plan, { onEvent: (e) => e.type !== 'started' && err(eventLine(e, titles)), signal: interrupted });
    const deletedAtPartner = partnerSide.filter((st) => r.events.some((e) => (e.type === 'done' || e.type === 'exists') && e.stepId === st.id)).map((st) => st.title.replace(/^Delete /, ''));
    const summary = { trunkSid: r.trunkSid, deletedCredentials: r.deletedCredentials, ...(partnerSide.length ? { deletedAtPartner } : {}), removedConfigs: r.removedConfigs };
    if (r.interrupted) {
      err(`Stopped: ${r.deletedCredentials.length ? `deleted ${r.deletedCredentials.length === 1 ? 'credential' : 'credentials'} ${r.deletedCredentials.join(', ')}; ` : ''}trunk ${r.trunkSid} was not deleted and the journal still names it. Finish with: ${resume}`);
      if (g.json) json({ ok: false, interrupted: true, ...summary, events: r.events });
      return 130;
    }
    if (!r.ok) {
      err(red(`\n${count(r.failed.length, 'step')} failed; the journal has every step that finished. Fix the cause, then run ${resume} again.`));
      if (g.json) json({ ok: false, ...summary, failed: r.failed, events: r.events });
      return 1;
    }
    if (g.json) json({ ok: true, ...summary, events: r.events });
    else if (!r.trunkSid) out(green(`✓ ${run.recipeId} used no Exotel trunk: removed it from the state.`));
    else {
      const n = r.deletedCredentials.length;
      if (deletedAtPartner.length) out(green(`✓ Deleted ${deletedAtPartner.join(', ')}.`));
      out(green(`✓ Trunk ${r.trunkSid} deleted${n ? `, with ${n === 1 ? 'credential' : 'credentials'} ${r.deletedCredentials.join(', ')}` : ''}. Numbers mapped to it are free again.`));
      // the partner side is undone already when it went through the partner's API
      const left = cleanupLines(engine.recipe(run.recipeId).title, r.trunkSid, run.direction).slice(deletedAtPartner.length ? 1 : 0);
      if (left.length) out(`Still to undo by hand:\n${left.map((l) => wrap(`  • ${l}`, outputWidth(), 4)).join('\n')}`);
    }
    if (!g.json && r.removedConfigs) out(`The rendered configs in ${r.removedConfigs} described the deleted trunk and were removed.`);
    return 0;
  }, { writes: { resume } });
}
