/**
 * Flags as typed, validated options. Commander parses them; every numeric flag goes through the one parser here
 * (commander's argParser), so a bad value is a usage error (exit 2) that names the flag, before anything runs. Each command then reads its options with the readers below: they check each value's type (a bug if
 * commander handed over something else) instead of casting the whole object.
 *
 * Light on purpose (no import at all): the wizard reads its flags before its first frame. The parsers commander
 * calls are in option-parsers.ts, beside the command table.
 */
import type { OptionValues } from 'commander';

/** The whole number in `raw` (a flag's text, or a number), or why it is not one in [min, max]. */
export function wholeNumber(raw: unknown, min: number, max: number): { ok: true; value: number } | { ok: false; message: string } {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return { ok: true, value: n };
  return { ok: false, message: `"${String(raw)}" is not valid: use a whole number from ${min} to ${max}.` };
}

// The readers: each option's type, checked. Commander gives strings, booleans, numbers (from the parsers above)
// and string lists; anything else is a bug here, not the user's input.
function bad(key: string, v: unknown, want: string): never {
  throw new Error(`option ${key} is ${typeof v}, not ${want}`);
}
export const text = (o: OptionValues, key: string): string | undefined => (o[key] === undefined ? undefined : typeof o[key] === 'string' ? o[key] : bad(key, o[key], 'text'));
export const flag = (o: OptionValues, key: string, dflt = false): boolean => (o[key] === undefined ? dflt : typeof o[key] === 'boolean' ? o[key] : bad(key, o[key], 'a switch'));
export const num = (o: OptionValues, key: string): number | undefined => (o[key] === undefined ? undefined : typeof o[key] === 'number' ? o[key] : bad(key, o[key], 'a number'));
export const list = (o: OptionValues, key: string): string[] => (o[key] === undefined ? [] : Array.isArray(o[key]) && o[key].every((x: unknown) => typeof x === 'string') ? o[key] : bad(key, o[key], 'a list'));
export function oneOf<T extends string>(o: OptionValues, key: string, values: readonly T[]): T | undefined {
  const v = text(o, key);
  return v === undefined || (values as readonly string[]).includes(v) ? (v as T | undefined) : bad(key, v, values.join(' | '));
}

/** The flags every engine command takes. */
export interface Globals {
  accountSid?: string;
  region?: 'in' | 'sg';
  baseUrl?: string;
  apiTokenFile?: string;
  profile?: string;
  /** API requests per minute (--rate-limit) */
  rateLimit?: number;
  sandbox: boolean;
  state: string;
  /** --lock-timeout as given (30s, 5m): read with EXOTRUNK_LOCK_TIMEOUT when the engine opens */
  lockTimeout?: string;
  json: boolean;
  yes: boolean;
  /** false with --no-input */
  input: boolean;
  showSecrets: boolean;
  verbose: boolean;
  /** false with --no-partner-api: the partner side is left alone (configs to paste) even with its keys set */
  partnerApi: boolean;
}

export const DEFAULT_STATE = '.exotrunk/state.json';

export function globalsOf(o: OptionValues): Globals {
  return {
    accountSid: text(o, 'accountSid'),
    region: oneOf(o, 'region', ['in', 'sg']),
    baseUrl: text(o, 'baseUrl'),
    apiTokenFile: text(o, 'apiTokenFile'),
    profile: text(o, 'profile'),
    rateLimit: num(o, 'rateLimit'),
    sandbox: flag(o, 'sandbox'),
    state: text(o, 'state') ?? DEFAULT_STATE,
    lockTimeout: text(o, 'lockTimeout'),
    json: flag(o, 'json'),
    yes: flag(o, 'yes'),
    input: flag(o, 'input', true),
    showSecrets: flag(o, 'showSecrets'),
    verbose: flag(o, 'verbose'),
    partnerApi: flag(o, 'partnerApi', true),
  };
}

/** The flags that give answers: --set (repeatable), --answers FILE, --trunk-sid (adopt). */
export interface AnswerFlags {
  set: string[];
  answers?: string;
  trunkSid?: string;
}

export const answerFlagsOf = (o: OptionValues): AnswerFlags => ({ set: list(o, 'set'), answers: text(o, 'answers'), trunkSid: text(o, 'trunkSid') });

/** Which trunk a resource command works on: --trunk-sid, or the one in --recipe's journal. */
export const trunkFlagsOf = (o: OptionValues): { trunkSid?: string; recipe?: string } => ({ trunkSid: text(o, 'trunkSid'), recipe: text(o, 'recipe') });

/**
 * The flags that chose where this command's state and calls went (not how fast: --rate-limit), as words: every follow-up command a hint
 * names carries them (cliName(), once set with setContextFlags). Never a secret: the token is never a flag
 * value, and a token read from stdin (`--api-token-file -`) cannot be read again, so that one is left out.
 */
export function contextFlags(g: Globals): string[] {
  const words: string[] = [];
  if (g.state !== DEFAULT_STATE) words.push('--state', g.state);
  if (g.sandbox) words.push('--sandbox');
  if (g.profile !== undefined) words.push('--profile', g.profile);
  if (g.accountSid !== undefined) words.push('--account-sid', g.accountSid.trim());
  if (g.region !== undefined) words.push('--region', g.region);
  if (g.baseUrl !== undefined) words.push('--base-url', g.baseUrl);
  if (g.apiTokenFile !== undefined && g.apiTokenFile !== '-') words.push('--api-token-file', g.apiTokenFile);
  return words;
}
