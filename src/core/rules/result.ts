/**
 * Small helpers every validator shares: building results, and quoting what the user typed so a message
 * can show it without letting control characters or a pasted novel through.
 */
import type { ValidationResult } from './contract.js';

export const ok = (value: string, warning?: string): ValidationResult => (warning ? { ok: true, value, warning } : { ok: true, value });
export const fail = (message: string): ValidationResult => ({ ok: false, message });

const MAX_QUOTED = 40;

/** The user's value, JSON-quoted (escapes control characters) and cut to a readable length. */
export function quote(raw: string): string {
  const chars = Array.from(raw);
  const shown = chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED - 1).join('')}…` : raw;
  return JSON.stringify(shown);
}

/** Names the first character a pattern refuses, e.g. `a "-"` or `a space`, for "what is wrong" messages. */
export function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (/\s/u.test(ch)) return 'a whitespace character';
  if (/\p{Cc}/u.test(ch)) return 'a control character';
  return `a ${JSON.stringify(ch)}`;
}

/** The first character of `s` not matched by the single-character class `allowed`, if any. */
export function firstBadChar(s: string, allowed: RegExp): string | undefined {
  for (const ch of s) if (!allowed.test(ch)) return ch;
  return undefined;
}

/** Splits a comma / space / semicolon separated list, dropping empty items. */
export function splitList(raw: string): string[] {
  return raw.split(/[\s,;]+/u).filter((item) => item.length > 0);
}

/**
 * A list validator from an item validator: every item checked (the first bad one named by its position),
 * duplicates dropped, the normalised items joined with ", ".
 */
export function validateItems(items: string[], item: (s: string) => ValidationResult, noun: string, empty: string): ValidationResult {
  if (items.length === 0) return fail(empty);
  const out: string[] = [];
  for (const [i, raw] of items.entries()) {
    const r = item(raw);
    if (!r.ok) return fail(items.length > 1 ? `${noun} ${i + 1}: ${r.message}` : r.message);
    if (!out.includes(r.value)) out.push(r.value);
  }
  return ok(out.join(', '));
}
