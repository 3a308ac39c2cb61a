/** Auth, content type, JSON, unknown paths, pagination and the per-account state split. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, startApi, type TestApi } from './helpers.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ apiKey: 'key1', apiToken: 'tok1', rateLimitPerMinute: 10_000 });
});
afterAll(async () => {
  await api.sandbox.close();
});

describe('request-level errors', () => {
  it('401 / 1010 without or with wrong Basic credentials', async () => {
    for (const auth of [undefined, basic('key1', 'nope'), basic('nope', 'tok1'), 'Bearer tok1']) {
      const headers: Record<string, string> = auth ? { Authorization: auth } : {};
      const res = await fetch(`${api.sandbox.url}${api.base}/trunks/x/phone-numbers`, { headers });
      const json: any = await res.json();
      expect(res.status).toBe(401);
      expect(json.response).toMatchObject({ code: 401, status: 'failure', error_data: { code: 1010 } });
    }
  });

  it('415 / 1011 for POST and PUT without application/json', async () => {
    const sid = await api.createTrunk('ct_trunk');
    const body = JSON.stringify({ phone_number: '+919876543210' });
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded']) {
      const r = await api.call('POST', `${api.base}/trunks/${sid}/phone-numbers`, body, { 'Content-Type': ct });
      expect(r.status).toBe(415);
      expect(r.json.response.error_data.code).toBe(1011);
    }
    const put = await api.call('PUT', `${api.base}/trunks/${sid}/phone-numbers/1`, body, { 'Content-Type': 'text/plain' });
    expect(put.status).toBe(415);
    // a charset parameter is fine
    const ok = await api.call('POST', `${api.base}/trunks/${sid}/phone-numbers`, body, { 'Content-Type': 'application/json; charset=utf-8' });
    expect(ok.status).toBe(200);
  });

  it('400 / 1007 for malformed JSON and a non-object body', async () => {
    for (const body of ['{"trunk_name": ', '[1,2]', '']) {
      const r = await api.call('POST', `${api.base}/trunks`, body, { 'Content-Type': 'application/json' });
      expect(r.status).toBe(400);
      expect(r.json.response.error_data.code).toBe(1007);
    }
  });

  it('404 / 1000 for unknown paths and for methods the API does not have (no list-trunks)', async () => {
    for (const [method, path] of [
      ['GET', `${api.base}/trunks`],
      ['GET', `${api.base}/exophones`],
      ['GET', '/v1/whatever'],
      ['DELETE', `${api.base}/trunks/x/phone-numbers/1`],
    ]) {
      const r = await api.call(method, path);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.json.response.error_data.code).toBe(1000);
    }
  });

  it('400 for DELETE /trunks without trunk_sid', async () => {
    const r = await api.call('DELETE', `${api.base}/trunks`);
    expect(r.status).toBe(400);
    expect(r.json.response.error_data.code).toBe(1001);
  });
});

describe('pagination', () => {
  it('pages through 120 numbers by offset / page_size with next_page_uri null on the last page', async () => {
    const sid = await api.createTrunk('page_trunk');
    const path = `${api.base}/trunks/${sid}/phone-numbers`;
    for (let i = 0; i < 120; i++) {
      const r = await api.call('POST', path, { phone_number: `+9198765${String(i).padStart(5, '0')}` });
      expect(r.status).toBe(200);
    }
    const seen: string[] = [];
    let next: string | null = path;
    const pages: any[] = [];
    while (next) {
      const r = await api.call('GET', next);
      pages.push(r.json.metadata);
      seen.push(...r.json.response.map((i: any) => i.data.phone_number));
      next = r.json.metadata.next_page_uri;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(pages.map((m) => m.next_page_uri)).toEqual([`${path}?offset=50&page_size=50`, `${path}?offset=100&page_size=50`, null]);
    expect(pages.map((m) => m.prev_page_uri)).toEqual([null, `${path}?offset=0&page_size=50`, `${path}?offset=50&page_size=50`]);

    const small = await api.call('GET', `${path}?offset=115&page_size=10`);
    expect(small.json.response).toHaveLength(5);
    expect(small.json.metadata).toMatchObject({ page_size: 10, next_page_uri: null, prev_page_uri: `${path}?offset=105&page_size=10` });
    expect((await api.call('GET', `${path}?page_size=abc`)).status).toBe(400);
    expect((await api.call('GET', `${path}?page_size=0`)).status).toBe(400);
  });

  it('pageSize option changes the default page size', async () => {
    const small = await startApi({ pageSize: 2 });
    try {
      const sid = await small.createTrunk('t');
      for (const n of ['+919800000001', '+919800000002', '+919800000003']) {
        await small.call('POST', `${small.base}/trunks/${sid}/whitelisted-ips`, { ip: `44.1.1.${n.slice(-1)}`, mask: 32 });
      }
      const r = await small.call('GET', `${small.base}/trunks/${sid}/whitelisted-ips`);
      expect(r.json.response).toHaveLength(2);
      expect(r.json.metadata.next_page_uri).toBe(`${small.base}/trunks/${sid}/whitelisted-ips?offset=2&page_size=2`);
    } finally {
      await small.sandbox.close();
    }
  });
});

describe('state', () => {
  it('keeps accounts apart: a trunk of one account is unknown to another', async () => {
    const sid = await api.createTrunk('acct_trunk');
    const r = await api.call('GET', `/v2/accounts/someoneelse/trunks/${sid}/phone-numbers`);
    expect(r.status).toBe(404);
    expect(r.json.response.error_data.code).toBe(1003);
    // the same name is free in another account
    const other = await api.call('POST', '/v2/accounts/someoneelse/trunks', { trunk_name: 'acct_trunk', nso_code: 'ANY-ANY', domain_name: 'someoneelse.pstn.exotel.com' });
    expect(other.status).toBe(200);
  });

  it('state() is a deep copy and reset() empties everything', async () => {
    const sid = await api.createTrunk('copy_trunk');
    const snap = api.sandbox.state();
    delete snap.accounts.exoteltest.trunks[sid];
    expect(api.sandbox.state().accounts.exoteltest.trunks[sid]).toBeDefined();
    api.sandbox.reset();
    expect(api.sandbox.state()).toEqual({ accounts: {} });
    expect(api.sandbox.requests()).toEqual([]);
  });
});
