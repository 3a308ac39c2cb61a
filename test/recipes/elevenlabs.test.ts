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
import { validateAnswer } from '../../src/core/engine/questions.js';
import { renderOutputs } from '../../src/core/render/render.js';
import { fixtureContext, fixtureInputs } from '../helpers/render-fixture.js';
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

describe('elevenlabs agent id and the questions around it', () => {
  const recipe = loadRecipe('elevenlabs');
  const q = recipe.questions.find((x) => x.id === 'el_agent_id')!;

  // ElevenLabs' SDK reference (@elevenlabs/elevenlabs-js 2.73.0, checked 2026-11-29) shows agent ids as
  // agent_3701k3ttaq12ewp8b7qv5rfyszkz; agents from before that format have 20-character ids without a prefix.
  it.each(['agent_3701k3ttaq12ewp8b7qv5rfyszkz', 'agent_01jz8k2m3n', 'wjHL8KdEVglYcTYadlxF'])('accepts %s', (id) => {
    expect(validateAnswer(q, id)).toEqual({ ok: true, value: id });
  });

  it.each(['abc', 'agent_', 'phnum_01jz8k2m3n', 'agent-3701k3ttaq12', 'AGENT_3701K3TTAQ12EWP8B7QV5RFYSZKZ'])('refuses %s, showing what an agent id looks like', (id) => {
    const r = validateAnswer(q, id);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/is not an ElevenLabs agent id: it looks like agent_3701k3ttaq12ewp8b7qv5rfyszkz/);
  });

  it('is refused before anything is sent, from an answers file too', () => {
    expect(() => fixtureInputs(recipe, 'inbound', { ...BASE, el_agent_id: 'abc' })).toThrow(/el_agent_id: "abc" is not an ElevenLabs agent id/);
  });

  it('the prompt fits every direction: an inbound-only agent is not said to place calls', () => {
    expect(q.when).toBeUndefined();
    expect(q.prompt).not.toMatch(/answers|places|calls out/);
    expect(q.prompt).toMatch(/agent id for this number \(agent_…\)/);
  });

  it('inbound only: the way to add outbound names the program as launched and the recipe', () => {
    const r = renderRecipe('elevenlabs', 'inbound', BASE);
    const ctx = fixtureContext(r.recipe, 'inbound', BASE);
    const dashboard = renderOutputs(r.recipe, { ...ctx, cli: 'npx exotrunk' }).find((o) => o.id === 'elevenlabs-dashboard')!.content;
    expect(dashboard).toContain('set\none up: npx exotrunk apply elevenlabs --set direction=both');
  });

  it('the dashboard form and the API body are one import, done one way', () => {
    const r = renderRecipe('elevenlabs', 'both', BASE);
    expect(r.recipe.outputs.find((o) => o.id === 'elevenlabs-phone-number')!.alternative_of).toBe('elevenlabs-dashboard');
    expect(r.byId('elevenlabs-dashboard').paste).toMatch(/^Use ONE of: this form or elevenlabs-phone-number\.json .*not both/);
    expect(r.byId('elevenlabs-phone-number').paste).toMatch(/^Use ONE of: elevenlabs-dashboard\.txt .*not both/);
    expect(checklist(r, 'both')).toMatch(/import the number with ONE of elevenlabs-dashboard\.txt .* or elevenlabs-phone-number\.json .*, not both/);
  });
});
