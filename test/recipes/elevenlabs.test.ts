/**
 * ElevenLabs: every direction, transport and workspace, each API body through the SDK's own wire serializers
 * (@elevenlabs/elevenlabs-js, unknown keys and unknown enum values refused), and the rest of what a user follows:
 * the dashboard fields, the checklist, the API host.
 */
import * as eleven from '@elevenlabs/elevenlabs-js/serialization/index.js';
import { ElevenLabsEnvironment } from '@elevenlabs/elevenlabs-js';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { evalWhen } from '../../src/core/recipes/when.js';
import { fixtureInputs } from '../helpers/render-fixture.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, FIXTURE, renderRecipe } from './partner-golden.js';

const STRICT = { unrecognizedObjectKeys: 'fail', allowUnrecognizedEnumValues: false, allowUnrecognizedUnionMembers: false } as const;
const BASE = { el_label: 'Exotel India', el_agent_id: 'agent_01jz8k2m3n' };

function phoneNumberBody(r: ReturnType<typeof renderRecipe>): Record<string, any> {
  const body = r.json('elevenlabs-phone-number') as Record<string, any>;
  const parsed = eleven.conversationalAi.PhoneNumbersCreateRequestBody.parse(body, STRICT);
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  return body;
}

function outboundCallBody(r: ReturnType<typeof renderRecipe>): Record<string, any> {
  const body = r.json('elevenlabs-outbound-call') as Record<string, any>;
  const parsed = eleven.conversationalAi.BodyHandleAnOutboundCallViaSipTrunkV1ConvaiSipTrunkOutboundCallPost.parse(body, STRICT);
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  return body;
}

const checklist = (r: ReturnType<typeof renderRecipe>, direction: 'outbound' | 'inbound' | 'both', answers: Record<string, unknown> = {}) =>
  r.recipe.checklist.filter((c) => evalWhen(c.when, direction, answers)).map((c) => c.text).join('\n');

describe('elevenlabs outbound', () => {
  it.each([
    ['tcp', 'in.voip.exotel.com:5070', 'disabled'],
    ['tls', 'in.voip.exotel.com:443', 'allowed'],
  ] as const)('over %s: the import body parses strictly, dials the edge with the trunk credentials', (t, address, enc) => {
    const r = renderRecipe('elevenlabs', 'outbound', { ...BASE, edge_transport: t, el_test_to: '+919876543210' }, { auth: 'digest' });
    const body = phoneNumberBody(r);
    expect(body.outbound_trunk_config).toEqual({
      address,
      transport: t,
      media_encryption: enc,
      credentials: { username: FIXTURE.username, password: FIXTURE.password },
    });
    expect(body).not.toHaveProperty('inbound_trunk_config');
    expect(outboundCallBody(r)).toEqual({ agent_id: 'agent_01jz8k2m3n', agent_phone_number_id: '<agent_phone_number_id>', to_number: '+919876543210' });
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('elevenlabs', `outbound-${t}`, r.outputs);
  });

  it('sends neither of the deprecated supports_inbound / supports_outbound', () => {
    for (const d of ['outbound', 'inbound', 'both'] as const) {
      const body = phoneNumberBody(renderRecipe('elevenlabs', d, BASE));
      expect(body, d).not.toHaveProperty('supports_inbound');
      expect(body, d).not.toHaveProperty('supports_outbound');
    }
  });
});

describe('elevenlabs inbound only', () => {
  const r = renderRecipe('elevenlabs', 'inbound', { ...BASE, inbound_transport: 'tcp' }, { auth: 'none' });

  it('imports the number for incoming calls only: no outbound config without credentials behind it', () => {
    const body = phoneNumberBody(r);
    expect(body).not.toHaveProperty('outbound_trunk_config');
    expect(body.inbound_trunk_config.media_encryption).toBe('disabled');
    expect(r.outputs.map((o) => o.id)).not.toContain('elevenlabs-outbound-call');
  });

  it('never asks for digest credentials that were never created', () => {
    const inputs = fixtureInputs(loadRecipe('elevenlabs'), 'inbound', BASE);
    expect(inputs.sipUsername).toBeUndefined();
    expect(inputs.answers.values).not.toHaveProperty('sip_username');
    const dashboard = r.byId('elevenlabs-dashboard').content;
    expect(dashboard).not.toMatch(/Username: |Password: /);
    expect(dashboard).toMatch(/Username \/ password: leave empty/);
    expect(checklist(r, 'inbound')).not.toMatch(/username|password|digest|credential/i);
    expectGolden('elevenlabs', 'inbound-tcp', r.outputs);
  });

  it('says how to check the called-number format on the first call', () => {
    const dashboard = r.byId('elevenlabs-dashboard').content;
    expect(dashboard).toContain('import the number again as 08012345678');
    expect(r.recipe.troubleshooting.some((t) => t.sip_code === 404 && /national form/.test(t.check))).toBe(true);
  });
});

