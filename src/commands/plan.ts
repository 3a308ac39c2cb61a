import { loadRecipe } from '../core/recipes/loader.js';
import { planToCurl } from '../core/plan/curl.js';
import { curlBaseUrl } from '../core/plan/curl-base.js';
import { answerSources, collectOrFail } from './answers-input.js';
import { withEngine, type Globals } from './context.js';
import { json, out } from './format.js';
import { planText } from './show.js';

/** exotrunk plan <recipe>: exit 0 when nothing is to do, 3 when calls are pending. */
export default async function plan(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  const recipe = loadRecipe(String(args[0]));
  return withEngine(g, async (engine) => {
    const { answers } = collectOrFail(recipe, answerSources(engine, recipe, o));
    const inputs = engine.inputs(recipe, answers, { trunkSid: o.trunkSid as string | undefined });
    const { plan } = await engine.plan(inputs);
    const format = g.json ? 'json' : (o.format as string);
    if (format === 'json') json({ mode: engine.mode, ...plan });
    else if (format === 'curl') out(planToCurl(plan, curlBaseUrl(engine)));
    else out(planText(plan, engine.label));
    return plan.steps.length ? 3 : 0;
  });
}
