/** The test-only /__sandbox endpoints, the latency knob, and the request log never holding a secret. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, startApi, type TestApi } from './helpers.js';

const TOKEN = 'tok-7f3a-very-secret';
const PASSWORD = 'S1p-Pa55word-never-logged';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ apiKey: 'acme_key', apiToken: TOKEN });
});
afterAll(async () => {
  await api.sandbox.close();
});

describe('/__sandbox endpoints (no auth)', () => {
  it('state, requests, faults, reset', async () => {
    const sid = await api.createTrunk('ctl_trunk');
    const state: any = await (await fetch(`${api.sandbox.url}/__sandbox/state`)).json();
    expect(Object.keys(state.accounts.exoteltest.trunks)).toEqual([sid]);
    const reqs: any = await (await fetch(`${api.sandbox.url}/__sandbox/requests`)).json();
    expect(reqs).toEqual([expect.objectContaining({ method: 'POST', path: `${api.base}/trunks`, status: 200, responseCode: 200 })]);

    const post = (path: string, body?: unknown) =>
      fetch(`${api.sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const bad = await post('/__sandbox/faults', { spec: 'nope:1' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error).toMatch(/Unknown fault kind/);
    expect((await post('/__sandbox/faults', { spec: '500:1' })).status).toBe(200);
    expect((await api.call('GET', `${api.base}/trunks/${sid}/phone-numbers`)).status).toBe(500);
    expect((await post('/__sandbox/faults', { spec: null })).status).toBe(200);
    expect((await api.call('GET', `${api.base}/trunks/${sid}/phone-numbers`)).status).toBe(200);

    expect((await post('/__sandbox/reset')).status).toBe(200);
    expect(api.sandbox.state()).toEqual({ accounts: {} });
    expect((await fetch(`${api.sandbox.url}/__sandbox/nothing`)).status).toBe(404);
  });
});

describe('latency', () => {
  it('setLatency delays answers but they still arrive intact', async () => {
    api.sandbox.setLatency(15);
    try {
      const r = await api.call('GET', `${api.base}/trunks/none/phone-numbers`);
      expect(r.status).toBe(404);
    } finally {
      api.sandbox.setLatency(0);
    }
  });
});

describe('request log', () => {
  it('records method, path, query and outcome, but never the Authorization header, token or password', async () => {
    api.sandbox.reset();
    const sid = await api.createTrunk('log_trunk');
    const cred = await api.call('POST', `${api.base}/trunks/${sid}/credentials`, { user_name: 'u1', password: PASSWORD });
    await api.call('DELETE', `${api.base}/trunks/${sid}/credentials?id=${cred.json.response.data.id}`);
    await api.call('POST', `${api.base}/trunks/${sid}/destination-uris`, { destinations: [{ destination: '10.0.0.1:5060;transport=tcp' }] });
    await api.call('GET', `${api.base}/trunks/${sid}/phone-numbers?api_token=${TOKEN}`);
    await fetch(`${api.sandbox.url}${api.base}/trunks`, { headers: { Authorization: basic('acme_key', 'wrong-token-xyz') } });

    const log = api.sandbox.requests();
    expect(log.map((e) => `${e.method} ${e.status}`)).toEqual(['POST 200', 'POST 200', 'DELETE 200', 'POST 207', 'GET 200', 'GET 401']);
    expect(log[2].query).toEqual({ id: cred.json.response.data.id });
    expect(log[3]).toMatchObject({ responseCode: 400, errorCode: 1002, description: 'Destination is not a valid Ip or Fqdn' });
    expect(log[5]).toMatchObject({ responseCode: 401, errorCode: 1010 });
    for (const e of log) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const text = JSON.stringify(log) + (await (await fetch(`${api.sandbox.url}/__sandbox/requests`)).text());
    for (const secret of [TOKEN, PASSWORD, 'wrong-token-xyz', basic('acme_key', TOKEN).slice(6), 'Basic ', 'uthorization']) {
      expect(text).not.toContain(secret);
    }
  });
});
