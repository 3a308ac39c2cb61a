/**
 * Replays every request/response example of seed 000 against the running sandbox with plain fetch and
 * checks status, envelope shape, codes and field names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISO_NO_MS, NUMERIC_ID, REQUEST_ID, TRUNK_SID, startApi, type CallResult, type TestApi } from './helpers.js';
import { SEED, keysOf } from './seed-examples.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.sandbox.close();
});

function expectSingleSuccess(r: CallResult, method: string): any {
  expect(r.status).toBe(200);
  expect(keysOf(r.json)).toEqual(['request_id', 'method', 'http_code', 'response']);
  expect(r.json.request_id).toMatch(REQUEST_ID);
  expect(r.json.method).toBe(method);
  expect(r.json.http_code).toBe(200);
  expect(r.json.response).toMatchObject({ code: 200, error_data: null, status: 'success' });
  return r.json.response.data;
}

function expectFailure(r: CallResult, http: number, errorData: object): void {
  expect(r.status).toBe(http);
  expect(r.json.http_code).toBe(http);
  expect(r.json.request_id).toMatch(REQUEST_ID);
  expect(r.json.response.status).toBe('failure');
  expect(r.json.response.code).toBe(http);
  expect(r.json.response.error_data).toEqual(errorData);
}

/** the HTTP-200-but-409 duplicate quirk */
function expectInnerDuplicate(r: CallResult, description: string): void {
  expect(r.status).toBe(200);
  expect(r.json.http_code).toBe(200);
  expect(r.json.response).toEqual({
    code: 409,
    error_data: { code: 1008, message: 'Duplicate resource', description },
    status: 'failure',
    data: null,
  });
}

function expectMulti(r: CallResult, http: 200 | 207, metadata: object): any[] {
  expect(r.status).toBe(http);
  expect(r.json.http_code).toBe(http);
  expect(r.json.metadata).toEqual(metadata);
  expect(Array.isArray(r.json.response)).toBe(true);
  return r.json.response;
}

function expectList(r: CallResult, path: string): any[] {
  expect(r.status).toBe(200);
  expect(keysOf(r.json)).toEqual(['request_id', 'method', 'http_code', 'metadata', 'response']);
  expect(r.json.metadata).toEqual({
    page_size: 50,
    first_page_uri: `${path}?offset=0&page_size=50`,
    prev_page_uri: null,
    next_page_uri: null,
  });
  for (const item of r.json.response) expect(item).toMatchObject({ code: 200, error_data: null, status: 'success' });
  return r.json.response.map((i: any) => i.data);
}

describe('seed 000 §1 create trunk', () => {
  it('200: returns the trunk with every documented field, in the seed order', async () => {
    const r = await api.call('POST', `${api.base}/trunks`, {
      trunk_name: 'outbound_trunk',
      nso_code: 'ANY-ANY',
      domain_name: 'exoteltest.pstn.exotel.com',
    });
    const data = expectSingleSuccess(r, 'POST');
    expect(keysOf(data)).toEqual(keysOf(SEED.createTrunkData));
    expect(data.trunk_sid).toMatch(TRUNK_SID);
    expect(data.date_created).toMatch(ISO_NO_MS);
    expect(data).toMatchObject({ trunk_name: 'outbound_trunk', domain_name: 'exoteltest.pstn.exotel.com', status: 'active', auth_type: 'IP-WHITELIST' });
    expect(data.phone_numbers).toBe(`/v2/accounts/exoteltest/trunks/${data.trunk_sid}/phone-numbers`);
  });

  it('400 / 1000: invalid trunk_name, with the seed description', async () => {
    for (const name of ['my-trunk!', 'ElevenLabs_Outbound_Trunk']) {
      const r = await api.call('POST', `${api.base}/trunks`, { trunk_name: name, nso_code: 'ANY-ANY', domain_name: 'exoteltest.pstn.exotel.com' });
      expectFailure(r, 400, SEED.createTrunk400);
    }
  });

  it('409 / 1002 "Resource exists": duplicate name (HTTP 409, as seed 000 shows)', async () => {
    const r = await api.call('POST', `${api.base}/trunks`, { trunk_name: 'outbound_trunk', nso_code: 'ANY-ANY', domain_name: 'exoteltest.pstn.exotel.com' });
    expectFailure(r, 409, SEED.createTrunk409);
  });

  it('400 / 1001: wrong nso_code, wrong domain_name, missing field', async () => {
    const bad = [
      { trunk_name: 't1', nso_code: 'IN-ANY', domain_name: 'exoteltest.pstn.exotel.com' },
      { trunk_name: 't1', nso_code: 'ANY-ANY', domain_name: 'other.pstn.exotel.com' },
      { trunk_name: 't1', nso_code: 'ANY-ANY' },
    ];
    for (const body of bad) {
      const r = await api.call('POST', `${api.base}/trunks`, body);
      expect(r.status).toBe(400);
      expect(r.json.response.error_data.code).toBe(1001);
    }
  });
});

