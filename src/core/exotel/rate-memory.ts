/**
 * The rate limiter's memory across processes. Exotel counts an account's requests per minute whichever
 * process sent them, so `exotrunk apply` followed at once by `exotrunk numbers add --file` would start the
 * second process with a full budget and draw 429s. Each process leaves, when its client closes, the times at
 * which its recent requests' slots free up; the next process for the same account starts with them taken.
 *
 * Kept in the user's cache folder for real Exotel hosts; a loopback sandbox (tests, the embedded sandbox) is
 * not remembered unless EXOTRUNK_RATE_FILE names a file. Only epoch times are written: no account data beyond
 * the key (base URL and account SID). Two processes running at the same moment still do not see each other.
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

function read(file: string): Memory {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Memory) : {};
  } catch {
    return {}; // missing or damaged: start with a full budget, as before
  }
}

/** Slot release times still in the future for this account. */
export function recall(file: string, key: string, now = Date.now()): number[] {
  const times = read(file)[key];
  return Array.isArray(times) ? times.filter((t) => typeof t === 'number' && t > now).sort((a, b) => a - b) : [];
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
