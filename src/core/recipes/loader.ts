/**
 * Loads recipes/<id>.yaml: YAML → RecipeSchema → cross-checks. Every failure is an InputError that names
 * the file, the path inside it and the broken rule, so a recipe author can fix it without reading code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { templateVariables } from './template-vars.js';
import { COMMON_KEYS } from './common-questions.js';
import { compiledRecipe } from './compiled.js';
import { recipesDir, templatePath, templatesDir } from './package-root.js';
import { RecipeSchema, type Recipe, type When } from './schema.js';
import { cliName } from '../cli-name.js';

export { packageRoot, recipesDir, templatePath, templatesDir } from './package-root.js';
export { evalWhen } from './when.js';

/**
 * Answer keys the engine adds to every recipe that needs them (src/core/engine/questions.ts, inputs.ts):
 * recipes may read them in templates and conditions.
 */
export const ENGINE_KEYS = ['inbound_transport', 'inbound_port', 'set_alias', 'also_digest', 'mix_approved'];

const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

export function listRecipeIds(dir: string = recipesDir()): string[] {
  if (!existsSync(dir)) return [];
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .filter((id) => ID_RE.test(id));
  return ids.sort();
}

/** Every recipe, in the order a person picking a partner expects: by each recipe's `order:`, then by id. */
export function listRecipes(dir: string = recipesDir(), tplDir?: string): Recipe[] {
  return listRecipeIds(dir)
    .map((id) => loadRecipe(id, dir, tplDir))
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.id.localeCompare(b.id));
}

/**
 * @param dir the recipes folder (default: the package's recipes/)
 * @param tplDir the templates folder outputs refer to (default: the package's templates/)
 */
export function loadRecipe(id: string, dir: string = recipesDir(), tplDir: string = templatesDir()): Recipe {
  const known = listRecipeIds(dir);
  if (!ID_RE.test(id) || !known.includes(id)) {
    throw new InputError(`Unknown recipe "${id}"`, {
      why: known.length ? `Known recipes: ${known.join(', ')}` : `No recipes found in ${dir}`,
      fix: `Pick one of the known recipe ids (${cliName()} recipes lists them).`,
    });
  }
  const file = join(dir, `${id}.yaml`);
  if (dir === recipesDir() && tplDir === templatesDir()) {
    const compiled = compiledRecipe(id, file);
    if (compiled) return compiled;
  }
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length) {
    const why = doc.errors[0].message;
    throw new InputError(`Recipe ${file} is not valid YAML: ${why.split('\n')[0]}`, { why, fix: 'Fix the YAML syntax.' });
  }
  const at = (path: (string | number)[]): string => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const pos = node?.range ? lines.linePos(node.range[0]) : undefined;
    return `${formatPath(path)}${pos ? ` (line ${pos.line})` : ''}`;
  };

  const parsed = RecipeSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw recipeError(file, parsed.error.issues.slice(0, 5).map((i) => `${at(issuePath(i))}: ${i.message}`));
  }
  const recipe = parsed.data;
  const problems = crossCheck(recipe, id, tplDir).map(([path, msg]) => `${at(path)}: ${msg}`);
  if (problems.length) throw recipeError(file, problems.slice(0, 5));
  return recipe;
}

function recipeError(file: string, details: string[]): InputError {
  return new InputError(`Recipe ${file} is invalid: ${details[0]}`, {
    why: details.join('\n'),
    fix: 'Fix the recipe file at the path shown.',
    details,
  });
}

const issuePath = (i: z.core.$ZodIssue): (string | number)[] =>
  i.path.map((p) => (typeof p === 'number' ? p : String(p)));

