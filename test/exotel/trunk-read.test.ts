/**
 * Reading one trunk (GET /trunks/{trunk_sid}), the optional ACL mask, and a delete of an unknown trunk: the client
 * against the sandbox, and against canned answers for what the sandbox never says (403, odd field values).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTrunkSid, createExotelClient } from '../../src/core/exotel/client.js';
import { isNotFound } from '../../src/core/exotel/error-table.js';
import { ExotelApiError } from '../../src/core/exotel/errors.js';
import { InputError } from '../../src/core/errors.js';
import { Secret } from '../../src/core/secret.js';
import { ACCOUNT, API_KEY, API_TOKEN, newTrunk as createTrunk, PUBLIC_IP, rig, type Rig } from './sandbox-client.js';

let r: Rig;
beforeAll(async () => {
  r = await rig();
});
afterAll(() => r.close());

const auth = 'Basic ' + Buffer.from(`${API_KEY}:${API_TOKEN}`).toString('base64');
async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${r.sandbox.url}/v2/accounts/${ACCOUNT}${path}`, {
    method,
    headers: { Authorization: auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const newTrunk = (name: string) => createTrunk(r.client, name);

describe('GET /trunks/{trunk_sid}', () => {
  it('returns the record of the create response, every setting included', async () => {
    const sid = await newTrunk('read_me');
    const t = await r.client.getTrunk(sid);
    expect(t).toMatchObject({
      trunkSid: sid,
      trunkName: 'read_me',
      domainName: `${ACCOUNT}.pstn.exotel.com`,
      status: 'active',
      authType: 'IP-WHITELIST',
      registrationEnabled: 'disabled',
      edgePreference: 'auto',
      nsoCode: 'ANY-ANY',
      secureTrunking: 'disabled',
    });
    expect(t.dateCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // the wire answer is the create response's data, sub-resource links included
    const { status, json } = await raw('GET', `/trunks/${sid}`);
    expect(status).toBe(200);
    expect(json.response.data).toMatchObject({ trunk_sid: sid, phone_numbers: `/v2/accounts/${ACCOUNT}/trunks/${sid}/phone-numbers` });
  });

  it('an unknown sid gets the documented not-found envelope (404 / 1003), read as not found', async () => {
    const { status, json } = await raw('GET', '/trunks/trmum1unknown000000000000000');
    expect(status).toBe(404);
    expect(json.response).toEqual({ status: 'failure', code: 404, error_data: { code: 1003, message: 'Resource not found', description: "Trunk 'trmum1unknown000000000000000' does not exist" } });
    const e = await r.client.getTrunk('trmum1unknown000000000000000').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExotelApiError);
    expect(isNotFound(e)).toBe(true);
  });

  it('a deleted trunk reads as not found, and a second delete says not found (null), never success', async () => {
    const sid = await newTrunk('gone_soon');
    expect((await r.client.deleteTrunk(sid))?.trunkSid).toBe(sid);
    expect(isNotFound(await r.client.getTrunk(sid).catch((x: unknown) => x))).toBe(true);
    expect(await r.client.deleteTrunk(sid)).toBeNull();
  });

  it('a malformed sid is refused before any request', async () => {
    const before = r.sandbox.requests().length;
    for (const bad of ['', 'TRMUM1ABC', 'trmum1/../x', 'tr', 'trmum1 abc']) {
      await expect(r.client.getTrunk(bad)).rejects.toBeInstanceOf(InputError);
    }
    expect(r.sandbox.requests().length).toBe(before);
    expect(() => checkTrunkSid('trmum1a2b3c4d5e6f7890123456')).not.toThrow();
  });
});

describe('ACL mask', () => {
  it('the sandbox takes a missing mask as 32 (seed 002); the client always sends 32', async () => {
    const sid = await newTrunk('mask_t');
    const { json } = await raw('POST', `/trunks/${sid}/whitelisted-ips`, { ip: PUBLIC_IP });
    expect(json.response).toMatchObject({ status: 'success', data: { ip: PUBLIC_IP, mask: 32 } });
    const res = await r.client.whitelistIp(sid, { ip: '52.66.10.20' });
    expect(res.outcome).toBe('created');
    expect(r.sandbox.state().accounts[ACCOUNT].trunks[sid].acl.map((a) => [a.ip, a.mask])).toEqual([[PUBLIC_IP, 32], ['52.66.10.20', 32]]);
    // an explicit mask outside 1..32 is still refused (seed 000's validation rules)
    const bad = await raw('POST', `/trunks/${sid}/whitelisted-ips`, { ip: '52.66.10.21', mask: 33 });
    expect(bad.json.response.error_data).toMatchObject({ code: 1001, description: 'mask must be an integer between 1 and 32' });
  });
});

describe('canned answers the sandbox never gives', () => {
  let server: Server;
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
  const client = () => createExotelClient({ accountSid: 'exoteltest', apiKey: 'k', apiToken: new Secret('t0k3n-canned'), baseUrl: url, backoffBaseMs: 1, maxAttempts: 1 });

  it('parses leniently: missing name, numeric and boolean settings, unknown extra fields', async () => {
    answer = { status: 200, body: { http_code: 200, response: { code: 200, status: 'success', error_data: null, data: { trunk_sid: 'trmum1x', status: 'inactive', secure_trunking: true, registration_enabled: 0, edge_preference: null, brand_new_field: { a: 1 } } } } };
    const c = client();
    const t = await c.getTrunk('trmum1xyz');
    await c.close();
    expect(t).toEqual({ trunkSid: 'trmum1x', trunkName: '', domainName: '', status: 'inactive', secureTrunking: 'true', registrationEnabled: '0' });
  });

  it('403 / 1003 for a foreign sid is an API error the adoption path can name (not found by isNotFound: 1003)', async () => {
    answer = { status: 403, body: { http_code: 403, response: { code: 403, status: 'failure', error_data: { code: 1003, message: 'Forbidden', description: 'Trunk belongs to another account' } } } };
    const c = client();
    const e = (await c.getTrunk('trmum1other').catch((x: unknown) => x)) as ExotelApiError;
    await c.close();
    expect(e).toBeInstanceOf(ExotelApiError);
    expect(e.httpStatus).toBe(403);
    expect(e.likelyCause).toMatch(/another account/);
  });

  it('a failure envelope under HTTP 200 is a failure, not a trunk', async () => {
    answer = { status: 200, body: { http_code: 200, response: { code: 404, status: 'failure', error_data: { code: 1000, message: 'Not Found', description: 'nope' }, data: null } } };
    const c = client();
    const e = await c.getTrunk('trmum1abc').catch((x: unknown) => x);
    const d = await c.deleteTrunk('trmum1abc');
    await c.close();
    expect(isNotFound(e)).toBe(true);
    expect(d).toBeNull();
  });
});
