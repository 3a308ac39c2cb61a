/**
 * Build step: validate every recipe (schema and cross-checks) and write dist/recipes.json, keyed by id with
 * the YAML file's size and mtime (see src/core/recipes/compiled.ts). A broken recipe fails the build.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledPath, type CompiledEntry } from '../src/core/recipes/compiled.js';
import { listRecipes, recipesDir } from '../src/core/recipes/loader.js';

const out: Record<string, CompiledEntry> = {};
for (const recipe of listRecipes()) {
  const st = statSync(join(recipesDir(), `${recipe.id}.yaml`));
  out[recipe.id] = { size: st.size, mtimeMs: st.mtimeMs, recipe };
}
writeFileSync(compiledPath(), JSON.stringify(out));
