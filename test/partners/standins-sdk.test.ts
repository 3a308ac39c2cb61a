/**
 * The stand-ins driven through the partners' official SDK clients with their base URL pointed at them:
 * create, list, get, update and delete round trips, and the auth each SDK sends.
 */
import { ElevenLabsClient, ElevenLabsError } from '@elevenlabs/elevenlabs-js';
import { AccessToken, SipClient, SIPDispatchRuleInfo, SIPDispatchRule, SIPDispatchRuleIndividual, TwirpError } from 'livekit-server-sdk';
import Retell from 'retell-sdk';
import { describe, expect, it } from 'vitest';
import type { PartnerStandIns } from '../../src/sandbox/partners/index.js';
import { standInsPerFile } from './helpers.js';

let s: PartnerStandIns;
standInsPerFile({ seed: 7 }, (x) => (s = x));

const DID = '+918012345678';

describe('LiveKit stand-in through livekit-server-sdk SipClient', () => {
  const sip = () => new SipClient(s.livekit.url, s.livekit.apiKey, s.livekit.apiSecret);

  it('creates, lists, updates and deletes trunks and a dispatch rule', async () => {
    const c = sip();
    const out = await c.createSipOutboundTrunk('Exotel t', 'in.voip.exotel.com:5070', [DID], { transport: 2, authUsername: 'u', authPassword: 'p', destinationCountry: 'in' });
    expect(out.sipTrunkId).toMatch(/^ST_[A-Za-z0-9]{12}$/);
    const inb = await c.createSipInboundTrunk('Exotel t inbound', [DID], { allowedAddresses: ['35.154.174.161/32'], krispEnabled: true });
    const rule = await c.createSipDispatchRule({ type: 'individual', roomPrefix: 'call-' }, { name: 'r', trunkIds: [inb.sipTrunkId] });
    expect(rule.sipDispatchRuleId).toMatch(/^SDR_/);

    expect((await c.listSipOutboundTrunk()).map((t) => t.name)).toEqual(['Exotel t']);
    expect((await c.listSipInboundTrunk({ numbers: [DID] })).map((t) => t.sipTrunkId)).toEqual([inb.sipTrunkId]);
    expect((await c.listSipInboundTrunk({ numbers: ['+919999999999'] })).length).toBe(0);
    expect((await c.listSipDispatchRule({ trunkIds: [inb.sipTrunkId] })).map((r) => r.name)).toEqual(['r']);

    const upd = await c.updateSipOutboundTrunkFields(out.sipTrunkId, { address: 'in.voip.exotel.com:443', transport: 3, numbers: { set: ['+918012345679'] } } as never);
    expect(upd.address).toBe('in.voip.exotel.com:443');
    expect(upd.numbers).toEqual(['+918012345679']);
    expect(upd.authPassword).toBe('p'); // an update without the password keeps it

    const replaced = await c.updateSipDispatchRule(
      rule.sipDispatchRuleId,
      new SIPDispatchRuleInfo({ name: 'r2', trunkIds: [inb.sipTrunkId], rule: new SIPDispatchRule({ rule: { case: 'dispatchRuleIndividual', value: new SIPDispatchRuleIndividual({ roomPrefix: 'x-' }) } }) }),
    );
    expect(replaced.name).toBe('r2');

    await c.deleteSipDispatchRule(rule.sipDispatchRuleId);
    await c.deleteSipTrunk(inb.sipTrunkId);
    await c.deleteSipTrunk(out.sipTrunkId);
    expect(s.livekit.state()).toEqual({ outbound: [], inbound: [], dispatchRules: [] });
  });

  it('refuses a wrong secret (401) and a token without the sip.admin grant (403)', async () => {
    const bad = new SipClient(s.livekit.url, s.livekit.apiKey, 'not-the-secret-0123456789abcdef0123');
    await expect(bad.listSipOutboundTrunk()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    const at = new AccessToken(s.livekit.apiKey, s.livekit.apiSecret, { ttl: '5m' });
    at.addGrant({ roomList: true });
    const noSip = new SipClient(s.livekit.url, undefined, undefined, { token: await at.toJwt() });
    const err = await noSip.listSipOutboundTrunk().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TwirpError);
    expect(err).toMatchObject({ status: 403, code: 'permission_denied' });
  });

  it("applies livekit/protocol's server-side checks with LiveKit's messages", async () => {
    const c = sip();
    await expect(c.createSipOutboundTrunk('x', 'sip:in.voip.exotel.com:5070', [DID], { transport: 2 })).rejects.toMatchObject({
      status: 400,
      message: 'trunk address should be a hostname or IP, not SIP URI',
    });
    await expect(c.createSipOutboundTrunk('x', 'in.voip.exotel.com', [], { transport: 2 })).rejects.toMatchObject({ message: 'no trunk numbers specified' });
    await c.createSipInboundTrunk('a', [DID]);
    const e = (await c.createSipInboundTrunk('b', [DID]).catch((x: unknown) => x)) as TwirpError;
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^Conflicting inbound SIP Trunks: "<new>" and "ST_[A-Za-z0-9]{12}", using the same number\(s\) \["\+918012345678"\] without AllowedNumbers set$/);
  });
});

