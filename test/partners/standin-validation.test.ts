/**
 * The stand-ins refuse what the partners' own definitions refuse: an unknown field, a bad enum value, a
 * missing required field, bad auth. Raw HTTP here, because the SDKs would not send most of these; the
 * LiveKit token still comes from the SDK's AccessToken.
 */
import { AccessToken } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { renderOutputs } from '../../src/core/render/render.js';
import type { PartnerStandIns } from '../../src/sandbox/partners/index.js';
import { standInsPerFile } from './helpers.js';
import { fixtureContext } from '../helpers/render-fixture.js';

let s: PartnerStandIns;
standInsPerFile({ seed: 3 }, (x) => (s = x));

const DID = '+918012345678';

async function lk(method: string, body: unknown, grant: { admin?: boolean } = { admin: true }, secret = s.livekit.apiSecret) {
  const at = new AccessToken(s.livekit.apiKey, secret, { ttl: '5m' });
  at.addSIPGrant(grant);
  const res = await fetch(`${s.livekit.url}/twirp/livekit.SIP/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await at.toJwt()}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { code?: string; msg?: string } };
}

describe('LiveKit stand-in refusals', () => {
  const trunk = { name: 'x', address: 'in.voip.exotel.com:5070', numbers: [DID], transport: 'SIP_TRANSPORT_TCP' };

  it('accepts a valid request in snake_case and lowerCamelCase (protojson)', async () => {
    expect((await lk('CreateSIPOutboundTrunk', { trunk: { ...trunk, auth_username: 'u' } })).status).toBe(200);
    expect((await lk('CreateSIPOutboundTrunk', { trunk: { ...trunk, authUsername: 'u' } })).status).toBe(200);
  });

  it('refuses an unknown field, a bad enum, a wrong type', async () => {
    const unknown = await lk('CreateSIPOutboundTrunk', { trunk: { ...trunk, bogus: 1 } });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'malformed' } });
    expect(unknown.body.msg).toContain('key "bogus" is unknown');
    expect((await lk('CreateSIPOutboundTrunk', { trunk: { ...trunk, transport: 'SIP_TRANSPORT_SCTP' } })).body.msg).toContain('cannot decode enum livekit.SIPTransport');
    expect((await lk('CreateSIPOutboundTrunk', { trunk: { ...trunk, numbers: DID } })).status).toBe(400);
    expect((await lk('CreateSIPOutboundTrunk', { name: 'not wrapped in trunk' })).body.msg).toContain('key "name" is unknown');
    expect((await lk('CreateSIPOutboundTrunk', '{not json')).body.code).toBe('malformed');
    expect(s.livekit.state().outbound).toEqual([]);
  });

  it('refuses a missing required value with livekit/protocol\'s message', async () => {
    expect((await lk('CreateSIPOutboundTrunk', { trunk: { name: 'x', numbers: [DID] } })).body).toEqual({ code: 'invalid_argument', msg: 'no outbound address specified' });
    expect((await lk('CreateSIPOutboundTrunk', {})).body).toEqual({ code: 'invalid_argument', msg: 'missing trunk' });
    expect((await lk('CreateSIPInboundTrunk', { trunk: { name: 'x' } })).body.msg).toBe('for security, one of the fields must be set: AuthUsername+AuthPassword, AllowedAddresses or Numbers');
    expect((await lk('CreateSIPDispatchRule', { name: 'r' })).body).toEqual({ code: 'invalid_argument', msg: 'missing rule' });
    expect((await lk('CreateSIPOutboundTrunk', { trunk: { ...trunk, address: 'in.voip.exotel.com;transport=tcp' } })).body.msg).toBe('trunk transport should be set as a field, not a URI parameter');
  });

  it('refuses a token without the grant, a token signed with another secret, a missing token, an unknown method', async () => {
    expect((await lk('ListSIPOutboundTrunk', {}, { call: true } as never)).status).toBe(403);
    expect((await lk('ListSIPOutboundTrunk', {}, { admin: true }, 'another-secret-0123456789abcdefghij')).status).toBe(401);
    const bare = await fetch(`${s.livekit.url}/twirp/livekit.SIP/ListSIPOutboundTrunk`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(bare.status).toBe(401);
    expect((await lk('CreateSIPParticipant', {})).status).toBe(501);
    const bad = await fetch(`${s.livekit.url}/twirp/livekit.Room/ListRooms`, { method: 'POST', body: '{}' });
    expect(bad.status).toBe(404);
  });

  it('accepts the paste-ready LiveKit JSON exotrunk renders (the body lk sends)', async () => {
    const recipe = loadRecipe('livekit');
    const outputs = renderOutputs(recipe, fixtureContext(recipe, 'both', { livekit_subdomain: 'abc123xyz', livekit_agent_name: 'exotel-agent', livekit_room_prefix: 'call-' }));
    const file = (id: string) => JSON.parse(outputs.find((o) => o.id === id)!.content);
    expect((await lk('CreateSIPOutboundTrunk', file('livekit-outbound-trunk'))).status).toBe(200);
    expect((await lk('CreateSIPInboundTrunk', file('livekit-inbound-trunk'))).status).toBe(200);
    expect((await lk('CreateSIPDispatchRule', file('livekit-dispatch-rule'))).status).toBe(200);
  });
});

async function el(method: string, path: string, body?: unknown, key = s.elevenlabs.apiKey) {
  const res = await fetch(`${s.elevenlabs.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'xi-api-key': key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { detail?: unknown } };
}

describe('ElevenLabs stand-in refusals (the SDK serializers in strict mode)', () => {
  const body = { provider: 'sip_trunk', phone_number: DID, label: 'x', outbound_trunk_config: { address: 'in.voip.exotel.com:5070', transport: 'tcp' } };
  const msgs = (r: { body: { detail?: unknown } }) => JSON.stringify(r.body.detail);

  it('accepts a valid body and refuses an unknown field, a bad enum, a missing required field', async () => {
    expect((await el('POST', '/v1/convai/phone-numbers', { ...body, supports_outbound: true })).status).toBe(200);
    s.elevenlabs.reset();
    const unknown = await el('POST', '/v1/convai/phone-numbers', { ...body, phoneNumber: DID });
    expect(unknown.status).toBe(422);
    expect(msgs(unknown)).toContain('Unexpected key \\"phoneNumber\\"');
    const enumBad = await el('POST', '/v1/convai/phone-numbers', { ...body, outbound_trunk_config: { address: 'a', transport: 'TCP' } });
    expect(msgs(enumBad)).toContain('Expected enum');
    const missing = await el('POST', '/v1/convai/phone-numbers', { provider: 'sip_trunk', phone_number: DID });
    expect(missing.status).toBe(422);
    expect(msgs(missing)).toContain('label');
    const noAddress = await el('POST', '/v1/convai/phone-numbers', { ...body, outbound_trunk_config: { transport: 'tcp' } });
    expect(msgs(noAddress)).toContain('address');
    expect(s.elevenlabs.state().numbers).toEqual([]);
  });

  it('refuses an unknown field in an update and a bad key', async () => {
    const { body: created } = await el('POST', '/v1/convai/phone-numbers', body);
    const id = (created as { phone_number_id: string }).phone_number_id;
    const r = await el('PATCH', `/v1/convai/phone-numbers/${id}`, { label: 'y', supports_inbound: true });
    expect(r.status).toBe(422);
    expect((await el('GET', `/v1/convai/phone-numbers/${id}`, undefined, 'sk_other')).status).toBe(401);
  });
});

async function rt(method: string, path: string, body?: unknown) {
  const res = await fetch(`${s.retell.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.retell.apiKey}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as { message?: string } | null };
}

describe('Retell stand-in refusals (published fields, unknown ones refused)', () => {
  const body = { phone_number: DID, termination_uri: 'in.voip.exotel.com:5070', transport: 'TCP' };

  it('refuses an unknown field, a bad transport, a missing termination URI, weights that do not add up to 1', async () => {
    const unknown = await rt('POST', '/import-phone-number', { ...body, inbound_agent_id: 'agent_sandbox' });
    expect(unknown.status).toBe(400);
    expect(unknown.body?.message).toContain('inbound_agent_id');
    expect((await rt('POST', '/import-phone-number', { ...body, transport: 'tcp' })).status).toBe(400);
    expect((await rt('POST', '/import-phone-number', { phone_number: DID })).body?.message).toContain('termination_uri');
    const weights = await rt('POST', '/import-phone-number', { ...body, inbound_agents: [{ agent_id: 'agent_sandbox', weight: 0.5 }] });
    expect(weights.body?.message).toContain('Total weights must add up to 1');
    expect(s.retell.state().numbers).toEqual([]);
    expect((await rt('POST', '/import-phone-number', body)).status).toBe(201);
    expect((await rt('PATCH', `/update-phone-number/${encodeURIComponent(DID)}`, { sip_trunk_auth_password: 'x' })).status).toBe(400);
  });
});
