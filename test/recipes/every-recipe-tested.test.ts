/**
 * Every recipe the loader lists has its own test file, test/recipes/<id>.test.ts, and that file renders each
 * direction the recipe supports (it names the direction as a quoted string, as renderRecipe(id, 'inbound', …)
 * does). A new recipe without one fails the suite here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRecipes } from '../../src/core/recipes/loader.js';

const DIR = __dirname;

describe('every recipe has its own test file', () => {
  const recipes = listRecipes();

  it('the loader lists the recipes (so the checks below can fail)', () => {
    expect(recipes.length).toBeGreaterThanOrEqual(11);
  });

  it.each(recipes.map((r) => [r.id, r] as const))('%s', (id, recipe) => {
    const file = join(DIR, `${id}.test.ts`);
    expect(existsSync(file), `test/recipes/${id}.test.ts is missing: every recipe needs its own tests, one case per direction`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text, `test/recipes/${id}.test.ts never renders the recipe`).toMatch(/renderRecipe\(|fixtureContext\(|fixtureInputs\(/);
    for (const direction of recipe.directions) {
      expect(text, `test/recipes/${id}.test.ts has no case for direction ${direction}`).toMatch(new RegExp(`['"\`]${direction}['"\`]`));
    }
  });
});
