/**
 * Per-account request scheduler: a sliding window (no more than `limit` requests start in any `windowMs`)
 * plus a cap on requests in flight. Exotel counts requests when they arrive, a few ms after we start them,
 * and that delay varies (a fresh TCP connection is slower than a kept-alive one); a small guard added to the
 * window keeps two starts a full window apart on the server's clock too, so a burst never meets a 429.
 *
 * Limiters live in a module-level registry keyed by base URL + account SID: two clients on one account
 * share one budget, because Exotel's limit is per account, not per client.
 */
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
  private readonly starts: number[] = [];
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(opts: RateLimiterOptions) {
    this.limit = opts.limit;
    this.windowMs = opts.windowMs;
    this.maxInFlight = opts.maxInFlight;
  }

  /** Guard added to the window: 2 % of it, at least 100 ms (see the header comment). */
  get guardMs(): number {
    return Math.max(100, Math.ceil(this.windowMs * 0.02));
  }

  /** Wait for a slot; call the returned function when the response has been read (or the request failed). */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.queue.push(() => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.inFlight--;
          this.pump();
        });
      });
      this.pump();
    });
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
      const span = this.windowMs + this.guardMs;
      while (this.starts.length > 0 && this.starts[0] <= now - span) this.starts.shift();
      let wakeAt = 0;
      if (now < this.pausedUntil) wakeAt = this.pausedUntil;
      else if (this.starts.length >= this.limit) wakeAt = this.starts[this.starts.length - this.limit] + span;
      if (wakeAt > 0) {
        this.timer = setTimeout(() => this.pump(), Math.max(1, wakeAt - now));
        return;
      }
      this.starts.push(now);
      this.inFlight++;
      this.queue.shift()!();
    }
  }
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
  let entry = registry.get(key);
  if (!entry) {
    entry = { limiter: new RateLimiter(opts), refs: 0 };
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
      if (e.refs === 0 && e.limiter.pending === 0) registry.delete(key);
    },
  };
}
