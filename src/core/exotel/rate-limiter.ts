/**
 * Per-account request scheduler: a sliding window (no more than `limit` requests in any `windowMs`) plus
 * a cap on requests in flight.
 *
 * Exactness: the server counts a request when it arrives, somewhere between our send and our receipt of
 * the answer, and that delay varies (new connections, a busy event loop). So a request holds its slot
 * while in flight and for `windowMs` after its answer came back. Then request k+limit starts no earlier
 * than answer_k + window >= arrival_k + window: never a 429 from our own burst, whatever the latency,
 * for the price of one round trip per window. A small guard covers coarse server clocks.
 *
 * Limiters live in a module-level registry keyed by base URL + account SID: two clients on one account
 * share one budget, because Exotel's limit is per account, not per client. Across processes, the slots
 * still held when the last client closes are remembered (rate-memory.ts) and taken by the next process.
 */
import { rateMemoryFile, recall, remember } from './rate-memory.js';

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  maxInFlight: number;
}

type Waiter = () => void;

export class RateLimiter {
  limit: number;
  windowMs: number;
  maxInFlight: number;
  /** when each finished request's slot frees (answer time + window), ascending */
  private readonly frees: number[] = [];
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(opts: RateLimiterOptions) {
    this.limit = opts.limit;
    this.windowMs = opts.windowMs;
    this.maxInFlight = opts.maxInFlight;
  }

  /** Guard added to the window for coarse server clocks: 0.5 % of it, at least 10 ms. */
  get guardMs(): number {
    return Math.max(10, Math.ceil(this.windowMs * 0.005));
  }

  /**
   * Wait for a slot; call the returned function once the answer is in (or the request failed). Aborting
   * `signal` takes a waiting request out of the queue (rejecting with the signal's reason), so nothing is left
   * queued, and no timer keeps the process alive, after Ctrl-C.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i < 0) return;
        this.queue.splice(i, 1);
        reject(signal!.reason);
        this.pump();
      };
      const waiter = () => {
        signal?.removeEventListener('abort', onAbort);
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.inFlight--;
          insertSorted(this.frees, Date.now() + this.windowMs + this.guardMs);
          this.pump();
        });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Slots another process of this account still holds (rate-memory.ts): taken until those times. */
  restore(frees: number[]): void {
    for (const t of frees) insertSorted(this.frees, t);
    this.pump();
  }

  /** About how long a request made now would wait for a slot (0 when one is free). */
  waitMs(now = Date.now()): number {
    const live = this.frees.filter((t) => t > now);
    const held = this.inFlight + live.length + this.queue.length;
    const paused = Math.max(0, this.pausedUntil - now);
    if (held < this.limit) return paused;
    const nth = live[held - this.limit];
    return Math.max(paused, nth === undefined ? 0 : nth - now);
  }

  /** When the slots held now free up (every answer is in by the time a client closes). */
  snapshot(): number[] {
    const now = Date.now();
    return this.frees.filter((t) => t > now);
  }

  /** The server told us to back off (429 Retry-After): hold every request of this account until then. */
  pauseUntil(epochMs: number): void {
    if (epochMs > this.pausedUntil) this.pausedUntil = epochMs;
    this.pump();
  }

  get pending(): number {
    return this.queue.length;
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const now = Date.now();
      while (this.frees.length > 0 && this.frees[0] <= now) this.frees.shift();
      let wakeAt = 0;
      if (now < this.pausedUntil) wakeAt = this.pausedUntil;
      else if (this.inFlight + this.frees.length >= this.limit) {
        // all slots taken; if only in-flight ones hold them, a release will pump again
        if (this.frees.length === 0) return;
        wakeAt = this.frees[0];
      }
      if (wakeAt > 0) {
        this.timer = setTimeout(() => this.pump(), Math.max(1, wakeAt - now));
        return;
      }
      this.inFlight++;
      this.queue.shift()!();
    }
  }
}

function insertSorted(list: number[], v: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > v) i--;
  list.splice(i, 0, v);
}

interface Entry {
  limiter: RateLimiter;
  refs: number;
}
const registry = new Map<string, Entry>();

/**
 * The shared limiter of one account. When clients disagree on the settings, the stricter wins
 * (lowest limit, longest window, fewest connections), so sharing never loosens the budget.
 */
export function acquireAccountLimiter(baseUrl: string, accountSid: string, opts: RateLimiterOptions): {
  limiter: RateLimiter;
  release: () => void;
} {
  const key = `${baseUrl.replace(/\/+$/, '')}|${accountSid}`;
  const memory = rateMemoryFile(baseUrl);
  let entry = registry.get(key);
  if (!entry) {
    entry = { limiter: new RateLimiter(opts), refs: 0 };
    if (memory) entry.limiter.restore(recall(memory, key, Date.now(), opts.windowMs + entry.limiter.guardMs));
    registry.set(key, entry);
  } else {
    const l = entry.limiter;
    l.limit = Math.min(l.limit, opts.limit);
    l.windowMs = Math.max(l.windowMs, opts.windowMs);
    l.maxInFlight = Math.min(l.maxInFlight, opts.maxInFlight);
  }
  entry.refs++;
  const e = entry;
  let released = false;
  return {
    limiter: e.limiter,
    release: () => {
      if (released) return;
      released = true;
      e.refs--;
      if (e.refs === 0 && e.limiter.pending === 0) {
        registry.delete(key);
        if (memory) remember(memory, key, e.limiter.snapshot());
      }
    },
  };
}
