/** Every validator, on arbitrary input (1,000 runs each): never throws, answers in the contract's shape. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VALIDATOR_NAMES } from '../../src/core/recipes/schema.js';
import { validators } from '../../src/core/rules/validators.js';
import { RUNS, anyString } from './arbitraries.js';

describe.each(VALIDATOR_NAMES)('%s on arbitrary strings', (name) => {
  const v = validators[name];
  // An accepted value validates to itself; a note on what was taken from a pasted address ("took "acme" from
  // https://acme.daily.co") need not repeat, since the value alone has nothing left to take.
  it('never throws; an accepted value is trimmed and accepted again unchanged; a refusal is a short message', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = v(s);
        if (r.ok) {
          expect(typeof r.value).toBe('string');
          expect(r.value).toBe(r.value.trim());
          const again = v(r.value);
          expect(again).toMatchObject({ ok: true, value: r.value });
          if (!r.warning?.startsWith('took ')) expect(again).toEqual(r);
        } else {
          expect(r.message.length).toBeGreaterThan(10);
          expect(r.message.length).toBeLessThan(400);
          expect(r.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/); // no raw control characters on screen
        }
      }),
      RUNS,
    );
  });
});
