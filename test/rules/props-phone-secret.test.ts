/** Property tests (1,000 runs each) for phone numbers, SIP passwords and the password generator. */
import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { e164, e164_list } from '../../src/core/rules/phone.js';
import { generatePassword, sip_password } from '../../src/core/rules/password.js';
import { RUNS, insertAt } from './arbitraries.js';

const exampleNumbers = getCountries()
  .map((c) => getExampleNumber(c, examples)?.number)
  .filter((n): n is NonNullable<typeof n> => !!n);
/** Indian mobile numbers: +91 then 10 digits starting 6-9 (all valid in the numbering plan). */
const indianMobile = fc.stringMatching(/^[6-9][0-9]{9}$/).map((d) => `+91${d}`);
const validNumber = fc.oneof(fc.constantFrom(...exampleNumbers), indianMobile);

/** Spreads separators people type (" ", "-", ".") between the digits of an E.164 number. */
const formatted = fc.tuple(validNumber, fc.array(fc.constantFrom('', '', '', ' ', '-', '.'), { minLength: 20, maxLength: 20 })).map(([n, seps]) => ({
  e164: n,
  raw: `+${Array.from(n.slice(1), (d, i) => d + (i < n.length - 2 ? seps[i] : '')).join('')}`,
}));

describe('e164 properties', () => {
  it('any valid number, however spaced, normalises to its E.164 form, idempotently', () => {
    fc.assert(
      fc.property(formatted, ({ e164: n, raw }) => {
        expect(e164(raw)).toEqual({ ok: true, value: n });
        expect(e164(n)).toEqual({ ok: true, value: n });
      }),
      RUNS,
    );
  });
  it('an Indian number typed nationally (0 + 10 digits) fails, offering the +91 form', () => {
    fc.assert(
      fc.property(indianMobile, (n) => {
        expect(e164(`0${n.slice(3)}`)).toEqual({ ok: false, message: `"0${n.slice(3)}" has no country code: add it, as in ${n} (E.164, with the leading +).` });
      }),
      RUNS,
    );
  });
  it('+91 with other than 10 national digits fails, saying an Indian number has 10', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]([0-9]{0,8}|[0-9]{10,13})$/), (d) => {
        expect(e164(`+91${d}`)).toMatchObject({ ok: false, message: expect.stringContaining('an Indian number has 10') });
      }),
      RUNS,
    );
  });
  it('a letter anywhere fails, saying what is valid', () => {
    fc.assert(
      fc.property(insertAt(validNumber, fc.constantFrom('a', 'x', 'E', '#', '*', ',')), (s) => {
        expect(e164(s)).toMatchObject({ ok: false, message: expect.stringContaining('E.164') });
      }),
      RUNS,
    );
  });
  it('whatever it accepts is "+" and 7 to 15 digits, a valid number for its country, and accepted again unchanged; a refusal says what is valid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9 -]{0,16}$/), (s) => {
        const r = e164(s);
        if (r.ok) {
          expect(r.value).toMatch(/^\+[1-9][0-9]{6,14}$/);
          expect(parsePhoneNumberFromString(r.value)?.isValid()).toBe(true);
          expect(e164(r.value)).toEqual(r);
        } else expect(r.message).toMatch(/E\.164|an Indian number has 10/);
      }),
      RUNS,
    );
  });
  it('digits a country\'s numbers never have (too few, too many, or no such number) are refused, naming the country code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...exampleNumbers), fc.integer({ min: -4, max: 4 }).filter((d) => d !== 0), fc.stringMatching(/^[0-9]{4}$/), (n, delta, pad) => {
        const changed = delta < 0 ? n.slice(0, delta) : n + pad.slice(0, delta);
        const parsed = parsePhoneNumberFromString(changed);
        fc.pre(!parsed?.isValid()); // some plans have numbers of several lengths
        const r = e164(changed);
        expect(r.ok).toBe(false);
        if (!r.ok && parsed) expect(r.message).toContain(`+${parsed.countryCallingCode}`);
      }),
      RUNS,
    );
  });
});

describe('e164_list properties', () => {
  it('a list of valid numbers (comma, semicolon or space separated) is accepted, de-duplicated, idempotent', () => {
    fc.assert(
      fc.property(fc.array(validNumber, { minLength: 1, maxLength: 5 }), fc.constantFrom(', ', ',', ';', ' ', '  '), (ns, sep) => {
        const r = e164_list(ns.join(sep));
        const expected = [...new Set(ns)].join(', ');
        expect(r).toEqual({ ok: true, value: expected });
        expect(e164_list(expected)).toEqual(r);
      }),
      RUNS,
    );
  });
  it('one bad number fails the list, naming its position', () => {
    fc.assert(
      fc.property(fc.array(validNumber, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{1,6}$/), (ns, bad) => {
        const r = e164_list([...ns, bad].join(', '));
        expect(r).toMatchObject({ ok: false, message: expect.stringMatching(new RegExp(`^Number ${ns.length + 1}: `)) });
      }),
      RUNS,
    );
  });
});

const printableSafe = fc.string({ unit: fc.constantFrom(...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => !`"'\`:@\\`.includes(c))), minLength: 12, maxLength: 128 });

describe('sip_password properties', () => {
  it('12 to 128 printable ASCII characters without the refused ones pass unchanged, idempotently', () => {
    fc.assert(
      fc.property(printableSafe, (pw) => {
        expect(sip_password(pw)).toEqual({ ok: true, value: pw });
      }),
      RUNS,
    );
  });
  it('a refused character fails, says why, and never echoes the password', () => {
    fc.assert(
      fc.property(insertAt(printableSafe, fc.constantFrom(' ', '"', "'", '`', ':', '@', '\\', 'é', '\u0000', '😀')), (body) => {
        const pw = `#${body}#`; // "#" appears in no message, so the password cannot hide in the text by chance
        const r = sip_password(pw);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.message).toContain('break SIP URIs and partner forms');
        expect(r.message).not.toContain(pw);
        expect(r.message).not.toContain(body.slice(0, 12));
      }),
      RUNS,
    );
  });
  it('fewer than 12 characters fails with the count', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 11 }).filter((s) => s.trim() === s), (pw) => {
        expect(sip_password(pw)).toMatchObject({ ok: false, message: expect.stringContaining(`has ${pw.length} characters`) });
      }),
      RUNS,
    );
  });
});

describe('generatePassword properties', () => {
  it('always passes sip_password, is at least 20 long, and has every class', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: -5, max: 200 }), { nil: undefined }), (n) => {
        const pw = generatePassword(n);
        expect(pw.length).toBeGreaterThanOrEqual(20);
        expect(sip_password(pw)).toEqual({ ok: true, value: pw });
        expect(pw).toMatch(/[a-z]/);
        expect(pw).toMatch(/[A-Z]/);
        expect(pw).toMatch(/[0-9]/);
        expect(pw).toMatch(/[-_.~]/);
      }),
      RUNS,
    );
  });
});
