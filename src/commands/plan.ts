import { planToCurl } from '../core/plan/curl.js';
import { curlBaseUrl } from '../core/plan/curl-base.js';
import { planCounts, planJson } from '../present/plan-summary.js';
import { targetLabel } from '../present/target.js';
import { answerSources, collectOrFail } from './answers-input.js';
import { withEngine, type Globals } from './context.js';
import { json, out } from './format.js';
import { commandFor } from './next-command.js';
import { recipeArg } from './recipe-arg.js';
import { planFooter, planText } from './show.js';

/**
 * exotrunk plan <recipe>: exit 0 when the plan was made (with or without changes), as Terraform does; with
 * --detailed-exitcode, 3 when changes are pending (Terraform's 2, moved to 3 here because 2 is a usage error).
 */
export default async function plan(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  const recipe = recipeArg(args[0]);
  return withEngine(g, async (engine) => {
    const { answers } = collectOrFail(recipe, answerSources(engine, recipe, o));
    const inputs = engine.inputs(recipe, answers, { trunkSid: o.trunkSid as string | undefined });
    const { plan } = await engine.plan(inputs);
    const format = g.json ? 'json' : (o.format as string);
    const apply = commandFor('apply', recipe.id, o);
    if (format === 'json') json({ mode: engine.mode, ...planJson(plan), summary: planCounts(plan), next: plan.steps.length ? apply : undefined });
    else if (format === 'curl') out(planToCurl(plan, curlBaseUrl(engine)));
    else out(planText(plan, targetLabel(engine).label, inputs) + planFooter(plan, apply));
    return o.detailedExitcode && plan.steps.length ? 3 : 0;
  });
}
