/** Fault specs, seeded determinism, and what each fault kind does to the answer and to the state. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultPicker, parseFaultSpec } from '../../src/sandbox/faults.js';
import { startApi, type TestApi } from './helpers.js';

describe('parseFaultSpec', () => {
  it('parses the documented example', () => {
    expect(parseFaultSpec('500:0.05,503:0.05,429:0.05,reset:0.03,lost:0.02,slow:0.01')).toEqual({
      '500': 0.05,
      '503': 0.05,
      '429': 0.05,
      reset: 0.03,
      lost: 0.02,
      slow: 0.01,
    });
    expect(parseFaultSpec(' reset : 1 ')).toEqual({ reset: 1 });
    expect(parseFaultSpec('')).toEqual({});
    expect(parseFaultSpec('none')).toEqual({});
  });

  it.each([
    ['404:0.1', /Unknown fault kind "404"/],
    ['500', /Bad fault spec part "500"/],
    ['500:1.5', /between 0 and 1/],
    ['500:0.1,500:0.2', /given twice/],
    ['500:0.6,reset:0.6', /add up to 1.2/],
    ['500:abc', /Bad fault spec part/],
  ])('rejects %s with a clear message', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});

describe('FaultPicker', () => {
  it('is deterministic for a seed and roughly follows the probabilities', () => {
    const spec = parseFaultSpec('500:0.2,reset:0.1');
    const run = (seed: number) => {
      const p = new FaultPicker(spec, seed);
      return Array.from({ length: 2000 }, () => p.next());
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
    const share = (k: string) => a.filter((x) => x === k).length / a.length;
    expect(share('500')).toBeGreaterThan(0.15);
    expect(share('500')).toBeLessThan(0.25);
    expect(share('reset')).toBeGreaterThan(0.06);
    expect(share('reset')).toBeLessThan(0.14);
  });
});

describe('faults over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ slowMs: 20, rateLimitPerMinute: 10_000 });
  });
  afterAll(async () => {
    await api.sandbox.close();
  });
  beforeEach(() => {
    api.sandbox.setFaults(undefined);
    api.sandbox.reset();
  });

  const trunkBody = (name: string) => ({ trunk_name: name, nso_code: 'ANY-ANY', domain_name: 'exoteltest.pstn.exotel.com' });
  const trunkNames = () => Object.values(api.sandbox.state().accounts.exoteltest?.trunks ?? {}).map((t) => t.trunk.trunk_name);

  it('500: an error envelope, nothing applied', async () => {
    api.sandbox.setFaults({ '500': 1 });
    const r = await api.call('POST', `${api.base}/trunks`, trunkBody('f500'));
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({ http_code: 500, response: { code: 500, status: 'failure' } });
    expect(trunkNames()).toEqual([]);
  });

  it('503: a plain-text gateway answer, nothing applied', async () => {
    api.sandbox.setFaults('503:1');
    const r = await api.call('POST', `${api.base}/trunks`, trunkBody('f503'));
    expect(r.status).toBe(503);
    expect(r.json).toBeUndefined();
    expect(trunkNames()).toEqual([]);
  });

  it('429: 1030 with Retry-After, nothing applied', async () => {
    api.sandbox.setFaults('429:1');
    const r = await api.call('POST', `${api.base}/trunks`, trunkBody('f429'));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.json.response.error_data.code).toBe(1030);
    expect(trunkNames()).toEqual([]);
  });

  it('reset: the connection drops and the write is NOT applied', async () => {
    api.sandbox.setFaults('reset:1');
    await expect(api.call('POST', `${api.base}/trunks`, trunkBody('freset'))).rejects.toThrow();
    expect(trunkNames()).toEqual([]);
    expect(api.sandbox.requests()).toEqual([expect.objectContaining({ status: 0, fault: 'reset', method: 'POST' })]);
  });

  it('lost: the write IS applied, then the connection drops without an answer', async () => {
    api.sandbox.setFaults('lost:1');
    await expect(api.call('POST', `${api.base}/trunks`, trunkBody('flost'))).rejects.toThrow();
    expect(trunkNames()).toEqual(['flost']);
    api.sandbox.setFaults(undefined);
    const again = await api.call('POST', `${api.base}/trunks`, trunkBody('flost'));
    expect(again.status).toBe(409); // what a client retrying blindly would meet
    expect(api.sandbox.requests()[0]).toMatchObject({ status: 0, fault: 'lost', responseCode: 200 });
  });

  it('slow: answers normally after slowMs', async () => {
    api.sandbox.setFaults('slow:1');
    const r = await api.call('POST', `${api.base}/trunks`, trunkBody('fslow'));
    expect(r.status).toBe(200);
    expect(trunkNames()).toEqual(['fslow']);
    expect(api.sandbox.requests()[0]).toMatchObject({ status: 200, fault: 'slow' });
  });

  it('never hits /__sandbox/*', async () => {
    api.sandbox.setFaults('reset:1');
    const res = await fetch(`${api.sandbox.url}/__sandbox/state`);
    expect(res.status).toBe(200);
  });

  it('setFaults rejects a bad spec and keeps the old one', async () => {
    api.sandbox.setFaults('500:1');
    expect(() => api.sandbox.setFaults('oops:1')).toThrow(/Unknown fault kind/);
    expect((await api.call('POST', `${api.base}/trunks`, trunkBody('keep'))).status).toBe(500);
  });

  it('the same seed gives the same fault sequence after reset()', async () => {
    api.sandbox.setFaults('500:0.5');
    const statuses = async () => {
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await api.call('GET', `${api.base}/trunks/x/phone-numbers`)).status);
      return out;
    };
    const first = await statuses();
    expect(first).toContain(500);
    expect(first).toContain(404);
    api.sandbox.reset();
    expect(await statuses()).toEqual(first);
  });
});