describe('seed 000 §2-3, §7 phone numbers', () => {
  let sid: string;
  beforeAll(async () => {
    sid = await api.createTrunk('numbers_trunk');
  });

  it('maps pstn, flow, and no mode (mode: null)', async () => {
    const path = `${api.base}/trunks/${sid}/phone-numbers`;
    const pstn = expectSingleSuccess(await api.call('POST', path, { phone_number: '+919876543210', mode: 'pstn' }), 'POST');
    expect(keysOf(pstn)).toEqual(keysOf(SEED.numberData));
    expect(pstn).toMatchObject({ phone_number: '+919876543210', trunk_sid: sid, mode: 'pstn' });
    expect(pstn.id).toMatch(NUMERIC_ID);
    const flow = expectSingleSuccess(await api.call('POST', path, { phone_number: '+918040264208', mode: 'flow' }), 'POST');
    expect(flow.mode).toBe('flow');
    const none = expectSingleSuccess(await api.call('POST', path, { phone_number: '+911800123456' }), 'POST');
    expect(none.mode).toBeNull();
  });

  it('404 / 1003 on an unknown trunk, with the seed description', async () => {
    const r = await api.call('POST', `${api.base}/trunks/trmum1a2b3c4d5e6f7890123456/phone-numbers`, { phone_number: '+919876543210', mode: 'pstn' });
    expectFailure(r, 404, SEED.trunk404);
  });

  it('400 / 1001 on a number without +', async () => {
    const r = await api.call('POST', `${api.base}/trunks/${sid}/phone-numbers`, { phone_number: '9876543210', mode: 'pstn' });
    expectFailure(r, 400, SEED.invalidPhone);
  });

  it('400 on mode PSTN (case matters)', async () => {
    const r = await api.call('POST', `${api.base}/trunks/${sid}/phone-numbers`, { phone_number: '+919876543299', mode: 'PSTN' });
    expect(r.status).toBe(400);
  });

  it('duplicate: HTTP 200 with response.code 409 and error 1008', async () => {
    const r = await api.call('POST', `${api.base}/trunks/${sid}/phone-numbers`, { phone_number: '+919876543210', mode: 'pstn' });
    expectInnerDuplicate(r, `Unable to create DidTrunkMapping with TrunkSid ${sid}`);
  });

  it('PUT switches the mode; the number must match the id and mode is required', async () => {
    const list = expectList(await api.call('GET', `${api.base}/trunks/${sid}/phone-numbers`), `${api.base}/trunks/${sid}/phone-numbers`);
    const target = list.find((n) => n.phone_number === '+919876543210');
    const path = `${api.base}/trunks/${sid}/phone-numbers/${target.id}`;
    const data = expectSingleSuccess(await api.call('PUT', path, { phone_number: '+919876543210', mode: 'flow' }), 'PUT');
    expect(data).toMatchObject({ id: target.id, mode: 'flow', date_created: target.date_created });
    expect(keysOf(data)).toEqual(keysOf(SEED.numberData));
    expect((await api.call('PUT', path, { phone_number: '+918040264208', mode: 'pstn' })).status).toBe(400);
    expect((await api.call('PUT', path, { phone_number: '+919876543210' })).status).toBe(400);
    expect((await api.call('PUT', `${api.base}/trunks/${sid}/phone-numbers/99999999`, { phone_number: '+919876543210', mode: 'pstn' })).status).toBe(404);
  });

  it('lists numbers with the seed metadata and item shape', async () => {
    const path = `${api.base}/trunks/${sid}/phone-numbers`;
    const items = expectList(await api.call('GET', path), path);
    expect(items.map((n) => n.phone_number)).toEqual(['+919876543210', '+918040264208', '+911800123456']);
    for (const n of items) expect(keysOf(n)).toEqual(keysOf(SEED.numberData));
  });
});

