import type { OptionValues } from 'commander';
import { withEngine } from './context.js';
import { globalsOf } from './options.js';
import { json, out } from './format.js';
import { reportText } from './show.js';
import { checkRecipeId } from './recipe-arg.js';

/** exotrunk verify [recipe]: exit 0 in sync, 3 on drift. */
export default async function verify(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  return withEngine(g, async (engine) => {
    const rep = await engine.verify(args[0] === undefined ? undefined : checkRecipeId(args[0]));
    if (g.json) json(rep);
    else out(reportText(rep));
    return rep.inSync ? 0 : 3;
  });
}
