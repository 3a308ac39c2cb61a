import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/core/secret.js';
import { ACCOUNT, newTrunk as createTrunk, PUBLIC_IP, rig, type Rig } from './sandbox-client.js';

let r: Rig;
beforeAll(async () => {
  r = await rig();
});
afterAll(() => r.close());

const newTrunk = (name: string) => createTrunk(r.client, name);

describe('Exotel client endpoints against the sandbox', () => {
  it('creates a trunk with nso_code ANY-ANY and the account domain', async () => {
    const res = await r.client.createTrunk({ trunkName: 'outbound_trunk' });
    expect(res.outcome).toBe('created');
    if (res.outcome !== 'created') return;
    expect(res.data.trunkName).toBe('outbound_trunk');
    expect(res.data.domainName).toBe(`${ACCOUNT}.pstn.exotel.com`);
    expect(res.data.trunkSid).toMatch(/^trmum1/);
    expect(res.requestId).toMatch(/^[0-9a-f]{32}$/);
    const stored = r.sandbox.state().accounts[ACCOUNT].trunks[res.data.trunkSid].trunk;
    expect(stored.nso_code).toBe('ANY-ANY');
  });

  it('refuses an invalid trunk name before sending anything', async () => {
    const before = r.sandbox.requests().length;
    await expect(r.client.createTrunk({ trunkName: 'ElevenLabs_Outbound_Trunk' })).rejects.toThrow(/Invalid trunk name/);
    expect(r.sandbox.requests().length).toBe(before);
  });

  it('maps a number without mode (mode null), with flow, updates the mode, and lists them', async () => {
    const sid = await newTrunk('numbers_t');
    const a = await r.client.mapNumber(sid, { phoneNumber: '+919876543210' });
    expect(a.outcome).toBe('created');
    if (a.outcome !== 'created') return;
    expect(a.data).toMatchObject({ phoneNumber: '+919876543210', trunkSid: sid, mode: null });
    expect(a.data.id).toMatch(/^\d+$/);
    const b = await r.client.mapNumber(sid, { phoneNumber: '+918040264208', mode: 'flow' });
    expect(b.outcome === 'created' && b.data.mode).toBe('flow');

    const updated = await r.client.setNumberMode(sid, a.data.id, { phoneNumber: '+919876543210', mode: 'pstn' });
    expect(updated).toMatchObject({ id: a.data.id, mode: 'pstn' });
    const put = r.sandbox.requests().find((q) => q.method === 'PUT');
    expect(put?.path).toBe(`/v2/accounts/${ACCOUNT}/trunks/${sid}/phone-numbers/${a.data.id}`);

    const list = await r.client.listNumbers(sid);
    expect(list.map((n) => [n.phoneNumber, n.mode])).toEqual([
      ['+919876543210', 'pstn'],
      ['+918040264208', 'flow'],
    ]);
  });

  it('whitelists an IP with mask 32 and lists the ACL', async () => {
    const sid = await newTrunk('acl_t');
    const res = await r.client.whitelistIp(sid, { ip: PUBLIC_IP });
    expect(res.outcome === 'created' && res.data).toMatchObject({ ip: PUBLIC_IP, mask: 32, trunkSid: sid });
    expect(r.sandbox.state().accounts[ACCOUNT].trunks[sid].acl[0].mask).toBe(32);
    expect(await r.client.listAcl(sid)).toEqual([
      expect.objectContaining({ ip: PUBLIC_IP, mask: 32, friendlyName: null }),
    ]);
  });

  it('creates, lists (list shape and empty) and deletes digest credentials by query id', async () => {
    const sid = await newTrunk('creds_t');
    expect(await r.client.listCredentials(sid)).toEqual([]);
    const res = await r.client.createCredential(sid, {
      userName: 'voice_ai_user',
      password: new Secret('S3cretPassw0rd!xyz'),
      friendlyName: 'elevenlabs-prod',
    });
    expect(res.outcome).toBe('created');
    const stored = r.sandbox.state().accounts[ACCOUNT].trunks[sid].credentials[0];
    expect(stored.password).toBe('S3cretPassw0rd!xyz');
    const list = await r.client.listCredentials(sid);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ userName: 'voice_ai_user', friendlyName: 'elevenlabs-prod', trunkSid: sid });
    expect(list[0].password).toBeUndefined();
    await r.client.deleteCredential(sid, list[0].id!);
    const del = r.sandbox.requests().find((q) => q.method === 'DELETE');
    expect(del?.path).toBe(`/v2/accounts/${ACCOUNT}/trunks/${sid}/credentials`);
    expect(del?.query).toEqual({ id: list[0].id });
    expect(await r.client.listCredentials(sid)).toEqual([]);
  });

  it('adds destinations (sip: prefix accepted) and lists them with the sip: prefix', async () => {
    const sid = await newTrunk('dest_t');
    const res = await r.client.addDestinations(sid, ['sip:sip.retellai.com:5060;transport=tcp']);
    expect(res).toHaveLength(1);
    expect(res[0].ok).toBe(true);
    const list = await r.client.listDestinations(sid);
    expect(list).toEqual([
      expect.objectContaining({ destination: 'sip:sip.retellai.com:5060;transport=tcp', trunkSid: sid }),
    ]);
  });

  it('sets the trunk_external_alias setting', async () => {
    const sid = await newTrunk('alias_t');
    const res = await r.client.setAlias(sid, '+919876543210');
    expect(res).toEqual([{ ok: true, data: { name: 'trunk_external_alias', value: '+919876543210' } }]);
    const settings = r.sandbox.state().accounts[ACCOUNT].trunks[sid].settings;
    expect(settings).toEqual([expect.objectContaining({ name: 'trunk_external_alias', value: '+919876543210' })]);
  });

  it('deletes a trunk with DELETE /trunks?trunk_sid= and returns it; a second delete returns null', async () => {
    const sid = await newTrunk('del_t');
    const gone = await r.client.deleteTrunk(sid);
    expect(gone).toMatchObject({ trunkSid: sid, trunkName: 'del_t' });
    const del = r.sandbox.requests().filter((q) => q.method === 'DELETE' && q.query.trunk_sid === sid);
    expect(del[0].path).toBe(`/v2/accounts/${ACCOUNT}/trunks`);
    expect(await r.client.deleteTrunk(sid)).toBeNull();
  });

  it('follows next_page_uri and returns every one of > 50 numbers', async () => {
    const sid = await newTrunk('many_t');
    const numbers = Array.from({ length: 120 }, (_, i) => `+9198765${String(i).padStart(5, '0')}`);
    await Promise.all(numbers.map((n) => r.client.mapNumber(sid, { phoneNumber: n })));
    const before = r.sandbox.requests().length;
    const list = await r.client.listNumbers(sid);
    expect(list).toHaveLength(120);
    expect(new Set(list.map((n) => n.phoneNumber))).toEqual(new Set(numbers));
    const pages = r.sandbox.requests().slice(before);
    expect(pages.map((p) => p.query.offset ?? '0')).toEqual(['0', '50', '100']);
  });
});
