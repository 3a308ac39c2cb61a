/**
 * Recipes compiled at build time (dist/recipes.json): already parsed, validated and cross-checked, so a
 * command or the wizard's first frame does not pay for YAML parsing (about 100 ms cold for all recipes).
 * An entry is used only while its YAML file has the same content (SHA-1) as when it was compiled; an edited
 * recipe is loaded from YAML again, with full checks. Content, not size and mtime: npm gives every file of an
 * installed package a new mtime, so an mtime key would miss on every installed copy (hashing a 7 KB file costs
 * microseconds; parsing it as YAML, milliseconds).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';
import type { Recipe } from './schema.js';

export interface CompiledEntry {
  sha1: string;
  recipe: Recipe;
}

export const contentHash = (text: string | Buffer): string => createHash('sha1').update(text).digest('hex');

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
    return contentHash(readFileSync(file)) === e.sha1 ? e.recipe : undefined;
  } catch {
    return undefined;
  }
}
