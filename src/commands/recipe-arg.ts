import { cliName, InputError } from '../core/engine/light.js';
import { listRecipeIds, loadRecipe } from '../core/engine/index.js';
import type { Recipe } from '../core/engine/types.js';
import { didYouMean } from './did-you-mean.js';

/** A recipe id from the command line, with "did you mean livekit?" when it is not one. */
export function checkRecipeId(id: unknown): string {
  const ids = listRecipeIds();
  const word = String(id ?? '');
  if (!ids.includes(word)) throw new InputError(`Unknown recipe "${word}"${didYouMean(word, ids)}.`, { fix: `Use one of: ${ids.join(', ')} (${cliName()} recipes lists them).` });
  return word;
}

export const recipeArg = (id: unknown): Recipe => loadRecipe(checkRecipeId(id));