describe('elevenlabs both', () => {
  it('TLS both ways: SRTP allowed on both legs, as Exotel\'s TLS trunks carry it', () => {
    const r = renderRecipe('elevenlabs', 'both', { ...BASE, edge_transport: 'tls', inbound_transport: 'tls' }, { auth: 'digest' });
    const body = phoneNumberBody(r);
    expect(body.inbound_trunk_config.media_encryption).toBe('allowed');
    expect(body.outbound_trunk_config.media_encryption).toBe('allowed');
    expect(r.byId('connect-applet').content).toContain('sip.rtc.elevenlabs.io:5061;transport=tls');
    expect(checklist(r, 'both')).toMatch(/Exotel trunk credentials/);
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('elevenlabs', 'both-tls', r.outputs);
  });

  it('mixed legs: each leg gets its own encryption; required is kept on TLS only', () => {
    const r = renderRecipe('elevenlabs', 'both', { ...BASE, edge_transport: 'tcp', inbound_transport: 'tls', el_media_encryption: 'required' });
    const body = phoneNumberBody(r);
    expect(body.outbound_trunk_config.media_encryption).toBe('disabled');
    expect(body.inbound_trunk_config.media_encryption).toBe('required');
  });

  it('the encryption question is asked only when a leg runs over TLS', () => {
    const recipe = loadRecipe('elevenlabs');
    expect(fixtureInputs(recipe, 'both', { ...BASE, edge_transport: 'tcp', inbound_transport: 'tcp' }).answers.values).not.toHaveProperty('el_media_encryption');
    expect(fixtureInputs(recipe, 'outbound', { ...BASE, edge_transport: 'tls' }).answers.values.el_media_encryption).toBe('allowed');
  });
});

describe('elevenlabs India data residency', () => {
  const r = renderRecipe('elevenlabs', 'both', { ...BASE, el_environment: 'in' });

  it('sends calls to the India SIP host and names the India API host the SDK knows', () => {
    expect(r.byId('connect-applet').content).toContain('sip.rtc.in.residency.elevenlabs.io:5060;transport=tcp');
    expect(ElevenLabsEnvironment.ProductionIndia).toBe('https://api.in.residency.elevenlabs.io');
    expect(r.byId('elevenlabs-phone-number').paste).toContain(`POST ${ElevenLabsEnvironment.ProductionIndia}/v1/convai/phone-numbers`);
    expect(r.byId('elevenlabs-outbound-call').paste).toContain(`POST ${ElevenLabsEnvironment.ProductionIndia}/v1/convai/sip-trunk/outbound-call`);
    expect(r.byId('elevenlabs-dashboard').content).toMatch(/^in\.residency\.elevenlabs\.io → Agents/);
    expect(r.byId('elevenlabs-native-exotel').content).toContain(`${ElevenLabsEnvironment.ProductionIndia}/v1/convai/phone-numbers`);
    phoneNumberBody(r);
    expectGolden('elevenlabs', 'both-india', r.outputs);
  });

  it('the default workspace keeps the default hosts', () => {
    const d = renderRecipe('elevenlabs', 'both', BASE);
    expect(d.byId('connect-applet').content).toContain('sip.rtc.elevenlabs.io:5060;transport=tcp');
    expect(d.byId('elevenlabs-phone-number').paste).toContain(`POST ${ElevenLabsEnvironment.Production}/v1/convai/phone-numbers`);
  });
});

describe('elevenlabs native Exotel alternative', () => {
  it('its example body parses with the same serializer (provider exotel, api.in.exotel.com)', () => {
    const md = renderRecipe('elevenlabs', 'both', BASE).byId('elevenlabs-native-exotel').content;
    const json = /```json\n([\s\S]*?)\n```/.exec(md)![1]!;
    const parsed = eleven.conversationalAi.PhoneNumbersCreateRequestBody.parse(JSON.parse(json), STRICT);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(JSON.parse(json)).toMatchObject({ provider: 'exotel', phone_number: FIXTURE.did, api_subdomain: 'api.in.exotel.com' });
  });
});

describe('the ElevenLabs serializer is strict (so the checks above can fail)', () => {
  it('refuses an unknown key, a wrong enum and a misplaced field', () => {
    const good = { provider: 'sip_trunk', phone_number: '+918012345678', label: 'x', inbound_trunk_config: { media_encryption: 'disabled' } };
    const ok = (b: unknown) => eleven.conversationalAi.PhoneNumbersCreateRequestBody.parse(b, STRICT).ok;
    expect(ok(good)).toBe(true);
    expect(ok({ ...good, phoneNumber: '+918012345678' })).toBe(false);
    expect(ok({ ...good, inbound_trunk_config: { media_encryption: 'allow' } })).toBe(false);
    expect(ok({ ...good, inbound_trunk_config: { media_encryption: 'disabled', address: 'x' } })).toBe(false);
  });
});
