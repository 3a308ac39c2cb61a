/**
 * Adding a partner is data: a recipe YAML and its templates, no change under src/ (docs/architecture.md, "How to
 * add a partner"). A throwaway partner (test/fixtures/new-partner: a made-up "Acme Voice" on documentation
 * addresses) is loaded and taken through the engine's own path against the sandbox: the rules pick digest for a
 * published range, the plan and apply make the trunk, the template renders, and the `when: answered` condition
 * holds the destination back until the partner's id is known, then adds exactly that.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAnswers } from '../../src/core/engine/answers.js';
import { renderContextFor } from '../../src/core/engine/render-context.js';
import { listRecipes, loadRecipe } from '../../src/core/recipes/loader.js';
import { renderOutputs } from '../../src/core/render/render.js';
import { DID, engineRig, expectNoDuplicates, type EngineRig } from '../engine/helpers.js';

const FIXTURE = join(__dirname, '..', 'fixtures', 'new-partner');
const recipes = join(FIXTURE, 'recipes');
const templates = join(FIXTURE, 'templates');

let rig: EngineRig;
beforeAll(async () => {
  rig = await engineRig();
});
afterAll(() => rig.close());

describe('a new partner from YAML and a template alone', () => {
  it('loads with every check the shipped recipes get, and takes its place in the picker', () => {
    const r = loadRecipe('acme-voice', recipes, templates);
    expect(r.order).toBe(25);
    expect(listRecipes(recipes, templates).map((x) => x.id)).toEqual(['acme-voice']);
  });

  it('plans, applies and renders through the engine; the destination waits for the partner id', async () => {
    const recipe = loadRecipe('acme-voice', recipes, templates);
    const engine = rig.newEngine();
    const round = async (set: Record<string, string>) => {
      const c = collectAnswers(recipe, { set, env: {}, previous: engine.run(recipe.id)?.answers, previousSecrets: engine.previousSecrets(recipe.id) });
      expect(c.missing.map((q) => q.id)).toEqual([]);
      const inputs = engine.inputs(recipe, c.answers);
      const { plan } = await engine.plan(inputs);
      const result = await engine.apply(plan, inputs);
      expect(result.failed).toEqual([]);
      return { inputs, plan };
    };

    // phase 1: no Acme id yet, so no destination; digest, because Acme publishes a range
    const first = await round({ did: DID });
    expect(first.inputs.auth.trunkAuth).toBe('digest');
    expect(first.plan.steps.map((s) => s.kind).sort()).toEqual(['create-credential', 'create-trunk', 'map-number', 'set-alias']);
    const [out] = renderOutputs(recipe, renderContextFor(first.inputs, { account: { sid: engine.accountSid, region: 'in' }, trunkSid: engine.run(recipe.id)!.trunkSid }), { templatesDir: templates });
    const body = JSON.parse(out!.content) as Record<string, unknown>;
    expect(body).toMatchObject({ username: 'acme_voice_sip', gateway: 'in.voip.exotel.com:443', transport: 'tls', number: DID });
    expect(body.password).toBe(first.inputs.sipPassword!.reveal());
    expect(out!.secret).toBe(true);

    // phase 2: the id Acme showed; exactly one call more, the destination the recipe's host template names
    const second = await round({ did: DID, acme_trunk_id: 'abc123' });
    expect(second.plan.steps.map((s) => [s.kind, s.kind === 'add-destination' ? s.payload.uri : ''])).toEqual([['add-destination', 'abc123.sip.acme-voice.dev:5061;transport=tls']]);
    expectNoDuplicates(rig.sandbox);
  });
});
