import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquireAccountLimiter, RateLimiter } from '../../src/core/exotel/rate-limiter.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RateLimiter', () => {
  it('never starts more than `limit` requests in any window (plus guard)', async () => {
    const l = new RateLimiter({ limit: 3, windowMs: 1000, maxInFlight: 100 });
    const starts: number[] = [];
    const t0 = Date.now();
    const all = Array.from({ length: 10 }, () => l.acquire().then((release) => (starts.push(Date.now() - t0), release())));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    expect(starts).toHaveLength(10);
    for (let i = 3; i < starts.length; i++) expect(starts[i] - starts[i - 3]).toBeGreaterThanOrEqual(1000);
    expect(starts.slice(0, 3)).toEqual([0, 0, 0]);
  });

  it('a slow request keeps its slot until a full window after its answer', async () => {
    const l = new RateLimiter({ limit: 1, windowMs: 1000, maxInFlight: 10 });
    const t0 = Date.now();
    const first = await l.acquire();
    let secondAt = -1;
    const p = l.acquire().then((rel) => ((secondAt = Date.now() - t0), rel()));
    await vi.advanceTimersByTimeAsync(4000); // the server may have counted the first one only now
    expect(secondAt).toBe(-1);
    first();
    await vi.advanceTimersByTimeAsync(2000);
    await p;
    expect(secondAt).toBeGreaterThanOrEqual(5000);
  });

  it('caps requests in flight and lets the next one go on release', async () => {
    const l = new RateLimiter({ limit: 100, windowMs: 1000, maxInFlight: 2 });
    const a = await l.acquire();
    await l.acquire();
    let third = false;
    const p = l.acquire().then((rel) => ((third = true), rel));
    await vi.advanceTimersByTimeAsync(5000);
    expect(third).toBe(false);
    a();
    await p;
    expect(third).toBe(true);
  });

  it('holds everything during a Retry-After pause', async () => {
    const l = new RateLimiter({ limit: 100, windowMs: 1000, maxInFlight: 10 });
    l.pauseUntil(Date.now() + 3000);
    let started = false;
    const p = l.acquire().then(() => (started = true));
    await vi.advanceTimersByTimeAsync(2900);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await p;
    expect(started).toBe(true);
  });

  it('is shared per base URL + account, and the stricter settings win', () => {
    const a = acquireAccountLimiter('https://api.in.exotel.com/', 'acc1', { limit: 200, windowMs: 60000, maxInFlight: 50 });
    const b = acquireAccountLimiter('https://api.in.exotel.com', 'acc1', { limit: 100, windowMs: 60000, maxInFlight: 50 });
    const c = acquireAccountLimiter('https://api.in.exotel.com', 'acc2', { limit: 200, windowMs: 60000, maxInFlight: 50 });
    expect(b.limiter).toBe(a.limiter);
    expect(a.limiter.limit).toBe(100);
    expect(c.limiter).not.toBe(a.limiter);
    a.release();
    b.release();
    c.release();
    const d = acquireAccountLimiter('https://api.in.exotel.com', 'acc1', { limit: 200, windowMs: 60000, maxInFlight: 50 });
    expect(d.limiter).not.toBe(a.limiter); // released: a fresh one
    d.release();
  });
});
