/** fast-check generators shared by the rules' property tests; importing it fixes the seed (test/helpers/fc-seed.ts). */
import fc from 'fast-check';
import '../helpers/fc-seed.js';

export const RUNS = { numRuns: 1000 } as const;

/** Any string, including astral code points; and strings of raw UTF-16 units (lone surrogates). */
export const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.string({ maxLength: 80 }),
);

export const ws = fc.constantFrom('', ' ', '  ', '\t', ' \n');
export const padded = (a: fc.Arbitrary<string>) => fc.tuple(ws, a, ws).map(([l, s, r]) => ({ raw: `${l}${s}${r}`, core: s }));

/** Puts `ch` at a random position of `s`. */
export const insertAt = (s: fc.Arbitrary<string>, ch: fc.Arbitrary<string>) =>
  fc.tuple(s, ch, fc.nat()).map(([base, c, i]) => {
    const at = base.length === 0 ? 0 : i % (base.length + 1);
    return base.slice(0, at) + c + base.slice(at);
  });

/** Random upper/lower casing of ASCII letters. */
export const recase = (s: fc.Arbitrary<string>) =>
  fc.tuple(s, fc.array(fc.boolean(), { minLength: 64, maxLength: 64 })).map(([text, flips]) =>
    Array.from(text, (c, i) => (flips[i % 64] ? c.toUpperCase() : c.toLowerCase())).join(''),
  );

// "--" in the 3rd and 4th places is reserved by IDNA (xn-- is punycode); WHATWG's URL parser refuses such a
// label unless it is valid punycode, so ordinary labels never have it (fast-check once found "xn--0").
export const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/).filter((l) => l.slice(2, 4) !== '--');
export const tld = fc.stringMatching(/^[a-z]{2,10}$/);
export const fqdnArb = fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), tld).map(([ls, t]) => [...ls, t].join('.'));

const byte = fc.integer({ min: 0, max: 255 });
export const anyIPv4 = fc.tuple(byte, byte, byte, byte).map((b) => b.join('.'));

/** An independent list of the ranges Exotel cannot use (not ipaddr.js's), as [first octets, prefix bits]. */
export const REFUSED_RANGES: Array<[number[], number]> = [
  [[0, 0, 0, 0], 8],
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10],
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16],
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4],
  [[240, 0, 0, 0], 4],
];

const toInt = (o: number[]) => ((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3];
const fromInt = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

export function inRefusedRange(ip: string): boolean {
  const n = toInt(ip.split('.').map(Number));
  return REFUSED_RANGES.some(([base, bits]) => n >>> (32 - bits) === toInt(base) >>> (32 - bits));
}

/** An address inside one of the refused ranges. */
export const refusedIPv4 = fc
  .tuple(fc.constantFrom(...REFUSED_RANGES), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([[base, bits], r]) => fromInt((toInt(base) + (bits === 32 ? 0 : r % 2 ** (32 - bits))) >>> 0));

/** A routable address, by rejection against the independent list (AS112/AMT anycast skipped too). */
export const publicIPv4 = anyIPv4.filter((ip) => !inRefusedRange(ip) && !/^192\.(175\.48|31\.196|52\.193)\./.test(ip));
