import { describe, expect, it } from 'vitest';
import { generatePassword, sip_password } from '../../src/core/rules/password.js';

describe('sip_password', () => {
  it.each(['Abcdef123456', 'x-Y_z.~!#$%^&*()', 'a'.repeat(128)])('accepts %j', (pw) => expect(sip_password(pw)).toEqual({ ok: true, value: pw }));

  it.each([
    ['short1', ['has 6 characters', '12 to 128']],
    ['a'.repeat(129), ['has 129 characters']],
    ['abcdef 123456', ['a space', 'break SIP URIs']],
    ['abcdef:123456', ['a ":"']],
    ['abcdef@123456', ['a "@"']],
    ['abcdef"123456', ['a "\\""']],
    ["abcdef'123456", ['a "\'"']],
    ['abcdef\\123456', ['a "\\\\"']],
    ['abcdefé123456', ['outside printable ASCII']],
    ['', ['has 0 characters']],
  ])('refuses %j and says why', (pw, mentions) => {
    const r = sip_password(pw);
    expect(r.ok).toBe(false);
    if (!r.ok) for (const m of mentions) expect(r.message).toContain(m);
  });
});

describe('generatePassword', () => {
  it('gives 24 characters by default with every class present', () => {
    const pw = generatePassword();
    expect(pw).toHaveLength(24);
    expect(pw).toMatch(/[a-z]/);
    expect(pw).toMatch(/[A-Z]/);
    expect(pw).toMatch(/[0-9]/);
    expect(pw).toMatch(/[-_.~]/);
  });
  it('never goes below 20 characters, nor above 128', () => {
    expect(generatePassword(4)).toHaveLength(20);
    expect(generatePassword(Number.NaN)).toHaveLength(24);
    expect(generatePassword(500)).toHaveLength(128);
  });
  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(seen.size).toBe(200);
  });
  it('spreads picks over the alphabet (no character class starves)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++) for (const ch of generatePassword(32)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    // 61 symbols over 12,800 draws: each expected ~210 times; a gross bias (a symbol missing) fails.
    expect(counts.size).toBe(61);
    for (const n of counts.values()) expect(n).toBeGreaterThan(80);
  });
});
