/**
 * Phone numbers in E.164 (+ country code + number), the only form Exotel and the partners accept.
 * libphonenumber-js knows the numbering plans; we add the leading "+" rule and a clear Indian length check,
 * and offer the E.164 form when a national Indian number can be read. Its "max" metadata, not the default
 * "min": "min" checks little more than the length, so it took "+431000" (4 digits after Austria's +43) for a
 * number; "max" checks each country's number patterns (about 70 KB more in the bundle).
 */
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, validatePhoneNumberLength, type PhoneNumber } from 'libphonenumber-js/max';
import type { ValidationResult } from './contract.js';
import { fail, ok, quote, splitList, validateItems } from './result.js';

const E164_VALID = 'a number in E.164 form: "+", the country code, then the number, e.g. +912247790801';
/** Digits with the separators people type; anything else (letters, "ext") is refused before parsing. */
const PHONE_CHARS = /^\+?[0-9 ()\-.]+$/u;

function parse(text: string, country?: 'IN'): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, country);
  } catch {
    return undefined;
  }
}

/** For a number typed without "+", the E.164 form when it can be read as Indian (national, 91…, or 0091…). */
function inferIndian(text: string): string | undefined {
  const digits = text.replace(/\D/gu, '');
  const candidates = [
    parse(text, 'IN'),
    digits.startsWith('91') ? parse(`+${digits}`) : undefined,
    digits.startsWith('0091') ? parse(`+${digits.slice(2)}`) : undefined,
  ];
  for (const p of candidates) {
    if (p && p.countryCallingCode === '91' && p.nationalNumber.length === 10 && p.isValid()) return p.number;
  }
  return undefined;
}

export function e164(raw: string): ValidationResult {
  const text = raw.trim();
  if (text === '') return fail(`The phone number is empty: enter ${E164_VALID}.`);
  if (!/\d/u.test(text)) return fail(`${quote(text)} has no digits: enter ${E164_VALID}.`);
  if (!PHONE_CHARS.test(text)) return fail(`${quote(text)} has characters other than digits: enter ${E164_VALID}.`);
  if (!text.startsWith('+')) {
    const suggestion = inferIndian(text);
    if (suggestion) return fail(`${quote(text)} has no country code: add it, as in ${suggestion} (E.164, with the leading +).`);
    return fail(`${quote(text)} does not start with "+": enter ${E164_VALID}.`);
  }
  // +91 is India's alone (no other calling code starts 91), so the length rule applies before parsing.
  const digits = text.replace(/\D/gu, '');
  if (digits.startsWith('91')) {
    const national = digits.slice(2).replace(/^0/u, '');
    if (national.length !== 10) return fail(`${quote(text)} has ${national.length} digits after +91: an Indian number has 10, e.g. +912247790801.`);
  }
  const length = validatePhoneNumberLength(text);
  if (length === 'INVALID_COUNTRY') return fail(`${quote(text)} does not start with a country code in use: enter ${E164_VALID}.`);
  const p = parse(text);
  if (!p || p.ext) return fail(`${quote(text)} is not a phone number: enter ${E164_VALID}.`);
  const where = `country code +${p.countryCallingCode}${countryOf(p.countryCallingCode)}`;
  const n = p.nationalNumber.length;
  if (length === 'TOO_SHORT' || length === 'TOO_LONG' || length === 'INVALID_LENGTH') {
    const how = length === 'TOO_SHORT' ? 'too few' : length === 'TOO_LONG' ? 'too many' : 'not a length in use';
    return fail(`${quote(text)} has ${n} digit${n === 1 ? '' : 's'} after +${p.countryCallingCode}: ${how} for a number with ${where}. Enter ${E164_VALID}.`);
  }
  if (!p.isValid()) return fail(`${quote(text)} is not a valid number for ${where}: no number there has this form. Enter ${E164_VALID}.`);
  return ok(p.number);
}

/**
 * " (Austria)" for a calling code only one country has; "" for a shared one (+1, +44, +7): the library's guess
 * of the country of a number that is not valid can be wrong ("+1 800 123 456" is not Dominican).
 */
function countryOf(callingCode: string): string {
  const countries = getCountries().filter((c) => getCountryCallingCode(c) === callingCode);
  if (countries.length !== 1) return '';
  try {
    return ` (${new Intl.DisplayNames(['en'], { type: 'region' }).of(countries[0]!) ?? countries[0]})`;
  } catch {
    return ` (${countries[0]})`; // Node built without ICU region names
  }
}

export function e164_list(raw: string): ValidationResult {
  // Spaces may sit inside one number ("+91 22 4779 0801"), so only commas and semicolons separate here;
  // a space-separated list works when each item starts with "+".
  const items = raw.includes(',') || raw.includes(';') ? raw.split(/[,;]+/u).map((s) => s.trim()).filter(Boolean) : splitByPlus(raw);
  return validateItems(items, e164, 'Number', 'The list is empty: enter one or more numbers in E.164 form separated by commas, e.g. +912247790801, +918012345678.');
}

/** "+91 22 4779 0801 +918012345678" -> two numbers; with no "+" at all, whitespace separates. */
function splitByPlus(raw: string): string[] {
  const text = raw.trim();
  if (!text.includes('+')) return splitList(text);
  return text
    .split(/(?=\+)/u)
    .map((s) => s.trim())
    .filter(Boolean);
}
