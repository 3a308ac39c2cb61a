/** decideAuth on generated inputs (1,000 runs): it decides or refuses with an InputError, and its plan is sound. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { decideAuth } from '../../src/core/rules/auth.js';
import type { AuthInput, AuthPlan } from '../../src/core/rules/contract.js';
import { ipv4_public } from '../../src/core/rules/ip.js';
import { RUNS, fqdnArb, publicIPv4, refusedIPv4 } from './arbitraries.js';

const cidr = fc.tuple(publicIPv4, fc.integer({ min: 8, max: 31 })).map(([ip, bits]) => `${ip}/${bits}`);
const authInput: fc.Arbitrary<AuthInput> = fc.record({
  direction: fc.constantFrom('outbound', 'inbound', 'both'),
  egress: fc.record({ kind: fc.constantFrom('static', 'cidr', 'dynamic', 'user'), ips: fc.array(publicIPv4, { maxLength: 3 }), cidrs: fc.array(cidr, { maxLength: 2 }) }),
  userIps: fc.array(fc.oneof(publicIPv4, publicIPv4, cidr, refusedIPv4), { maxLength: 3 }),
  policy: fc.constantFrom('auto', 'digest', 'acl'),
  allowMixedAuth: fc.boolean(),
  mixConfirmed: fc.boolean(),
  wantDigestToo: fc.boolean(),
  destinationHost: fc.option(fc.oneof(fqdnArb, publicIPv4, refusedIPv4), { nil: undefined }),
  numberMode: fc.constantFrom('pstn', 'flow'),
  credentialsAlways: fc.option(fc.boolean(), { nil: undefined }),
  partnerName: fc.option(fc.constantFrom('Retell', 'Bolna'), { nil: undefined }),
}) as fc.Arbitrary<AuthInput>;

function decide(input: AuthInput): AuthPlan | InputError {
  try {
    return decideAuth(input);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

describe('decideAuth properties', () => {
  it('either refuses with an InputError or gives a sound plan', () => {
    fc.assert(
      fc.property(authInput, (input) => {
        const plan = decide(input);
        if (plan instanceof InputError) {
          expect(plan.message.length).toBeGreaterThan(10);
          return;
        }
        expect(new Set(plan.aclIps).size).toBe(plan.aclIps.length);
        for (const ip of plan.aclIps) expect(ipv4_public(ip)).toEqual({ ok: true, value: ip });
        expect(plan.mode).toBe(input.numberMode);
        expect(plan.decisions.filter((d) => d.topic === 'mode')).toHaveLength(1);
        for (const d of plan.decisions) expect(d.reason).toMatch(/^[A-Z0-9].*\.$/);
        if (plan.destinationNeedsAcl) expect(plan.decisions.some((d) => d.topic === 'order')).toBe(true);
        if (input.credentialsAlways) expect(plan.digest).toBe(true);
        // Rule 3: ACL for the partner plus digest only when allowed, wanted and confirmed (or forced by the recipe).
        const partnerAcl = plan.aclIps.filter((ip) => !input.destinationHost?.includes(ip));
        if (partnerAcl.length && plan.digest && !input.credentialsAlways) {
          expect(input.allowMixedAuth && input.wantDigestToo && input.mixConfirmed).toBe(true);
        }
        // Rule 2: no user range ever reaches the ACL, and with a user range and policy auto the outbound auth is digest.
        if (input.direction !== 'inbound' && input.policy === 'auto' && input.userIps.some((s) => s.includes('/'))) expect(plan.digest).toBe(true);
        if (input.direction === 'inbound') expect(plan.decisions.some((d) => d.choice === 'acl')).toBe(false);
      }),
      RUNS,
    );
  });
});