describe('ElevenLabs stand-in through @elevenlabs/elevenlabs-js', () => {
  const el = () => new ElevenLabsClient({ apiKey: s.elevenlabs.apiKey, baseUrl: s.elevenlabs.url, maxRetries: 0 });
  const body = {
    provider: 'sip_trunk' as const,
    phoneNumber: DID,
    label: 'Exotel India',
    agentId: 'agent_sandbox',
    inboundTrunkConfig: { mediaEncryption: 'disabled' as const, allowedAddresses: ['35.154.174.161/32'] },
    outboundTrunkConfig: { address: 'in.voip.exotel.com:5070', transport: 'tcp' as const, mediaEncryption: 'disabled' as const, credentials: { username: 'u', password: 'p' } },
  };

  it('imports, gets, lists (v1 and v2), updates and deletes a SIP-trunk number', async () => {
    const c = el().conversationalAi.phoneNumbers;
    const { phoneNumberId } = await c.create(body);
    const got = await c.get(phoneNumberId);
    expect(got).toMatchObject({ provider: 'sip_trunk', phoneNumber: DID, assignedAgent: { agentId: 'agent_sandbox', agentName: 'Sandbox agent' } });
    if (got.provider !== 'sip_trunk') throw new Error('provider');
    expect(got.outboundTrunk).toMatchObject({ address: 'in.voip.exotel.com:5070', username: 'u', hasAuthCredentials: true });
    expect(JSON.stringify(got)).not.toContain('"p"');
    expect((await c.list()).map((n) => n.phoneNumberId)).toEqual([phoneNumberId]);
    expect((await c.listV2({ phoneNumber: DID })).phoneNumbers.map((n) => n.phoneNumberId)).toEqual([phoneNumberId]);

    const updated = await c.update(phoneNumberId, { label: 'New', outboundTrunkConfig: { address: 'in.voip.exotel.com:443', transport: 'tls', credentials: { username: 'u2' } } });
    expect(updated).toMatchObject({ label: 'New', outboundTrunk: { address: 'in.voip.exotel.com:443', transport: 'tls', username: 'u2', hasAuthCredentials: true } });
    expect(s.elevenlabs.state().numbers[0].outbound?.password).toBe('p'); // "if not specified, then remain unchanged"

    await c.delete(phoneNumberId);
    await expect(c.get(phoneNumberId)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses a wrong key with ElevenLabs\' invalid_api_key body', async () => {
    const bad = new ElevenLabsClient({ apiKey: 'sk_wrong', baseUrl: s.elevenlabs.url, maxRetries: 0 });
    const e = (await bad.conversationalAi.phoneNumbers.list().catch((x: unknown) => x)) as ElevenLabsError;
    expect(e).toBeInstanceOf(ElevenLabsError);
    expect(e.statusCode).toBe(401);
    expect(e.body).toEqual({ detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
  });

  it('answers an unknown agent with 404 and a second import of a number with 409', async () => {
    const c = el().conversationalAi.phoneNumbers;
    await expect(c.create({ ...body, agentId: 'agent_nope' })).rejects.toMatchObject({ statusCode: 404 });
    await c.create(body);
    await expect(c.create(body)).rejects.toMatchObject({ statusCode: 409 });
  });
});

describe('Retell stand-in through retell-sdk', () => {
  const rt = () => new Retell({ apiKey: s.retell.apiKey, baseURL: s.retell.url, maxRetries: 0 });

  it('imports, retrieves, lists, updates and deletes a number', async () => {
    const c = rt();
    const n = await c.phoneNumber.import({
      phone_number: DID,
      termination_uri: 'in.voip.exotel.com:5070',
      transport: 'TCP',
      sip_trunk_auth_username: 'u',
      sip_trunk_auth_password: 'p',
      inbound_agents: [{ agent_id: 'agent_sandbox', weight: 1 }],
      nickname: 'Exotel India',
    });
    expect(n).toMatchObject({ phone_number: DID, phone_number_type: 'custom', sip_outbound_trunk_config: { termination_uri: 'in.voip.exotel.com:5070', auth_username: 'u' } });
    expect(JSON.stringify(n)).not.toContain('"p"');
    expect((await c.phoneNumber.retrieve(DID)).nickname).toBe('Exotel India');
    expect((await c.phoneNumber.list()).items.map((x) => x.phone_number)).toEqual([DID]);
    const u = await c.phoneNumber.update(DID, { termination_uri: 'in.voip.exotel.com:443', transport: 'TLS', outbound_agents: [{ agent_id: 'agent_sandbox', weight: 1 }] });
    expect(u.sip_outbound_trunk_config).toMatchObject({ termination_uri: 'in.voip.exotel.com:443', transport: 'TLS' });
    expect((await c.agent.retrieve('agent_sandbox')).agent_name).toBe('Sandbox agent');
    await c.phoneNumber.delete(DID);
    await expect(c.phoneNumber.retrieve(DID)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a wrong key (401) and an unknown agent (404)', async () => {
    await expect(new Retell({ apiKey: 'key_wrong', baseURL: s.retell.url, maxRetries: 0 }).phoneNumber.list()).rejects.toMatchObject({ status: 401 });
    await expect(rt().agent.retrieve('agent_nope')).rejects.toMatchObject({ status: 404 });
  });
});
