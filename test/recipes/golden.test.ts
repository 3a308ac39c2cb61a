/**
 * Golden files: every output of the four recipes for a fixed answer set per direction. Run with
 * UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { renderOutputs } from '../../src/core/render/render.js';
import { expectConsumersAccept } from '../helpers/consumers.js';
import { FIXTURE, fixtureContext } from '../helpers/render-fixture.js';
import { CASES } from './answer-sets.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

describe.each(CASES)('$recipe $direction', ({ recipe: id, direction, answers, auth }) => {
  const recipe = loadRecipe(id);
  const outputs = renderOutputs(recipe, fixtureContext(recipe, direction, answers, { auth }));

  it('renders at least one output', () => {
    expect(outputs.length).toBeGreaterThan(0);
  });

  it('every output is accepted by the program that reads it', () => {
    expectConsumersAccept(outputs);
  });

  it.each(outputs.map((o) => [o.file, o] as const))('%s matches its golden file', (file, o) => {
    const path = join(GOLDEN, id, direction, file);
    if (update) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, o.content);
    }
    expect(existsSync(path), `missing golden ${path}: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(o.content).toBe(readFileSync(path, 'utf8'));
  });

  it('puts the SIP password only in outputs marked secret', () => {
    for (const o of outputs) {
      if (o.content.includes(FIXTURE.password)) expect(o.secret, `${o.id} holds the password`).toBe(true);
    }
  });

  it('never leaves a placeholder from a missing answer', () => {
    for (const o of outputs) expect(o.content).not.toMatch(/undefined|\[object Object\]/);
  });
});
