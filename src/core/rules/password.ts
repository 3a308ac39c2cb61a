/**
 * SIP digest passwords: checked without ever echoing the value (it is a secret), and generated with the
 * system CSPRNG. The refused characters break SIP URIs ("user:password@host") or get mangled by partner
 * web forms and shell pastes, so the tool keeps them out of the secret entirely.
 */
import { randomInt } from 'node:crypto';
import type { ValidationResult } from './contract.js';
import { fail, ok } from './result.js';

export const SIP_PASSWORD_MIN = 12;
export const SIP_PASSWORD_MAX = 128;
/** Refused inside a password: they delimit or quote parts of a SIP URI, JSON or a shell line. */
const REFUSED = new Set([' ', '"', "'", '`', ':', '@', '\\']);

const PASSWORD_VALID = `${SIP_PASSWORD_MIN} to ${SIP_PASSWORD_MAX} printable ASCII characters without spaces, quotes, ":", "@" or "\\" (they break SIP URIs and partner forms); leave it empty to generate one`;

export function sip_password(raw: string): ValidationResult {
  const text = raw.trim();
  // Never quote the value: a password must not reach a message, a log or the screen.
  const length = Array.from(text).length;
  if (length < SIP_PASSWORD_MIN) return fail(`The password has ${length} characters: use ${PASSWORD_VALID}.`);
  if (length > SIP_PASSWORD_MAX) return fail(`The password has ${length} characters: use ${PASSWORD_VALID}.`);
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (REFUSED.has(ch)) return fail(`The password contains ${ch === ' ' ? 'a space' : `a ${JSON.stringify(ch)}`}: use ${PASSWORD_VALID}.`);
    if (code < 0x21 || code > 0x7e) return fail(`The password contains a character outside printable ASCII: use ${PASSWORD_VALID}.`);
  }
  return ok(text);
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz'; // no l: it reads like 1 when a human copies it
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I, O
const DIGITS = '23456789'; // no 0, 1
const SYMBOLS = '-_.~'; // URI-unreserved: safe in SIP URIs, JSON, YAML and shells
const CLASSES = [LOWER, UPPER, DIGITS, SYMBOLS];
const ALL = CLASSES.join('');
export const GENERATED_PASSWORD_MIN = 20;

/** randomInt draws uniformly (it rejects biased samples), so each pick below is unbiased. */
const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)];

/**
 * A strong SIP password: at least 20 characters, one of each class guaranteed (some partner forms insist),
 * positions shuffled with Fisher-Yates so the guaranteed characters are not at predictable places.
 */
export function generatePassword(length = 24): string {
  const wanted = Number.isFinite(length) ? Math.floor(length) : 24;
  const n = Math.max(GENERATED_PASSWORD_MIN, Math.min(SIP_PASSWORD_MAX, wanted));
  const chars = CLASSES.map(pick);
  while (chars.length < n) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
