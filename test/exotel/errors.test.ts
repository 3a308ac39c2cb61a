import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExotelClient } from '../../src/core/exotel/client.js';
import { ExotelApiError } from '../../src/core/exotel/errors.js';
import { Secret } from '../../src/core/secret.js';
import { API_KEY, PUBLIC_IP, rig, type Rig } from './sandbox-client.js';

let r: Rig;
let sid: string;
// This file sends bad values through the client on purpose: its account is left out of the suite-wide
// "nothing refused for a validation reason" check (src/sandbox/reject-log.ts).
const DELIBERATE = 'deliberate_errors';
beforeAll(async () => {
  r = await rig({}, { accountSid: DELIBERATE });
  const t = await r.client.createTrunk({ trunkName: 'errors_t' });
  if (t.outcome !== 'created') throw new Error('setup');
  sid = t.data.trunkSid;
});
afterAll(() => r.close());

async function caught(p: Promise<unknown>): Promise<ExotelApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ExotelApiError) return e;
    throw e;
  }
  throw new Error('expected an ExotelApiError');
}

describe('Exotel client error paths', () => {
  it('401: wrong token -> 1010 with the region hint, not retried', async () => {
    const bad = createExotelClient({
      accountSid: DELIBERATE,
      apiKey: API_KEY,
      apiToken: new Secret('wrong-token-123'),
      baseUrl: r.sandbox.url,
      backoffBaseMs: 1,
    });
    const before = r.sandbox.requests().length;
    const e = await caught(bad.listNumbers(sid));
    await bad.close();
    expect(e.httpStatus).toBe(401);
    expect(e.errorCode).toBe(1010);
    expect(e.likelyCause).toMatch(/api\.in\.exotel\.com/);
    expect(r.sandbox.requests().length - before).toBe(1);
  });

  it('404: unknown trunk -> 1003 with the trunk hint', async () => {
    const e = await caught(r.client.mapNumber('trmum1doesnotexist0000000000', { phoneNumber: '+919876543210' }));
    expect(e.httpStatus).toBe(404);
    expect(e.errorCode).toBe(1003);
    expect(e.message).toMatch(/does not exist/);
    expect(e.likelyCause).toMatch(/trunk SID/);
    expect(e.method).toBe('POST');
  });

  it('404 on a list endpoint (single failure envelope) throws too', async () => {
    const e = await caught(r.client.listAcl('trmum1doesnotexist0000000000'));
    expect(e.errorCode).toBe(1003);
  });

  it('400: invalid phone number -> 1001', async () => {
    const e = await caught(r.client.mapNumber(sid, { phoneNumber: '9876543210' }));
    expect(e.httpStatus).toBe(400);
    expect(e.errorCode).toBe(1001);
    expect(e.description).toMatch(/E\.164/);
  });

  it('HTTP 409 duplicate trunk name (1002 "Resource exists") -> outcome exists', async () => {
    const res = await r.client.createTrunk({ trunkName: 'errors_t' });
    expect(res.outcome).toBe('exists');
    if (res.outcome !== 'exists') return;
    expect(res.error.httpStatus).toBe(409);
    expect(res.error.errorCode).toBe(1002);
  });

  it('HTTP 200 with inner 409 / 1008 (duplicate number, duplicate IP) -> outcome exists', async () => {
    await r.client.mapNumber(sid, { phoneNumber: '+919811111111' });
    const again = await r.client.mapNumber(sid, { phoneNumber: '+919811111111' });
    expect(again.outcome).toBe('exists');
    if (again.outcome === 'exists') {
      expect(again.error.httpStatus).toBe(200);
      expect(again.error.responseCode).toBe(409);
      expect(again.error.errorCode).toBe(1008);
    }
    await r.client.whitelistIp(sid, { ip: PUBLIC_IP });
    expect((await r.client.whitelistIp(sid, { ip: PUBLIC_IP })).outcome).toBe('exists');
  });

  it('duplicate credential user -> exists', async () => {
    const input = { userName: 'dup_user', password: new Secret('pw-abcdef-123') };
    expect((await r.client.createCredential(sid, input)).outcome).toBe('created');
    expect((await r.client.createCredential(sid, input)).outcome).toBe('exists');
  });

  it('207 partial failure: one result per item, with the 1002 variants explained apart', async () => {
    const t = await r.client.createTrunk({ trunkName: 'dest207_t' });
    if (t.outcome !== 'created') throw new Error('setup');
    const dsid = t.data.trunkSid;
    const res = await r.client.addDestinations(dsid, [
      'sip.mycompany.com:5061;transport=tls',
      '203.0.113.50:5061;transport=tls',
      '44.248.146.12:5061;transport=tls',
    ]);
    expect(res.map((x) => x.ok)).toEqual([true, false, false]);
    const [, invalid, notWhitelisted] = res;
    if (invalid.ok || notWhitelisted.ok) return;
    expect(invalid.exists).toBe(false);
    expect(invalid.error.errorCode).toBe(1002);
    expect(invalid.error.httpStatus).toBe(207);
    expect(invalid.error.likelyCause).toMatch(/not a valid IP or FQDN|documentation/);
    expect(notWhitelisted.error.description).toBe('Destination not whitelisted');
    expect(notWhitelisted.error.fix).toMatch(/[Ww]hitelist the IP first/);

    const dup = await r.client.addDestinations(dsid, ['sip.mycompany.com:5061;transport=tls']);
    expect(dup[0]).toMatchObject({ ok: false, exists: true });
  });

  it('PUT with a phone number that does not match the id fails with a clear error', async () => {
    const m = await r.client.mapNumber(sid, { phoneNumber: '+919822222222' });
    if (m.outcome !== 'created') throw new Error('setup');
    const e = await caught(r.client.setNumberMode(sid, m.data.id, { phoneNumber: '+919833333333', mode: 'flow' }));
    expect(e.httpStatus).toBeGreaterThanOrEqual(400);
    expect(e.fix.length).toBeGreaterThan(0);
  });
});
