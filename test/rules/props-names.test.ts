/** Property tests (1,000 runs each) for the name-like validators. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { friendly_name, identifier, nonempty, sip_username, suggestTrunkName, trunk_name } from '../../src/core/rules/validators.js';
import { RUNS, anyString, insertAt, padded } from './arbitraries.js';

const badTrunkChar = fc.constantFrom('-', ' ', '.', '@', '/', 'é', ':', '+');

describe('trunk_name properties', () => {
  it('any valid name passes unchanged (after trimming) and is idempotent', () => {
    fc.assert(
      fc.property(padded(fc.stringMatching(/^[A-Za-z0-9_]{1,16}$/)), ({ raw, core }) => {
        expect(trunk_name(raw)).toEqual({ ok: true, value: core });
        expect(trunk_name(core)).toEqual({ ok: true, value: core });
      }),
      RUNS,
    );
  });
  it('a bad character fails, naming what is valid and a valid example', () => {
    fc.assert(
      fc.property(insertAt(fc.stringMatching(/^[A-Za-z0-9_]{0,15}$/), badTrunkChar), (name) => {
        const r = trunk_name(`x${name}x`);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.message).toContain('1 to 16 letters, digits or underscores');
        const example = /e\.g\. (\S+)\.$/.exec(r.message)?.[1] ?? '';
        expect(trunk_name(example).ok).toBe(true);
      }),
      RUNS,
    );
  });
  it('a name over 16 characters fails saying its length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_]{17,40}$/), (name) => {
        expect(trunk_name(name)).toMatchObject({ ok: false, message: expect.stringContaining(`is ${name.length} characters`) });
      }),
      RUNS,
    );
  });
  it('suggestTrunkName always gives a valid name', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom('outbound', 'inbound', 'both', 'other'), (partner, direction) => {
        const name = suggestTrunkName(partner, direction);
        expect(trunk_name(name)).toEqual({ ok: true, value: name });
      }),
      RUNS,
    );
  });
});

describe('identifier properties', () => {
  it('valid ids pass and are idempotent', () => {
    fc.assert(
      fc.property(padded(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,128}$/)), ({ raw, core }) => {
        expect(identifier(raw)).toEqual({ ok: true, value: core });
        expect(identifier(core)).toEqual({ ok: true, value: core });
      }),
      RUNS,
    );
  });
  it('a bad character fails with what is valid', () => {
    fc.assert(
      fc.property(insertAt(fc.stringMatching(/^[A-Za-z0-9_.:-]{0,20}$/), fc.constantFrom(' ', '/', '@', '#', 'ü', '?')), (id) => {
        expect(identifier(`a${id}b`)).toMatchObject({ ok: false, message: expect.stringContaining('1 to 128 letters') });
      }),
      RUNS,
    );
  });
});

describe('sip_username properties', () => {
  it('valid usernames pass and are idempotent', () => {
    fc.assert(
      fc.property(padded(fc.stringMatching(/^[A-Za-z0-9_.\-+]{3,64}$/)), ({ raw, core }) => {
        expect(sip_username(raw)).toEqual({ ok: true, value: core });
        expect(sip_username(core)).toEqual({ ok: true, value: core });
      }),
      RUNS,
    );
  });
  it('a character that breaks SIP URIs fails, saying so', () => {
    fc.assert(
      fc.property(insertAt(fc.stringMatching(/^[A-Za-z0-9_.\-+]{3,20}$/), fc.constantFrom('@', ':', ';', ' ', '"', '<', '%', 'ñ')), (u) => {
        expect(sip_username(`u${u}u`)).toMatchObject({ ok: false, message: expect.stringContaining('breaks SIP URIs') });
      }),
      RUNS,
    );
  });
  it('too short or too long fails with the length', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[a-z0-9]{1,2}$/), fc.stringMatching(/^[a-z0-9]{65,90}$/)), (u) => {
        expect(sip_username(u)).toMatchObject({ ok: false, message: expect.stringContaining(`is ${u.length} characters`) });
      }),
      RUNS,
    );
  });
});

describe('friendly_name properties', () => {
  const printable = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 32 }).map((s) => s.trim()).filter((s) => s.length > 0);
  it('1 to 32 printable characters pass and are idempotent', () => {
    fc.assert(
      fc.property(padded(printable), ({ raw, core }) => {
        expect(friendly_name(raw)).toEqual({ ok: true, value: core });
        expect(friendly_name(core)).toEqual({ ok: true, value: core });
      }),
      RUNS,
    );
  });
  it('more than 32 characters fails with the count and the limit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z ]{31,60}[a-z]$/), (name) => {
        expect(friendly_name(name)).toMatchObject({ ok: false, message: expect.stringContaining('1 to 32 characters') });
      }),
      RUNS,
    );
  });
  it('a control character fails', () => {
    fc.assert(
      fc.property(insertAt(fc.stringMatching(/^[a-z]{1,10}$/), fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c))), (name) => {
        expect(friendly_name(`a${name}b`).ok).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('nonempty properties', () => {
  it('passes exactly when something other than whitespace is there, trimmed', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = nonempty(s);
        if (s.trim() === '') expect(r).toMatchObject({ ok: false, message: expect.stringContaining('enter a value') });
        else expect(r).toEqual({ ok: true, value: s.trim() });
      }),
      RUNS,
    );
  });
});
