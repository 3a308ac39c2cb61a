import { describe, expect, it } from 'vitest';
import { e164, e164_list } from '../../src/core/rules/phone.js';

describe('e164', () => {
  it.each([
    ['+912247790801', '+912247790801'],
    ['+91 22 4779 0801', '+912247790801'],
    ['+91-80-1234-5678', '+918012345678'],
    [' +918012345678 ', '+918012345678'],
    ['+91 (22) 4779-0801', '+912247790801'],
    ['+1 650 253 0000', '+16502530000'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('accepts %j as %j', (input, value) => expect(e164(input)).toEqual({ ok: true, value }));

  it.each([
    ['02247790801', ['no country code', '+912247790801']],
    ['2247790801', ['+912247790801']],
    ['912247790801', ['+912247790801']],
    ['00912247790801', ['+912247790801']],
    ['12345', ['does not start with "+"', 'E.164']],
    ['+91224779080', ['9 digits after +91', 'an Indian number has 10']],
    ['+9122477908011', ['11 digits after +91']],
    ['+1 800 123 456', ['9 digits after +1: too few for a number with country code +1.', 'E.164']],
    // Fewer digits than any Austrian number has, but the default ("min") metadata took it (fast-check found it).
    ['+431000', ['not a valid number for country code +43 (Austria)', 'E.164']],
    ['+4412345', ['5 digits after +44: too few', 'E.164']],
    ['+4420794609581234', ['14 digits after +44: too many', 'E.164']],
    ['+99912345678', ['does not start with a country code in use', 'E.164']],
    ['+91 22 4779 0801 ext 5', ['characters other than digits']],
    ['call +912247790801', ['characters other than digits']],
    ['', ['empty', 'E.164']],
    ['+', ['has no digits']],
    ['+()', ['has no digits']],
  ])('refuses %j, saying what is valid', (input, mentions) => {
    const r = e164(input);
    expect(r.ok).toBe(false);
    if (!r.ok) for (const m of mentions) expect(r.message).toContain(m);
  });
});

describe('e164_list', () => {
  it.each([
    ['+912247790801, +918012345678', '+912247790801, +918012345678'],
    ['+91 22 4779 0801 +918012345678', '+912247790801, +918012345678'],
    ['+912247790801;+912247790801', '+912247790801'],
  ])('accepts %j as %j', (input, value) => expect(e164_list(input)).toEqual({ ok: true, value }));

  it('names the bad number and offers the E.164 form', () => {
    expect(e164_list('+918012345678, 02247790801')).toEqual({
      ok: false,
      message: 'Number 2: "02247790801" has no country code: add it, as in +912247790801 (E.164, with the leading +).',
    });
  });
  it('refuses an empty list with an example', () => {
    expect(e164_list(' ,, ')).toMatchObject({ ok: false, message: expect.stringContaining('+912247790801') });
  });
});
