import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/sandbox/rate-limit.js';
import { startApi, type TestApi } from './helpers.js';

describe('SlidingWindowLimiter', () => {
  it('admits up to the limit per key within the window, then says when a slot frees', () => {
    const l = new SlidingWindowLimiter(3, 60_000);
    expect([l.take('a', 0), l.take('a', 1000), l.take('a', 2000)]).toEqual([0, 0, 0]);
    expect(l.take('a', 2500)).toBe(58); // the first hit (t=0) leaves the window at 60 s
    expect(l.take('b', 2500)).toBe(0);
    expect(l.take('a', 60_001)).toBe(0); // sliding: the t=0 slot is free again
    expect(l.take('a', 60_002)).toBe(1); // never less than 1 s
  });
});

describe('rate limit over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ rateLimitPerMinute: 200 });
  });
  afterAll(async () => {
    await api.sandbox.close();
  });

  it('a 300-request burst gets 200 answers then 429 / 1030 with Retry-After; other accounts are unaffected', async () => {
    const sid = await api.createTrunk('rl_trunk'); // 1 request
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<TestApi['call']>> | undefined;
    for (let i = 0; i < 299; i++) {
      const r = await api.call('GET', `${api.base}/trunks/${sid}/phone-numbers`);
      statuses.push(r.status);
      if (r.status === 429 && !limited) limited = r;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(199);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100);
    expect(statuses.indexOf(429)).toBe(199);
    expect(limited!.json.response).toMatchObject({ code: 429, status: 'failure', error_data: { code: 1030 } });
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const other = await api.call('GET', `/v2/accounts/another/trunks/${sid}/phone-numbers`);
    expect(other.status).toBe(404); // answered, not limited
  });
});
