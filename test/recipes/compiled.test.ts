/**
 * dist/recipes.json is keyed by the YAML file's content, not its mtime: npm gives every file of an installed
 * package a new mtime, and an mtime key made every installed copy parse all recipes as YAML again.
 * Needs the build (npm test builds first).
 */
import { copyFileSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledRecipe } from '../../src/core/recipes/compiled.js';
import { recipesDir } from '../../src/core/recipes/loader.js';

describe('compiled recipes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-compiled-'));
  const copy = join(dir, 'livekit.yaml');
  copyFileSync(join(recipesDir(), 'livekit.yaml'), copy);

  it('are used for an unchanged file whatever its mtime, and not for an edited one', () => {
    utimesSync(copy, new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(compiledRecipe('livekit', copy)?.id).toBe('livekit');
    writeFileSync(copy, `${readFileSync(copy, 'utf8')}\n# edited\n`);
    expect(compiledRecipe('livekit', copy)).toBeUndefined();
  });
});
