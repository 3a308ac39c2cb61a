/**
 * Build step: validate every recipe (schema and cross-checks) and write dist/recipes.json, keyed by id with
 * the YAML file's content hash (see src/core/recipes/compiled.ts). A broken recipe fails the build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledPath, contentHash, type CompiledEntry } from '../src/core/recipes/compiled.js';
import { listRecipes, recipesDir } from '../src/core/recipes/loader.js';

const out: Record<string, CompiledEntry> = {};
for (const recipe of listRecipes()) {
  out[recipe.id] = { sha1: contentHash(readFileSync(join(recipesDir(), `${recipe.id}.yaml`))), recipe };
}
writeFileSync(compiledPath(), JSON.stringify(out));
