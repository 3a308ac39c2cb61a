/** A made-up recipe for tests of one feature: the required fields filled in, then the test's own. */
import { RecipeSchema, type Recipe } from '../../src/core/recipes/schema.js';

export const testRecipe = (fields: Record<string, unknown> = {}): Recipe =>
  RecipeSchema.parse({
    id: 'demo',
    title: 'Demo partner',
    summary: 'demo',
    docs: ['https://example.com/docs'],
    facts_checked: '2026-11-29',
    facts_source: 'test',
    directions: ['outbound', 'inbound', 'both'],
    egress: { kind: 'dynamic' },
    ...fields,
  });
