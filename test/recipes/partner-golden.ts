/**
 * Golden-file support for the partner recipe tests: each rendered output is compared with
 * test/recipes/golden/<recipe>/<direction>[-<variant>]/<file>. UPDATE_GOLDEN=1 rewrites the files instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import type { Direction, Recipe } from '../../src/core/recipes/schema.js';
import { renderOutputs, type RenderedOutput } from '../../src/core/render/render.js';
import { expectConsumersAccept } from '../helpers/consumers.js';
import { fixtureContext, FIXTURE } from '../helpers/render-fixture.js';

const GOLDEN_ROOT = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

type Answers = Record<string, string | boolean | string[]>;
type Opts = Parameters<typeof fixtureContext>[3];

export interface Rendered {
  recipe: Recipe;
  outputs: RenderedOutput[];
  byId: (id: string) => RenderedOutput;
  json: (id: string) => unknown;
}

export function renderRecipe(id: string, direction: Direction, answers: Answers = {}, opts: Opts = {}): Rendered {
  const recipe = loadRecipe(id);
  const outputs = renderOutputs(recipe, fixtureContext(recipe, direction, answers, opts));
  const byId = (oid: string): RenderedOutput => {
    const o = outputs.find((x) => x.id === oid);
    if (!o) throw new Error(`output ${oid} not rendered; got ${outputs.map((x) => x.id).join(', ')}`);
    return o;
  };
  return { recipe, outputs, byId, json: (oid) => JSON.parse(byId(oid).content) as unknown };
}

/** Compare (or with UPDATE_GOLDEN=1 write) every output of one render, after its real consumers accepted it. */
export function expectGolden(recipeId: string, caseName: string, outputs: RenderedOutput[]): void {
  const dir = join(GOLDEN_ROOT, recipeId, caseName);
  const index = outputs.map((o) => `${o.file}\t${o.format}\t${o.secret ? 'secret' : 'plain'}`).join('\n') + '\n';
  expectConsumersAccept(outputs);
  const files: [string, string][] = [['_outputs.tsv', index], ...outputs.map((o): [string, string] => [o.file, o.content])];
  for (const [file, content] of files) {
    const path = join(dir, file);
    if (UPDATE) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, content);
      continue;
    }
    expect(existsSync(path), `golden file missing: ${path} (run with UPDATE_GOLDEN=1)`).toBe(true);
    expect(content, `golden mismatch: ${path}`).toBe(readFileSync(path, 'utf8'));
  }
}

/** The fixture's SIP password must appear only in outputs marked secret. */
export function expectSecretsOnlyInSecretOutputs(outputs: RenderedOutput[], extraSecrets: string[] = []): void {
  for (const o of outputs) {
    if (o.secret) continue;
    for (const s of [FIXTURE.password, ...extraSecrets]) expect(o.content, `${o.id} leaks a secret`).not.toContain(s);
  }
}

export { FIXTURE };
