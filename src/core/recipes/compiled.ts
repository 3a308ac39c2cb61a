/**
 * Recipes compiled at build time (dist/recipes.json): already parsed, validated and cross-checked, so a
 * command or the wizard's first frame does not pay for YAML parsing (about 100 ms cold for all recipes).
 * An entry is used only while its YAML file has the same size and mtime as when it was compiled; an edited
 * recipe is loaded from YAML again, with full checks.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';
import type { Recipe } from './schema.js';

export interface CompiledEntry {
  size: number;
  mtimeMs: number;
  recipe: Recipe;
}

export const compiledPath = () => join(packageRoot(), 'dist', 'recipes.json');

let cache: Record<string, CompiledEntry> | null | undefined;

function entries(): Record<string, CompiledEntry> | null {
  if (cache === undefined) {
    try {
      cache = JSON.parse(readFileSync(compiledPath(), 'utf8')) as Record<string, CompiledEntry>;
    } catch {
      cache = null; // not built (tests run from src), or unreadable: load from YAML
    }
  }
  return cache;
}

/** The compiled recipe for this file, if it is still the file that was compiled. */
export function compiledRecipe(id: string, file: string): Recipe | undefined {
  const e = entries()?.[id];
  if (!e) return undefined;
  try {
    const st = statSync(file);
    return st.size === e.size && st.mtimeMs === e.mtimeMs ? e.recipe : undefined;
  } catch {
    return undefined;
  }
}
