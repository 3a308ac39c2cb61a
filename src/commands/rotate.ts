import { cliName, rotateAtPartner } from '../core/engine/index.js';
import type { Plan } from '../core/engine/types.js';
import type { OptionValues } from 'commander';
import { withEngine } from './context.js';
import { globalsOf } from './options.js';
import { confirm, interactive } from './interactive.js';
import { err, green, json, out } from './format.js';
import { eventLine, outputsText } from './show.js';
import { interrupted } from './interrupt.js';
import { checkRecipeId } from './recipe-arg.js';

/**
 * credentials rotate <recipe>: create the new credential, re-render the partner config, wait until the
 * user says the partner is updated (or --yes), then delete the old credential. Calls keep working throughout.
 * Run again after an interruption, it finishes the same rotation (core/engine/rotate.ts): never a second one.
 */
export default async function rotate(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  const recipeId = checkRecipeId(args[0]);
  const again = `${cliName()} credentials rotate ${recipeId}`;
  return withEngine(g, async (engine) => {
    const r = await engine.startRotation(recipeId, process.env.EXOTRUNK_SIP_PASSWORD);
    const { created, old } = r;
    if (r.how === 'pending-delete') err(`Finishing the rotation started ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${created.userName} is live; ${old.userName} is still to be deleted.`);
    else err(green(`✓ New credential ${created.userName}${created.id ? ` (id ${created.id})` : ''} ${r.how === 'resumed' ? 'found or created for the interrupted rotation' : 'created'}; the old one (${old.userName}) still works.`));
    const { inputs, outputs, files } = await engine.finish(engine.inputsFromState(engine.requireRun(recipeId)));
    const pw = inputs.sipPassword?.reveal();
    if (!g.json) out(outputsText(outputs.filter((x) => x.secret), files, pw ? [pw] : [], !!g.showSecrets));
    const later = `Once the partner uses ${created.userName}, finish with: ${again} --yes (it deletes ${old.userName}), or ${cliName()} credentials delete --recipe ${recipeId} --id ${old.id ?? '?'}`;
    // the partner side set up through its API gets the new credential now: nothing to paste, nothing to ask
    let shown: Pick<Plan, 'steps'> = { steps: [] };
    const pushed = interrupted.aborted ? undefined : await rotateAtPartner(engine, recipeId, { signal: interrupted, onPlan: (p) => (shown = p), onEvent: (e) => e.type !== 'started' && err(eventLine(e, shown)) });
    if (pushed && !pushed.ok) {
      err(`The partner did not take the new credential; ${old.userName} was kept, so calls keep working. Fix the cause, then run ${again}.`);
      if (g.json) json({ ok: false, newCredential: created, oldCredential: old, deleted: false, failed: pushed.failed });
      return 1;
    }
    if (interrupted.aborted) {
      err(`Stopped: the new credential is journaled and the configs are rendered; ${old.userName} was not deleted. ${later}`);
      if (g.json) json({ ok: false, interrupted: true, newCredential: created, oldCredential: old, deleted: false });
      return 130;
    }
    if (!g.yes && !pushed) {
      if (!interactive(g)) {
        err(`Update the partner with the new credential. ${later}`);
        if (g.json) json({ ok: true, newCredential: created, oldCredential: old, deleted: false });
        return 3;
      }
      if (!(await confirm(`Paste the new credential into ${inputs.recipe.title}. Is the partner updated? Delete the old credential ${old.userName} now? [y/N] `))) {
        err(`Kept the old credential. ${later}`);
        return 3;
      }
    }
    const deleted = await engine.finishRotation(r);
    if (g.json) json({ ok: true, newCredential: created, oldCredential: old, deleted });
    else out(green(`✓ Rotated: ${old.userName} ${deleted ? 'deleted' : 'was already gone'}, ${created.userName} is live. Files: ${files.filter((f) => outputs.find((x) => x.file === f.file)?.secret).map((f) => f.path).join(', ')}`));
    return 0;
  }, { writes: { resume: again } });
}
