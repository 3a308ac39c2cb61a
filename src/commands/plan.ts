import { planCounts, planJson } from '../present/plan.js';
import { targetLabel } from '../present/target.js';
import { answerSources, collectOrFail } from './answers-input.js';
import type { OptionValues } from 'commander';
import { withEngine } from './context.js';
import { answerFlagsOf, flag, globalsOf, oneOf } from './options.js';
import { json, out } from './format.js';
import { commandFor } from './next-command.js';
import { recipeArg } from './recipe-arg.js';
import { planFooter, planText } from './show.js';

/**
 * exotrunk plan <recipe>: exit 0 when the plan was made (with or without changes), as Terraform does; with
 * --detailed-exitcode, 3 when changes are pending (Terraform's 2, moved to 3 here because 2 is a usage error).
 */
export default async function plan(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  const a = answerFlagsOf(o);
  const recipe = recipeArg(args[0]);
  return withEngine(g, async (engine) => {
    const { answers } = collectOrFail(recipe, answerSources(engine, recipe, a));
    const inputs = engine.inputs(recipe, answers, { trunkSid: a.trunkSid });
    const { plan } = await engine.plan(inputs);
    const format = g.json ? 'json' : oneOf(o, 'format', ['table', 'json', 'curl'] as const);
    const apply = commandFor('apply', recipe.id, a);
    if (format === 'json') json({ mode: engine.mode, ...planJson(plan), summary: planCounts(plan), next: plan.steps.length ? apply : undefined });
    else if (format === 'curl') out(await engine.curlScript(plan));
    else out(planText(plan, targetLabel(engine).label, inputs) + planFooter(plan, apply));
    return flag(o, 'detailedExitcode') && plan.steps.length ? 3 : 0;
  });
}