describe('seed 000 §4, §8 whitelisted IPs', () => {
  let sid: string;
  beforeAll(async () => {
    sid = await api.createTrunk('acl_trunk');
  });

  it('whitelists the seed IP (documentation IPs are accepted on the ACL, refused only as destinations)', async () => {
    const data = expectSingleSuccess(await api.call('POST', `${api.base}/trunks/${sid}/whitelisted-ips`, { ip: '203.0.113.50', mask: 32 }), 'POST');
    expect(keysOf(data)).toEqual(keysOf(SEED.aclData));
    expect(data).toMatchObject({ ip: '203.0.113.50', mask: 32, friendly_name: null, trunk_sid: sid });
    expect(data.id).toMatch(NUMERIC_ID);
  });

  it('400 / 1001 on an invalid IP, and on mask 33 or 0 (seed range 1..32)', async () => {
    expectFailure(await api.call('POST', `${api.base}/trunks/${sid}/whitelisted-ips`, { ip: '256.1.2.3', mask: 32 }), 400, SEED.invalidIp);
    for (const mask of [33, 0, '32']) {
      const r = await api.call('POST', `${api.base}/trunks/${sid}/whitelisted-ips`, { ip: '44.248.146.10', mask });
      expect(r.status).toBe(400);
      expect(r.json.response.error_data.code).toBe(1001);
    }
  });

  it('duplicate IP: HTTP 200 with inner 409 / 1008', async () => {
    expectSingleSuccess(await api.call('POST', `${api.base}/trunks/${sid}/whitelisted-ips`, { ip: '44.248.146.10', mask: 32 }), 'POST');
    const r = await api.call('POST', `${api.base}/trunks/${sid}/whitelisted-ips`, { ip: '44.248.146.10', mask: 32 });
    expectInnerDuplicate(r, 'Unable to Whitelist-ip with ip 44.248.146.10');
  });

  it('lists the ACL', async () => {
    const path = `${api.base}/trunks/${sid}/whitelisted-ips`;
    const items = expectList(await api.call('GET', path), path);
    expect(items.map((a) => a.ip)).toEqual(['203.0.113.50', '44.248.146.10']);
    for (const a of items) expect(keysOf(a)).toEqual(keysOf(SEED.aclData));
  });
});