/** ["questions", 2, "validate"] → "questions[2].validate" */
export function formatPath(path: (string | number)[]): string {
  if (!path.length) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

type Problem = [(string | number)[], string];

function crossCheck(recipe: Recipe, id: string, tplDir: string): Problem[] {
  const problems: Problem[] = [];
  if (recipe.id !== id) problems.push([['id'], `id "${recipe.id}" must equal the file name "${id}"`]);

  const seen = new Set<string>();
  recipe.questions.forEach((q, i) => {
    if (seen.has(q.id)) problems.push([['questions', i, 'id'], `duplicate question id "${q.id}"`]);
    seen.add(q.id);
  });
  const known = new Set([...COMMON_KEYS, ...ENGINE_KEYS, ...seen]);

  for (const key of Object.keys(recipe.defaults)) {
    if (!known.has(key)) problems.push([['defaults', key], `unknown question id "${key}" (known: ${[...known].join(', ')})`]);
  }
  const trunkName = recipe.defaults.trunk_name;
  if (trunkName !== undefined && !/^[A-Za-z0-9_]{1,16}$/.test(String(trunkName))) {
    problems.push([['defaults', 'trunk_name'], 'a trunk name is 1-16 letters, digits or _ (Exotel limit)']);
  }
  if (recipe.default_direction && !recipe.directions.includes(recipe.default_direction)) {
    problems.push([['default_direction'], `"${recipe.default_direction}" is not one of directions`]);
  }

  /** `path` is the path of the When object itself. */
  const checkWhen = (when: When | undefined, path: (string | number)[]) => {
    for (const key of Object.keys(when?.answers ?? {})) {
      if (!known.has(key)) problems.push([[...path, 'answers', key], `unknown question id "${key}"`]);
    }
    for (const [i, key] of (when?.answered ?? []).entries()) {
      if (!known.has(key)) problems.push([[...path, 'answered', i], `unknown question id "${key}"`]);
    }
    when?.any?.forEach((w, i) => checkWhen(w, [...path, 'any', i]));
  };
  recipe.questions.forEach((q, i) => checkWhen(q.when, ['questions', i, 'when']));
  recipe.outputs.forEach((o, i) => checkWhen(o.when, ['outputs', i, 'when']));
  recipe.checklist.forEach((c, i) => checkWhen(c.when, ['checklist', i, 'when']));
  const r = recipe.resources;
  checkWhen(r.skip_all_when, ['resources', 'skip_all_when']);
  checkWhen(r.destination?.when, ['resources', 'destination', 'when']);
  checkWhen(r.alias?.when, ['resources', 'alias', 'when']);
  checkWhen(r.credentials?.when, ['resources', 'credentials', 'when']);

  const checkVars = (template: string | undefined, path: (string | number)[]) => {
    if (template === undefined) return;
    let vars: string[];
    try {
      vars = templateVariables(template);
    } catch (e) {
      problems.push([path, `template does not parse: ${(e as Error).message.split('\n')[0]}`]);
      return;
    }
    for (const v of vars) {
      if (!known.has(v)) problems.push([path, `template variable "${v}" is not a question id or common key`]);
    }
  };
  checkVars(recipe.inbound_sip?.host, ['inbound_sip', 'host']);
  checkVars(r.destination?.uri, ['resources', 'destination', 'uri']);
  checkVars(r.acl_ips, ['resources', 'acl_ips']);

  const outputIds = new Set<string>();
  recipe.outputs.forEach((o, i) => {
    if (outputIds.has(o.id)) problems.push([['outputs', i, 'id'], `duplicate output id "${o.id}"`]);
    outputIds.add(o.id);
    const path = templatePath(o.template, recipe.id, tplDir);
    if (!path) problems.push([['outputs', i, 'template'], `template path "${o.template}" must stay inside templates/`]);
    else if (!existsSync(path)) problems.push([['outputs', i, 'template'], `template file not found: ${path}`]);
  });
  // alternative_of names a primary: another output of this recipe that is not itself an alternative
  const byId = new Map(recipe.outputs.map((o) => [o.id, o]));
  recipe.outputs.forEach((o, i) => {
    if (o.alternative_of === undefined) return;
    const primary = byId.get(o.alternative_of);
    const path = ['outputs', i, 'alternative_of'];
    if (o.alternative_of === o.id) problems.push([path, 'an output cannot be an alternative of itself']);
    else if (!primary) problems.push([path, `no output "${o.alternative_of}" in this recipe (known: ${[...byId.keys()].join(', ')})`]);
    else if (primary.alternative_of !== undefined) problems.push([path, `"${o.alternative_of}" is itself an alternative of "${primary.alternative_of}": name that one`]);
  });
  return problems;
}
