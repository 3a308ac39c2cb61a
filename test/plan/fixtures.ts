/** Inputs for the pure planner / verify tests, built the way the engine builds them (real recipes, real rules). */
import { expect } from 'vitest';
import { collectAnswers } from '../../src/core/engine/answers.js';
import { buildInputs } from '../../src/core/engine/inputs.js';
import type { Inputs, Observed, Step } from '../../src/core/engine/types.js';
import { loadRecipe } from '../../src/core/recipes/loader.js';

export const DID = '+918012345678';
export const OTHER_DID = '+918099999999';
export const IP_A = '44.248.146.11';
export const IP_B = '52.66.10.20';
export const SID = 'trmum1aaaaaaaaaaaaaaaaaaaaaa';
export const ACCOUNT = 'plantest1';

export function inputs(recipeId: string, set: Record<string, string>, env: NodeJS.ProcessEnv = {}): Inputs {
  const recipe = loadRecipe(recipeId);
  const c = collectAnswers(recipe, { set, env });
  expect(c.missing.map((q) => q.id)).toEqual([]);
  expect(c.invalid).toEqual([]);
  return buildInputs(recipe, c.answers);
}

/** own-pbx, both directions, IP destination (so the destination needs its ACL entry first). */
export const pbxIp = () => inputs('own-pbx', { direction: 'both', did: DID, pbx_ips: `${IP_A},${IP_B}`, pbx_host: IP_A });
/** own-pbx with an FQDN destination: no ACL dependency for the destination. */
export const pbxFqdn = () => inputs('own-pbx', { direction: 'both', did: DID, pbx_ips: IP_B, pbx_host: 'pbx.example.com' });
/** LiveKit both: digest credential, FQDN destination, alias. */
export const livekitBoth = () => inputs('livekit', { direction: 'both', did: DID, livekit_subdomain: 'abc123' });

export function emptyObserved(over: Partial<Observed> = {}): Observed {
  return { trunkSid: SID, numbers: [], acl: [], credentials: [], destinations: [], alias: undefined, ...over };
}

/** Length of the longest dependency chain (in calls): the floor for wall time at a given latency. */
export function criticalPath(steps: Step[]): number {
  const memo = new Map<string, number>();
  const depth = (s: Step): number => {
    if (memo.has(s.id)) return memo.get(s.id)!;
    const d = 1 + Math.max(0, ...s.dependsOn.map((id) => depth(steps.find((x) => x.id === id)!)));
    memo.set(s.id, d);
    return d;
  };
  return Math.max(0, ...steps.map(depth));
}
