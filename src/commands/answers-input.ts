/** Answers for the headless commands: --set, --answers FILE, the environment and the previous run. */
import { readFileSync, statSync } from 'node:fs';
import type { AnswerFlags } from './options.js';
import { parse as parseYaml } from 'yaml';
import { cliName, InputError } from '../core/engine/light.js';
import { answersError, collectAnswers, questionsFor } from '../core/engine/index.js';
import type { AnswerSources, AnswerValue, CollectResult, Engine, Recipe } from '../core/engine/types.js';

export function parseSets(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw new InputError(`--set ${item}: expected key=value, e.g. --set did=+918012345678.`);
    out[item.slice(0, i).trim()] = item.slice(i + 1);
  }
  return out;
}

/**
 * An answers file: question id → answer. A `recipe:` key (the wizard's "Save the answers" writes one) says
 * which recipe the file is for; given `recipeId`, a file for another recipe is refused before anything else.
 */
export function readAnswersFile(file: string | undefined, recipeId?: string): Record<string, AnswerValue> | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`Cannot read the answers file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  let data: unknown;
  try {
    // YAML is a superset of JSON. The failsafe schema reads every scalar as the text written, as --set does:
    // an unquoted did: +918012345678 stays "+918012345678" (not the number 918012345678), 0123 keeps its zero.
    data = parseYaml(text, { schema: 'failsafe' });
  } catch (e) {
    throw new InputError(`The answers file ${file} is not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError(`The answers file ${file} must be a mapping of question id to answer, e.g. did: "+918012345678".`);
  const { recipe: forRecipe, ...answers } = data as Record<string, unknown>;
  if (forRecipe !== undefined && recipeId && forRecipe !== recipeId) {
    throw new InputError(`The answers file ${file} is for ${String(forRecipe)}, not ${recipeId}.`, { fix: `Run ${cliName()} apply ${String(forRecipe)} --answers ${file}, or use the answers file of ${recipeId} (exotrunk-${recipeId}-answers.yaml).` });
  }
  const out: Record<string, AnswerValue> = {};
  for (const [k, v] of Object.entries(answers)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as string[];
    else throw new InputError(`The answers file ${file}: "${k}" must be text, yes/no or a list.`);
  }
  return out;
}

/** A secret in an answers file others can read is a leak waiting to happen: say so (the run goes on). */
function warnIfSecretFileOpen(file: string, answers: Record<string, AnswerValue>, recipe: Recipe): void {
  const secrets = questionsFor(recipe).filter((q) => q.kind === 'secret' && q.id in answers).map((q) => q.id);
  if (!secrets.length || process.platform === 'win32') return;
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) process.stderr.write(`! ${file} holds ${secrets.join(', ')} and other users can read it (mode ${mode.toString(8)}): chmod 600 ${file}\n`);
}

export function answerSources(engine: Engine, recipe: Recipe, a: AnswerFlags): AnswerSources {
  const previous = engine.run(recipe.id);
  const file = readAnswersFile(a.answers, recipe.id);
  if (file && a.answers) warnIfSecretFileOpen(a.answers, file, recipe);
  return {
    set: parseSets(a.set),
    file,
    env: process.env,
    // a torn-down run's answers too: "apply it to set it up again" needs nothing typed again (its secrets are gone)
    previous: previous?.answers,
    previousSecrets: engine.previousSecrets(recipe.id),
  };
}

/** Collect every answer without asking; throw one InputError listing all that is missing or invalid. */
export function collectOrFail(recipe: Recipe, sources: AnswerSources): CollectResult {
  const r = collectAnswers(recipe, sources);
  const err = answersError(recipe, r);
  if (err) throw err;
  return r;
}
