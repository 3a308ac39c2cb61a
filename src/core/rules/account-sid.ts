/**
 * The Exotel account SID: it goes into every API path (`/v2/accounts/{account_sid}/…`) and into the trunk's SIP
 * domain (`{account_sid}.pstn.exotel.com`), so it is checked before any request. Exotel's API reference shows
 * SIDs such as `exoteltest` and `ameyo5m` (Detailed SIP Trunking API Reference, docs.exotel.com, checked
 * 2026-11-29): letters and digits; `_` and `-` are let through as well, since a SID is copied from the
 * dashboard as it is. Anything else (a space, `/`, `..`, `!`) would change the path or the domain. The
 * surrounding whitespace of a pasted value (a trailing newline) is dropped, as for every setting.
 */
import { InputError } from '../errors.js';
import type { ValidationResult } from './contract.js';
import { describeChar, fail, firstBadChar, ok, quote } from './result.js';

const SID_CHAR = /[A-Za-z0-9_-]/u;
export const ACCOUNT_SID_MAX = 64;
const VALID = `an Exotel account SID is 1 to ${ACCOUNT_SID_MAX} letters, digits, _ or -, as API Settings in the Exotel dashboard shows it (e.g. exoteltest)`;

export function account_sid(raw: string): ValidationResult {
  const text = raw.trim();
  if (text === '') return fail(`The account SID is empty: ${VALID}.`);
  const bad = firstBadChar(text, SID_CHAR);
  if (bad !== undefined) return fail(`The account SID ${quote(text)} has ${describeChar(bad)}: ${VALID}.`);
  if (text.length > ACCOUNT_SID_MAX) return fail(`The account SID is ${text.length} characters: ${VALID}.`);
  return ok(text);
}

/** The SID, trimmed, or a usage error (exit 2, nothing sent) naming where it came from. */
export function checkAccountSid(raw: string, source: string): string {
  const r = account_sid(raw);
  if (r.ok) return r.value;
  throw new InputError(`${r.message.replace(/\.$/u, '')} (${source}).`, { fix: `Copy the account SID from API Settings in the Exotel dashboard into ${source}; nothing was sent.` });
}
