/**
 * Where exotrunk's own files (recipes/, templates/) live. Found upward from this module, so it works from
 * src/… under vitest, from dist/cli.js and from dist/chunks/*.js after the esbuild bundle alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    // A package.json of a dependency would be wrong: only stop at exotrunk's own.
    if (existsSync(pkg) && isExotrunk(pkg)) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`exotrunk's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function isExotrunk(pkgPath: string): boolean {
  try {
    return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { name?: string }).name === 'exotrunk';
  } catch {
    return false;
  }
}

export const recipesDir = (): string => join(packageRoot(), 'recipes');
export const templatesDir = (): string => join(packageRoot(), 'templates');

/**
 * Where an output's template lives: templates/<recipe id>/<template>, or templates/<template> when it starts
 * with "common/". Undefined for a path that climbs out (".." or absolute).
 */
export function templatePath(template: string, recipeId: string, tplDir: string = templatesDir()): string | undefined {
  if (template.startsWith('/') || template.split('/').includes('..')) return undefined;
  return template.startsWith('common/') ? join(tplDir, template) : join(tplDir, recipeId, template);
}
