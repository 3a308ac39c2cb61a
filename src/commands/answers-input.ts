/** Answers for the headless commands: --set, --answers FILE, the environment and the previous run. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../core/errors.js';
import { answersError, collectAnswers, type AnswerSources, type CollectResult } from '../core/engine/answers.js';
import type { Engine } from '../core/engine/engine.js';
import type { AnswerValue } from '../core/engine/types.js';
import type { Recipe } from '../core/recipes/schema.js';

export function parseSets(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw new InputError(`--set ${item}: expected key=value, e.g. --set did=+918012345678.`);
    out[item.slice(0, i).trim()] = item.slice(i + 1);
  }
  return out;
}

export function readAnswersFile(file: string | undefined): Record<string, AnswerValue> | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`Cannot read the answers file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  let data: unknown;
  try {
    data = parseYaml(text); // YAML is a superset of JSON
  } catch (e) {
    throw new InputError(`The answers file ${file} is not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError(`The answers file ${file} must be a mapping of question id to answer, e.g. did: "+918012345678".`);
  const out: Record<string, AnswerValue> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'number') out[k] = String(v);
    else if (Array.isArray(v)) out[k] = v.map(String);
    else throw new InputError(`The answers file ${file}: "${k}" must be text, yes/no or a list.`);
  }
  return out;
}

export function answerSources(engine: Engine, recipe: Recipe, o: Record<string, unknown>): AnswerSources {
  const previous = engine.run(recipe.id);
  return {
    set: parseSets(o.set as string[] | undefined),
    file: readAnswersFile(o.answers as string | undefined),
    env: process.env,
    previous: previous && !previous.tornDownAt ? previous.answers : undefined,
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
