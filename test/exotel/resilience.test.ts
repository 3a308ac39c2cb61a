import { afterEach, describe, expect, it } from 'vitest';
import { ExotelApiError, ExotelNetworkError, OutcomeUnknownError } from '../../src/core/exotel/errors.js';
import { ACCOUNT, rig, type Rig } from './sandbox-client.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

async function trunk(rg: Rig, name = 'res_t'): Promise<string> {
  const t = await rg.client.createTrunk({ trunkName: name });
  if (t.outcome !== 'created') throw new Error('setup');
  return t.data.trunkSid;
}

describe('retries', () => {
  for (const fault of ['500', '503', '429', 'reset'] as const) {
    it(`GET retries after an injected ${fault} and succeeds`, async () => {
      r = await rig();
      const sid = await trunk(r);
      const rg = r;
      // the fault hits the first attempt only: onRetry (called before the wait) switches it off
      r.retries.length = 0;
      const c = r.newClient({ onRetry: (i) => (rg.retries.push(i), rg.sandbox.setFaults(undefined)) });
      r.sandbox.setFaults(`${fault}:1`);
      expect(await c.listNumbers(sid)).toEqual([]);
      expect(r.retries).toHaveLength(1);
      expect(r.retries[0]).toMatchObject({ method: 'GET', attempt: 2 });
      if (fault === '429') expect(r.retries[0].delayMs).toBeGreaterThanOrEqual(1000); // Retry-After: 1
      const faulted = r.sandbox.requests().filter((q) => q.fault === fault);
      expect(faulted).toHaveLength(1);
    });
  }

  it('GET gives up after maxAttempts with the last error', async () => {
    r = await rig({ faults: '500:1' }, { maxAttempts: 3 });
    const e = await r.client.listAcl('trmum1whatever').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExotelApiError);
    expect((e as ExotelApiError).httpStatus).toBe(500);
    expect(r.sandbox.requests()).toHaveLength(3);
    expect(r.retries.map((i) => i.attempt)).toEqual([2, 3]);
  });

  it('GET network errors exhaust into ExotelNetworkError', async () => {
    r = await rig({ faults: 'reset:1' }, { maxAttempts: 2 });
    await expect(r.client.listAcl('trmum1whatever')).rejects.toBeInstanceOf(ExotelNetworkError);
    expect(r.sandbox.requests()).toHaveLength(2);
  });

  it('POST answered with a clean 503 is retried (not applied), a 500 is not', async () => {
    r = await rig();
    const rg = r;
    const c = r.newClient({ onRetry: () => rg.sandbox.setFaults(undefined) });
    r.sandbox.setFaults('503:1');
    const t = await c.createTrunk({ trunkName: 'post503' });
    expect(t.outcome).toBe('created');
    expect(Object.keys(r.sandbox.state().accounts[ACCOUNT].trunks)).toHaveLength(1);

    r.sandbox.setFaults('500:1');
    await expect(c.createTrunk({ trunkName: 'post500' })).rejects.toMatchObject({ httpStatus: 500 });
    expect(r.sandbox.requests().filter((q) => q.fault === '500')).toHaveLength(1);
  });

  it('a 1003 is never retried, even on an idempotent call', async () => {
    r = await rig();
    await expect(r.client.listDestinations('trmum1nope')).rejects.toMatchObject({ errorCode: 1003 });
    expect(r.sandbox.requests()).toHaveLength(1);
    expect(r.retries).toHaveLength(0);
  });
});

describe('POST that may have reached the server', () => {
  it('a lost response -> OutcomeUnknownError, and the resource exists exactly once', async () => {
    r = await rig();
    const sid = await trunk(r);
    r.sandbox.setFaults('lost:1');
    const e = await r.client.mapNumber(sid, { phoneNumber: '+919876543210' }).catch((x: unknown) => x);
    r.sandbox.setFaults(undefined);
    expect(e).toBeInstanceOf(OutcomeUnknownError);
    expect(r.retries).toHaveLength(0);
    const numbers = r.sandbox.state().accounts[ACCOUNT].trunks[sid].numbers;
    expect(numbers.filter((n) => n.phone_number === '+919876543210')).toHaveLength(1);
    // the caller's next move: look it up, or create again and get "exists"
    expect((await r.client.mapNumber(sid, { phoneNumber: '+919876543210' })).outcome).toBe('exists');
  });

  it('a lost trunk create -> OutcomeUnknownError; creating again says exists', async () => {
    r = await rig({ faults: 'lost:1' });
    await expect(r.client.createTrunk({ trunkName: 'lost_trunk' })).rejects.toBeInstanceOf(OutcomeUnknownError);
    r.sandbox.setFaults(undefined);
    expect(Object.values(r.sandbox.state().accounts[ACCOUNT].trunks)).toHaveLength(1);
    expect((await r.client.createTrunk({ trunkName: 'lost_trunk' })).outcome).toBe('exists');
  });

  it('a timeout on POST -> OutcomeUnknownError; on GET it is retried', async () => {
    r = await rig({ slowMs: 2000 }, { timeoutMs: 200 });
    const sid = await trunk(r);
    r.sandbox.setFaults('slow:1');
    await expect(r.client.whitelistIp(sid, { ip: '44.248.146.11' })).rejects.toBeInstanceOf(OutcomeUnknownError);
    const rg = r;
    const c = r.newClient({ timeoutMs: 200, onRetry: (i) => (rg.retries.push(i), rg.sandbox.setFaults(undefined)) });
    expect(await c.listAcl(sid)).toHaveLength(1);
    expect(r.retries[0].reason).toMatch(/timeout/);
  });

  it('a reset on POST -> OutcomeUnknownError and nothing applied', async () => {
    r = await rig();
    const sid = await trunk(r);
    r.sandbox.setFaults('reset:1');
    await expect(r.client.whitelistIp(sid, { ip: '44.248.146.11' })).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(r.sandbox.state().accounts[ACCOUNT].trunks[sid].acl).toHaveLength(0);
  });
});

describe('closing the client', () => {
  it('waits for a request in flight: a create sent just before quitting still gets its answer', async () => {
    r = await rig({ latencyMs: 300 });
    const c = r.newClient();
    const created = c.createTrunk({ trunkName: 'late_t' });
    await new Promise((res) => setTimeout(res, 50)); // sent, not answered
    await c.close();
    const t = await created;
    expect(t.outcome).toBe('created');
    expect(t.outcome === 'created' && t.data.trunkSid).toMatch(/^trmum/);
  });
});