describe('seed 000 §5, §9 destination URIs', () => {
  let sid: string;
  let path: string;
  beforeAll(async () => {
    sid = await api.createTrunk('dest_trunk');
    path = `${api.base}/trunks/${sid}/destination-uris`;
    // the seed's documentation IP on the ACL, and the seed's own real public success IP
    await api.call('POST', `${api.base}/trunks/${sid}/whitelisted-ips`, { ip: '203.0.113.50', mask: 32 });
    await api.call('POST', `${api.base}/trunks/${sid}/whitelisted-ips`, { ip: '44.248.146.11', mask: 32 });
  });

  it('the seed TLS example with 203.0.113.50 fails: documentation IPs are "not a valid Ip or Fqdn" even when whitelisted', async () => {
    const items = expectMulti(await api.call('POST', path, { destinations: [{ destination: '203.0.113.50:5061;transport=tls' }] }), 207, { failed: 1, total: 1, success: 0 });
    expect(items[0]).toEqual({ code: 400, error_data: SEED.destinationInvalid, status: 'failure', data: null });
  });

  // Where the seed's examples must succeed, 44.248.146.11 (the seed's own success example) replaces 203.0.113.50.
  it('TLS to a whitelisted public IP: 200, stored with sip: prefix', async () => {
    const items = expectMulti(await api.call('POST', path, { destinations: [{ destination: '44.248.146.11:5061;transport=tls' }] }), 200, { total: 1, success: 1 });
    expect(items[0]).toMatchObject({ code: 200, error_data: null, status: 'success' });
    expect(keysOf(items[0].data)).toEqual(keysOf(SEED.destinationData));
    expect(items[0].data).toMatchObject({ destination: 'sip:44.248.146.11:5061;transport=tls', type: 'public', priority: 0, weight: 1, trunk_sid: sid });
    expect(items[0].data.id).toMatch(NUMERIC_ID);
  });

  it('TCP to a whitelisted public IP: 200', async () => {
    const items = expectMulti(await api.call('POST', path, { destinations: [{ destination: '44.248.146.11:5060;transport=tcp' }] }), 200, { total: 1, success: 1 });
    expect(items[0].data.destination).toBe('sip:44.248.146.11:5060;transport=tcp');
  });

  it('FQDN needs no ACL: 200', async () => {
    const items = expectMulti(await api.call('POST', path, { destinations: [{ destination: 'sip.mycompany.com:5061;transport=tls' }] }), 200, { total: 1, success: 1 });
    expect(items[0].data.destination).toBe('sip:sip.mycompany.com:5061;transport=tls');
  });

  it('a public IP not on the ACL: 207 / 1002 "Destination not whitelisted"', async () => {
    const items = expectMulti(await api.call('POST', path, { destinations: [{ destination: '44.248.146.12:5061;transport=tls' }] }), 207, { failed: 1, total: 1, success: 0 });
    expect(items[0]).toEqual({ code: 400, error_data: SEED.destinationNotWhitelisted, status: 'failure', data: null });
  });

  it('private, loopback, link-local, CGNAT, other documentation ranges and malformed values are "not a valid Ip or Fqdn"', async () => {
    const bad = ['10.0.0.5:5060;transport=tcp', '127.0.0.1:5060;transport=tcp', '169.254.1.1:5060;transport=tcp', '100.64.0.1:5060;transport=tcp', '192.0.2.10:5060;transport=tcp', '198.51.100.7:5060;transport=tcp', '192.168.1.1:5060;transport=tcp', '44.248.146.11', '44.248.146.11:5060;transport=sctp', 'sip.example.test:5060;transport=tcp', 'not a host:5060;transport=tcp', '44.248.146.11:70000;transport=tcp'];
    const items = expectMulti(await api.call('POST', path, { destinations: bad.map((destination) => ({ destination })) }), 207, { failed: bad.length, total: bad.length, success: 0 });
    for (const item of items) expect(item.error_data).toEqual(SEED.destinationInvalid);
  });

  it('duplicate destination: item 409 / 1008; mixed batch: 207 with per-item results', async () => {
    const items = expectMulti(
      await api.call('POST', path, { destinations: [{ destination: 'sip:sip.mycompany.com:5061;transport=tls' }, { destination: 'sip.other.com:5060;transport=udp' }] }),
      207,
      { failed: 1, total: 2, success: 1 },
    );
    expect(items[0]).toMatchObject({ code: 409, status: 'failure', error_data: { code: 1008 } });
    expect(items[1]).toMatchObject({ code: 200, status: 'success' });
  });

  it('lists destinations newest first, as the seed example does', async () => {
    const list = expectList(await api.call('GET', path), path);
    expect(list.map((d) => d.destination)).toEqual([
      'sip:sip.other.com:5060;transport=udp',
      'sip:sip.mycompany.com:5061;transport=tls',
      'sip:44.248.146.11:5060;transport=tcp',
      'sip:44.248.146.11:5061;transport=tls',
    ]);
    for (const d of list) expect(keysOf(d)).toEqual(keysOf(SEED.destinationData));
  });
});

