/**
 * A RenderContext with fixed values for render and golden tests. It goes through buildRenderContext, the
 * same code the engine uses, so the fixture cannot drift from the real thing.
 */
import type { Direction, Recipe } from '../../src/core/recipes/schema.js';
import { buildRenderContext } from '../../src/core/render/build-context.js';
import type { RenderContext } from '../../src/core/render/context.js';

export const FIXTURE = {
  accountSid: 'exoteltest',
  region: 'in',
  trunkSid: 'trmum1a2b3c4d5e6f7890123456',
  did: '+918012345678',
  password: 'Fixture-Pass-0123456789',
  username: 'exotrunk_fixture',
} as const;

export function fixtureContext(
  recipe: Recipe,
  direction: Direction,
  answers: Record<string, string | boolean | string[]>,
  opts: {
    trunkSid?: string;
    auth?: 'digest' | 'acl' | 'both' | 'none';
    destinationUri?: string;
    aclIps?: string[];
    numberMode?: 'pstn' | 'flow';
  } = {},
): RenderContext {
  const auth = opts.auth ?? 'digest';
  const digest = auth === 'digest' || auth === 'both';
  return buildRenderContext({
    recipe,
    direction,
    answers: {
      trunk_name: String(recipe.defaults.trunk_name ?? 'exotrunk_test'),
      did: FIXTURE.did,
      ...(digest ? { sip_username: FIXTURE.username, sip_password: FIXTURE.password } : {}),
      ...answers,
    },
    account: { sid: FIXTURE.accountSid, region: FIXTURE.region },
    trunkSid: opts.trunkSid ?? FIXTURE.trunkSid,
    auth,
    destinationUri: opts.destinationUri,
    aclIps: opts.aclIps,
    numberMode: opts.numberMode,
  });
}
