/**
 * The rate limiter's memory across processes. Exotel counts an account's requests per minute whichever
 * process sent them, so `exotrunk apply` followed at once by `exotrunk numbers add --file` would start the
 * second process with a full budget and draw 429s. Each process leaves, when its client closes, the times at
 * which its recent requests' slots free up; the next process for the same account starts with them taken.
 *
 * Kept in the user's cache folder for real Exotel hosts; a loopback sandbox (tests, the embedded sandbox) is
 * not remembered unless EXOTRUNK_RATE_FILE names a file. Only epoch times are written: no account data beyond
 * the key (base URL and account SID). Two processes running at the same moment still do not see each other.
 *
 * Never trusted beyond one window: a slot frees at most one window after it was taken, so a time later than
 * now + window (the clock was stepped back after a bulk run, or the file was damaged) is clamped to that; a
 * file that cannot be read as this shape is ignored, with one warning.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import envPaths from 'env-paths';
import { isLoopbackHost } from './base-url.js';

type Memory = Record<string, number[]>;

export function rateMemoryFile(baseUrl: string): string | undefined {
  if (process.env.EXOTRUNK_RATE_FILE) return process.env.EXOTRUNK_RATE_FILE;
  if (isLoopbackHost(new URL(baseUrl).hostname)) return undefined;
  return join(envPaths('exotrunk', { suffix: '' }).cache, 'rate-limit.json');
}

const warnings: string[] = [];
/** What reading the memory found wrong (said once by the command, on stderr); emptied by the call. */
export function rateMemoryWarnings(): string[] {
  return warnings.splice(0);
}
const warnOnce = (line: string) => {
  if (!warnings.includes(line)) warnings.push(line);
};

function read(file: string, warn = false): Memory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {}; // missing: start with a full budget
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Memory;
  } catch {
    // damaged: below
  }
  if (warn) warnOnce(`! The rate-limit memory ${file} is damaged; ignoring it (it is only a cache: at worst one request draws a 429 and is retried).`);
  return {};
}

/** Slot release times still in the future for this account, none later than now + one window. */
export function recall(file: string, key: string, now = Date.now(), windowMs = 60_000): number[] {
  const times = read(file, true)[key];
  if (times === undefined) return [];
  if (!Array.isArray(times) || times.some((t) => typeof t !== 'number' || !Number.isFinite(t))) {
    warnOnce(`! The rate-limit memory ${file} has a damaged entry for this account; ignoring it.`);
    return [];
  }
  const latest = now + windowMs;
  if (times.some((t) => t > latest)) warnOnce(`! The rate-limit memory ${file} holds times up to ${Math.round((Math.max(...times) - now) / 1000)} s ahead (was the clock set back?): counting them as at most one window (${Math.round(windowMs / 1000)} s).`);
  return times.filter((t) => t > now).map((t) => Math.min(t, latest)).sort((a, b) => a - b);
}

/**
 * Keep this account's future release times (the limiter's own, which include any it recalled: so they replace
 * what the file had, and equal times are separate slots, not duplicates); drop what has passed everywhere.
 */
export function remember(file: string, key: string, frees: number[], now = Date.now()): void {
  try {
    const data = read(file);
    for (const [k, v] of Object.entries(data)) {
      const live = Array.isArray(v) ? v.filter((t) => typeof t === 'number' && t > now) : [];
      if (live.length) data[k] = live;
      else delete data[k];
    }
    const mine = frees.filter((t) => t > now).sort((a, b) => a - b);
    if (mine.length) data[key] = mine;
    else delete data[key];
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(file, JSON.stringify(data) + '\n', { mode: 0o600 });
  } catch {
    // a cache that cannot be written costs at most a retried 429 next time, never this command
  }
}
