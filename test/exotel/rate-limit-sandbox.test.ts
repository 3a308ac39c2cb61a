import { afterEach, describe, expect, it } from 'vitest';
import { rig, type Rig } from './sandbox-client.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

async function trunk(rg: Rig): Promise<string> {
  const t = await rg.client.createTrunk({ trunkName: 'rate_t' });
  if (t.outcome !== 'created') throw new Error('setup');
  return t.data.trunkSid;
}

describe('rate limit', () => {
  it('a burst of 300 requests with equal client and sandbox limits yields zero 429', async () => {
    const limits = { rateLimitPerMinute: 150, rateWindowMs: 2000 };
    r = await rig(limits, limits);
    const sid = await trunk(r);
    const results = await Promise.all(Array.from({ length: 300 }, () => r!.client.listNumbers(sid)));
    expect(results).toHaveLength(300);
    const log = r.sandbox.requests();
    const byStatus: Record<string, number> = {};
    for (const q of log) byStatus[`${q.status}/${q.fault ?? ""}`] = (byStatus[`${q.status}/${q.fault ?? ""}`] ?? 0) + 1;
    expect(byStatus).toEqual({ "200/": 301 });
    expect(log).toHaveLength(301);
    expect(log.filter((q) => q.status === 429)).toHaveLength(0);
    expect(r.retries).toHaveLength(0);
  });

  it('two clients on one account share the budget', async () => {
    const limits = { rateLimitPerMinute: 40, rateWindowMs: 1000 };
    r = await rig(limits, limits);
    const sid = await trunk(r);
    const other = r.newClient();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? r!.client : other).listAcl(sid)),
    );
    expect(r.sandbox.requests().filter((q) => q.status === 429)).toHaveLength(0);
  });

  it('without the client limiter the sandbox does answer 429 (the test above can fail)', async () => {
    r = await rig({ rateLimitPerMinute: 10, rateWindowMs: 5000 }, { rateLimitPerMinute: 1000, maxAttempts: 1 });
    const sid = await trunk(r);
    const settled = await Promise.allSettled(Array.from({ length: 20 }, () => r!.client.listAcl(sid)));
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThan(0);
    expect(r.sandbox.requests().filter((q) => q.status === 429).length).toBeGreaterThan(0);
  });
});

describe('rate limit across processes (rate-memory)', () => {
  // Each "process" is a client made, used to the full budget and closed; the next one starts at once.
  async function twoRuns(file: string | undefined): Promise<number> {
    const old = process.env.EXOTRUNK_RATE_FILE;
    if (file) process.env.EXOTRUNK_RATE_FILE = file;
    else delete process.env.EXOTRUNK_RATE_FILE;
    try {
      const limits = { rateLimitPerMinute: 20, rateWindowMs: 3000 };
      r = await rig(limits, { ...limits, maxAttempts: 1 });
      await r.client.close(); // only the two "processes" below hold the account's limiter
      const first = r.newClient();
      const t = await first.createTrunk({ trunkName: 'mem_t' });
      if (t.outcome !== 'created') throw new Error('setup');
      await Promise.all(Array.from({ length: 15 }, () => first.listAcl(t.data.trunkSid)));
      await first.close(); // the first process ends
      const second = r.newClient();
      await Promise.allSettled(Array.from({ length: 10 }, () => second.listAcl(t.data.trunkSid)));
      await second.close();
      return r.sandbox.requests().filter((q) => q.status === 429).length;
    } finally {
      if (old === undefined) delete process.env.EXOTRUNK_RATE_FILE;
      else process.env.EXOTRUNK_RATE_FILE = old;
    }
  }

  it('the next process waits for the slots the last one still holds: zero 429', async () => {
    const { mkdtempSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'exotrunk-rate-')), 'rate-limit.json');
    expect(await twoRuns(file)).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('without the memory the second process draws 429s (so the test above can fail)', async () => {
    expect(await twoRuns(undefined)).toBeGreaterThan(0);
  });
});