describe('seed 000 §6 credentials (list shape of seed 002)', () => {
  let sid: string;
  let path: string;
  beforeAll(async () => {
    sid = await api.createTrunk('cred_trunk');
    path = `${api.base}/trunks/${sid}/credentials`;
  });

  it('empty: a bare response: [] without metadata, exactly as seed 000', async () => {
    const r = await api.call('GET', path);
    expect(r.status).toBe(200);
    expect(keysOf(r.json)).toEqual(['request_id', 'method', 'http_code', 'response']);
    expect(r.json).toMatchObject({ method: 'GET', http_code: 200, response: [] });
  });

  it('create, list and delete; the password never comes back', async () => {
    const password = 'Xk9mP2nQ4rS6tU8v';
    const created = await api.call('POST', path, { user_name: 'voice_ai_user', password, friendly_name: 'voice_ai_platform' });
    const data = expectSingleSuccess(created, 'POST');
    expect(keysOf(data)).toEqual(keysOf(SEED.credentialData));
    expect(created.text).not.toContain(password);

    const listed = await api.call('GET', path);
    expect(listed.json.response).toHaveLength(1);
    expect(listed.json.response[0]).toMatchObject({ code: 200, error_data: null, status: 'success' });
    expect(keysOf(listed.json.response[0].data)).toEqual(keysOf(SEED.credentialData));
    expect(listed.json.metadata).toMatchObject({ total: 1, page_size: 50, page: 1, prev_page_uri: null, next_page_uri: null });
    expect(listed.text).not.toContain(password);
    expect(api.sandbox.state().accounts.exoteltest.trunks[sid].credentials[0].password).toBe(password);

    expectInnerDuplicate(await api.call('POST', path, { user_name: 'voice_ai_user', password: 'other' }), 'Unable to create credentials with user_name voice_ai_user');
    expect((await api.call('POST', path, { user_name: 'u2', password: 'p', friendly_name: 'x'.repeat(33) })).status).toBe(400);

    const deleted = expectSingleSuccess(await api.call('DELETE', `${path}?id=${data.id}`), 'DELETE');
    expect(deleted).toEqual(data);
    expect((await api.call('GET', path)).json.response).toEqual([]);
    expect((await api.call('DELETE', `${path}?id=${data.id}`)).status).toBe(404);
  });
});

describe('seed 000 §10 trunk alias', () => {
  it('sets the alias (multi-status) and lists it', async () => {
    const sid = await api.createTrunk('alias_trunk');
    const path = `${api.base}/trunks/${sid}/settings`;
    const items = expectMulti(await api.call('POST', path, { settings: [{ name: 'trunk_external_alias', value: '+919876543210' }] }), 200, { total: 1, success: 1 });
    expect(keysOf(items[0].data)).toEqual(keysOf(SEED.settingData));
    expect(items[0].data).toMatchObject({ name: 'trunk_external_alias', value: '+919876543210', trunk_sid: sid });
    const bad = expectMulti(await api.call('POST', path, { settings: [{ name: 'trunk_external_alias', value: '98765' }, { name: 'colour', value: '+919876543210' }] }), 207, { failed: 2, total: 2, success: 0 });
    expect(bad.map((i) => i.code)).toEqual([400, 400]);
    expectMulti(await api.call('POST', path, { settings: [{ name: 'trunk_external_alias', value: '+918040264208' }] }), 200, { total: 1, success: 1 });
    const listed = expectList(await api.call('GET', path), path);
    expect(listed).toHaveLength(1);
    expect(listed[0].value).toBe('+918040264208');
  });
});

describe('seed 000 §11 delete trunk', () => {
  it('returns the deleted trunk data; afterwards the trunk is gone (404 / 1003)', async () => {
    const sid = await api.createTrunk('my_trunk1234');
    const data = expectSingleSuccess(await api.call('DELETE', `${api.base}/trunks?trunk_sid=${sid}`), 'DELETE');
    expect(keysOf(data)).toEqual(keysOf(SEED.deleteTrunkData));
    expect(data).toMatchObject({ trunk_sid: sid, trunk_name: 'my_trunk1234' });
    const again = await api.call('DELETE', `${api.base}/trunks?trunk_sid=${sid}`);
    expectFailure(again, 404, { code: 1003, message: 'Resource not found', description: `Trunk '${sid}' does not exist` });
    expect((await api.call('GET', `${api.base}/trunks/${sid}/phone-numbers`)).status).toBe(404);
    const account = api.sandbox.state().accounts.exoteltest;
    expect(account.trunks[sid]).toBeUndefined();
    expect(account.deleted.trunks.map((t) => t.trunk.trunk_sid)).toContain(sid);
  });
});
