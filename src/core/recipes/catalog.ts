/** The recipes as a catalog: what `exotrunk recipes` and the shell completion list, without the engine. */
export { listRecipeIds, listRecipes, loadRecipe } from './loader.js';
export { describeWhen } from './when.js';
