import { withEngine, type Globals } from './context.js';
import { json, out } from './format.js';
import { driftText } from './show.js';
import { checkRecipeId } from './recipe-arg.js';

/** exotrunk verify [recipe]: exit 0 in sync, 3 on drift. */
export default async function verify(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  return withEngine(g, async (engine) => {
    const rep = await engine.verify(args[0] === undefined ? undefined : checkRecipeId(args[0]));
    if (g.json) json(rep);
    else out(driftText(rep));
    return rep.inSync ? 0 : 3;
  });
}
