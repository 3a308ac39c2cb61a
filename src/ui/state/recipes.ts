/**
 * Recipes for the partner list, and the answers a recipe starts with. Loading one broken recipe file must not
 * take the whole wizard down, so each is loaded on its own and the broken ones are named.
 */
import { collectAnswers, emptyAnswers, listRecipeIds } from '../../core/engine/index.js';
import type { AnswerSet, AnswerSource, AnswerSources, AnswerValue, Engine, Recipe } from '../../core/engine/types.js';

export interface Catalog {
  recipes: Recipe[];
  broken: string[];
}

export function loadRecipesSafely(engine: Pick<Engine, 'recipes' | 'recipe'>): Catalog {
  try {
    return { recipes: engine.recipes(), broken: [] };
  } catch {
    const recipes: Recipe[] = [];
    const broken: string[] = [];
    for (const id of listRecipeIds()) {
      try {
        recipes.push(engine.recipe(id));
      } catch {
        broken.push(id);
      }
    }
    return { recipes, broken };
  }
}

const SKIPPED: AnswerSource[] = ['flag', 'file', 'env'];

/**
 * Answers from flags / answers file / environment are taken as given (their questions are skipped); the previous
 * run's answers become the defaults offered. Defaults of the recipe stay questions: the user sees and confirms them.
 */
export function presetFor(recipe: Recipe, src: AnswerSources, previous?: Record<string, AnswerValue>, previousSecrets?: Record<string, string>): { preset: AnswerSet; suggested: Record<string, AnswerValue> } {
  const { answers } = collectAnswers(recipe, { ...src, previous: previous ?? src.previous, previousSecrets: previousSecrets ?? src.previousSecrets }, { generateSecrets: false });
  const preset = emptyAnswers();
  const suggested: Record<string, AnswerValue> = {};
  for (const [id, source] of Object.entries(answers.sources)) {
    if (SKIPPED.includes(source)) {
      preset.sources[id] = source;
      if (id in answers.secrets) preset.secrets[id] = answers.secrets[id];
      else preset.values[id] = answers.values[id];
    } else if (source === 'state' && id in answers.values) suggested[id] = answers.values[id];
  }
  return { preset, suggested };
}
