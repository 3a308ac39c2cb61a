/**
 * Renders a recipe the way `apply` does, for render and golden tests: the answers are collected and
 * validated by the engine's own collector (as from an answers file), the rules decide auth, ACL, destination
 * and number mode (buildInputs), and the context comes from the same function Engine.render calls
 * (renderContextFor). A test supplies answers, never an auth mode: `expectAuth` only checks what the rules
 * decided.
 */
import { collectAnswers } from '../../src/core/engine/answers.js';
import { buildInputs } from '../../src/core/engine/inputs.js';
import { renderContextFor } from '../../src/core/engine/render-context.js';
import type { Inputs } from '../../src/core/engine/types.js';
import type { Direction, Recipe } from '../../src/core/recipes/schema.js';
import type { RenderContext } from '../../src/core/render/context.js';

export const FIXTURE = {
  accountSid: 'exoteltest',
  region: 'in',
  trunkSid: 'trmum1a2b3c4d5e6f7890123456',
  did: '+918012345678',
  password: 'Fixture-Pass-0123456789',
  username: 'exotrunk_fixture',
} as const;

type Answers = Record<string, string | boolean | string[]>;

export interface FixtureOpts {
  /** the trunk sid the journal knows; null: before the trunk exists (templates show "<trunk_sid>") */
  trunkSid?: string | null;
  /** what the rules must have decided; a mismatch fails the test (it is never passed to the renderer) */
  auth?: RenderContext['exotel']['auth'];
}

/** The engine's inputs for these answers: what `exotrunk apply --answers FILE` would plan and render from. */
export function fixtureInputs(recipe: Recipe, direction: Direction, answers: Answers, opts: FixtureOpts = {}): Inputs {
  const file: Answers = {
    direction,
    did: FIXTURE.did,
    sip_username: FIXTURE.username,
    sip_password: FIXTURE.password,
    ...answers,
  };
  const r = collectAnswers(recipe, { file, env: {} }, { generateSecrets: false });
  const problems = [...r.invalid.map((i) => `${i.id}: ${i.message}`), ...r.missing.map((q) => `${q.id}: missing`)];
  if (problems.length) throw new Error(`fixture answers for ${recipe.id} ${direction} are not accepted by the engine:\n  ${problems.join('\n  ')}`);
  const trunkSid = opts.trunkSid === null ? undefined : (opts.trunkSid ?? FIXTURE.trunkSid);
  return buildInputs(recipe, r.answers, { trunkSid });
}

export function fixtureContext(recipe: Recipe, direction: Direction, answers: Answers, opts: FixtureOpts = {}): RenderContext {
  const inputs = fixtureInputs(recipe, direction, answers, opts);
  const ctx = renderContextFor(inputs, { account: { sid: FIXTURE.accountSid, region: FIXTURE.region }, trunkSid: inputs.trunkSid });
  if (opts.auth !== undefined && ctx.exotel.auth !== opts.auth) {
    throw new Error(`${recipe.id} ${direction}: the rules decided auth "${ctx.exotel.auth}", the test expected "${opts.auth}"`);
  }
  return ctx;
}
