/**
 * Bolna has no SDK or parser that installs here, so its request bodies are checked with zod schemas that encode
 * Bolna's API reference, page by page (all checked 2026-11-29):
 *   SIP trunks (/trunk API):
 *     create trunk  https://www.bolna.ai/docs/api-reference/trunks/create (name, description, preset with
 *                   "exotel", inbound_enabled, outbound_enabled, channels, default_inbound_agent_id, credentials)
 *     update trunk  https://www.bolna.ai/docs/api-reference/trunks/update (the trunk settings: transport udp|tcp,
 *                   codecs a subset of PCMU,PCMA, outbound_leading_plus_enabled, credentials sent together)
 *     add gateway   https://www.bolna.ai/docs/api-reference/trunks/add_gateway ({host, port, priority})
 *     carrier IP    https://www.bolna.ai/docs/api-reference/trunks/add_carrier_ip ({cidr})
 *     add number    https://www.bolna.ai/docs/api-reference/trunks/add_number (e164 ^\+[1-9]\d{6,14}$,
 *                   destination_key without "+", agent_id)
 *     assign agent  https://www.bolna.ai/docs/api-reference/trunks/assign_agent ({agent_id})
 *   Legacy SIP trunks (/sip-trunks API): https://www.bolna.ai/docs/api-reference/sip-trunks/create and /update,
 *   field reference https://www.bolna.ai/docs/sip-trunking/api-examples.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { fixtureInputs } from '../helpers/render-fixture.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, FIXTURE, renderRecipe } from './partner-golden.js';

const AGENT = '3c90c3cc-0d44-4b50-8888-8dd25736052a';

const TrunkCreate = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(500).optional(),
    preset: z.enum(['plivo', 'telnyx', 'twilio', 'exotel', 'vobiz', 'vonage', 'custom']).optional(),
    inbound_enabled: z.boolean().optional(),
    outbound_enabled: z.boolean().optional(),
    channels: z.number().int().min(1).max(1000).optional(),
    default_inbound_agent_id: z.string().optional(),
    auth_username: z.string().min(1).optional(),
    auth_password: z.string().min(1).optional(),
    transport: z.enum(['udp', 'tcp']).optional(),
    codecs: z.string().regex(/^(PCMU|PCMA)(,(PCMU|PCMA))?$/).optional(),
    outbound_leading_plus_enabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => (b.auth_username === undefined) === (b.auth_password === undefined), 'auth_username and auth_password go together');
const Gateway = z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535).optional(), priority: z.number().int().optional() }).strict();
const CarrierIp = z.object({ cidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/) }).strict();
const NumberAdd = z.object({ e164: z.string().regex(/^\+[1-9]\d{6,14}$/), destination_key: z.string().min(1).regex(/^[^+]/), agent_id: z.string().nullable().optional() }).strict();
const AssignAgent = z.object({ agent_id: z.string().nullable() }).strict();
const AgentProvider = z.object({ agent_config: z.object({ telephony_provider: z.enum(['trunk', 'sip-trunk']) }).strict() }).strict();
const MakeCall = z.object({ agent_id: z.string().min(1), recipient_phone_number: z.string().min(1), from_phone_number: z.string().regex(/^\+\d+$/) }).strict();

const LegacyTrunkCreate = z
  .object({
    name: z.string().min(1),
    provider: z.string().min(1),
    description: z.string().optional(),
    auth_type: z.enum(['userpass', 'ip-based']),
    auth_username: z.string().min(1).optional(),
    auth_password: z.string().min(1).optional(),
    gateways: z.array(z.object({ gateway_address: z.string().min(1), port: z.number().int().optional(), priority: z.number().int().optional() }).strict()).min(1),
    ip_identifiers: z.array(z.object({ ip_address: z.string() }).strict()).optional(),
    allow: z.string().optional(),
    disallow: z.string().optional(),
    transport: z.enum(['transport-udp', 'transport-tcp', 'transport-tls']).optional(),
    media_encryption: z.enum(['no', 'sdes']).optional(),
    media_encryption_optimistic: z.boolean().optional(),
    inbound_enabled: z.boolean().optional(),
    outbound_leading_plus_enabled: z.boolean().optional(),
    qualify_frequency: z.number().int().optional(),
  })
  .strict()
  .refine((b) => b.auth_type !== 'userpass' || (b.auth_username && b.auth_password), 'userpass needs username and password')
  .refine((b) => b.auth_type !== 'ip-based' || (b.ip_identifiers?.length ?? 0) > 0, 'ip-based needs ip_identifiers')
  .refine((b) => b.media_encryption !== 'sdes' || b.transport === 'transport-tls', 'sdes requires transport-tls');
const LegacyNumberAdd = z.object({ phone_number: z.string().min(1), name: z.string().optional(), e164_check_enabled: z.boolean().optional() }).strict();

/** Each JSON block of a setup guide with the request line written above it ("`POST /trunk/…`"). */
function requests(markdown: string): { request: string; body: unknown }[] {
  const out: { request: string; body: unknown }[] = [];
  let request = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const r = /`((?:GET|POST|PATCH|DELETE) \/[^`]*)`/.exec(lines[i]!);
    if (r) request = r[1]!.replace(/\/v2\/agent\/(<[^>]+>|\S+)/, '/v2/agent/<id>');
    if (lines[i]!.trim() === '```json') {
      const end = lines.indexOf(lines.slice(i + 1).find((l) => l.trim() === '```')!, i + 1);
      out.push({ request, body: JSON.parse(lines.slice(i + 1, end).join('\n')) });
      i = end;
    }
  }
  return out;
}
const SCHEMA_FOR: Record<string, z.ZodType> = {
  'POST /trunk/trunks/<trunk id>/ip-acls': CarrierIp,
  'PATCH /trunk/numbers/<number id>': AssignAgent,
  'PATCH /v2/agent/<id>': AgentProvider,
  'POST /call': MakeCall,
  'POST /inbound/setup': z.object({ agent_id: z.string(), phone_number_id: z.string() }).strict(),
};
function checkGuide(markdown: string): string[] {
  const found = requests(markdown);
  for (const { request, body } of found) {
    const schema = SCHEMA_FOR[request];
    expect(schema, `no schema for ${request}`).toBeDefined();
    schema!.parse(body);
  }
  return found.map((f) => f.request);
}

describe('bolna SIP trunks (the /trunk API, the default)', () => {
  it('outbound: a trunk with the Exotel preset and TCP, a gateway on the Exotel edge, the number', () => {
    const r = renderRecipe('bolna', 'outbound', { bolna_agent_id: AGENT }, { auth: 'digest' });
    expect(TrunkCreate.parse(r.json('bolna-trunk'))).toMatchObject({
      preset: 'exotel',
      transport: 'tcp',
      inbound_enabled: false,
      outbound_enabled: true,
      auth_username: FIXTURE.username,
      auth_password: FIXTURE.password,
    });
    expect(Gateway.parse(r.json('bolna-gateway'))).toEqual({ host: 'in.voip.exotel.com', port: 5070, priority: 1 });
    expect(NumberAdd.parse(r.json('bolna-number'))).toEqual({ e164: FIXTURE.did, destination_key: '08012345678' });
    expect(checkGuide(r.byId('bolna-setup').content)).toEqual(['PATCH /v2/agent/<id>', 'POST /call']);
    expect(r.outputs.map((o) => o.id)).not.toContain('connect-applet');
    expect(r.outputs.map((o) => o.id).filter((id) => id.includes('legacy'))).toEqual([]);
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('bolna', 'outbound', r.outputs);
  });

  it('inbound: Exotel\'s IPs as carrier IPs, the number with its agent, destination trunk.bolna.ai over TCP', () => {
    const r = renderRecipe('bolna', 'inbound', { bolna_agent_id: AGENT }, { auth: 'none' });
    const trunk = TrunkCreate.parse(r.json('bolna-trunk'));
    expect(trunk).toMatchObject({ inbound_enabled: true, outbound_enabled: false });
    expect(trunk).not.toHaveProperty('auth_username');
    expect(NumberAdd.parse(r.json('bolna-number'))).toEqual({ e164: FIXTURE.did, destination_key: '08012345678', agent_id: AGENT });
    const guide = r.byId('bolna-setup').content;
    expect(checkGuide(guide)).toEqual(Array(3).fill('POST /trunk/trunks/<trunk id>/ip-acls'));
    expect(requests(guide).map((q) => (q.body as { cidr: string }).cidr)).toEqual(['35.154.174.161/32', '98.130.67.66/32', '129.154.231.198/32']);
    expect(r.byId('connect-applet').content).toContain('trunk.bolna.ai:5060;transport=tcp');
    expect(r.outputs.map((o) => o.id)).not.toContain('bolna-gateway');
    expectGolden('bolna', 'inbound', r.outputs);
  });

  it('both without an agent id: the guide says how to give the number one', () => {
    const r = renderRecipe('bolna', 'both');
    expect(checkGuide(r.byId('bolna-setup').content)).toEqual([
      ...Array(3).fill('POST /trunk/trunks/<trunk id>/ip-acls'),
      'PATCH /trunk/numbers/<number id>',
      'PATCH /v2/agent/<id>',
      'POST /call',
    ]);
    TrunkCreate.parse(r.json('bolna-trunk'));
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('bolna', 'both', r.outputs);
  });

  it('never asks for a TLS edge: Bolna\'s SIP trunks take UDP or TCP only', () => {
    const inputs = fixtureInputs(loadRecipe('bolna'), 'both', { edge_transport: 'tls' });
    expect(inputs.edge.transport).toBe('tcp');
    expect(inputs.answers.values).not.toHaveProperty('edge_transport');
  });

  it('refuses an agent id that is not a UUID, as it is typed', () => {
    expect(() => fixtureInputs(loadRecipe('bolna'), 'both', { bolna_agent_id: 'agt-1234' })).toThrow(/not a Bolna agent id/);
  });
});

describe('bolna legacy SIP trunks (/sip-trunks API), clearly labelled', () => {
  it('outbound over TCP: userpass trunk toward the Exotel edge with the trunk credentials', () => {
    const r = renderRecipe('bolna', 'outbound', { bolna_api: 'legacy', bolna_agent_id: AGENT });
    expect(LegacyTrunkCreate.parse(r.json('bolna-legacy-trunk'))).toMatchObject({
      auth_type: 'userpass',
      gateways: [{ gateway_address: 'in.voip.exotel.com', port: 5070, priority: 1 }],
      transport: 'transport-tcp',
      media_encryption: 'no',
      inbound_enabled: false,
    });
    LegacyNumberAdd.parse(r.json('bolna-legacy-number'));
    for (const o of r.outputs.filter((x) => x.id.startsWith('bolna-legacy'))) expect(`${o.title} ${o.paste}`).toMatch(/[Ll]egacy/);
    expect(r.byId('bolna-legacy-setup').content).toMatch(/^# Bolna: legacy SIP trunk/);
    expect(r.outputs.map((o) => o.id)).not.toContain('bolna-trunk');
    expectGolden('bolna', 'legacy-outbound', r.outputs);
  });

  it('both with TLS: one TLS transport for both legs, SRTP via SDES, the TLS destination', () => {
    const r = renderRecipe('bolna', 'both', { bolna_api: 'legacy', edge_transport: 'tls' });
    expect(LegacyTrunkCreate.parse(r.json('bolna-legacy-trunk'))).toMatchObject({
      transport: 'transport-tls',
      gateways: [{ gateway_address: 'in.voip.exotel.com', port: 443, priority: 1 }],
      media_encryption: 'sdes',
      media_encryption_optimistic: true,
      inbound_enabled: true,
    });
    expect(r.byId('connect-applet').content).toContain('sip.bolna.ai:5061;transport=tls');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('bolna', 'legacy-both-tls', r.outputs);
  });

  it('inbound over TCP: ip-based with Exotel\'s IPs, destination sip.bolna.ai:5060', () => {
    const r = renderRecipe('bolna', 'inbound', { bolna_api: 'legacy' }, { auth: 'none' });
    const trunk = LegacyTrunkCreate.parse(r.json('bolna-legacy-trunk'));
    expect(trunk).toMatchObject({ auth_type: 'ip-based', transport: 'transport-tcp', inbound_enabled: true });
    expect(r.byId('connect-applet').content).toContain('sip.bolna.ai:5060;transport=tcp');
    checkGuide(r.byId('bolna-legacy-setup').content);
    expectGolden('bolna', 'legacy-inbound', r.outputs);
  });
});

describe('the Bolna schemas are strict (so the checks above can fail)', () => {
  it('refuse a wrong field, a wrong transport and a number without its plus', () => {
    const good = renderRecipe('bolna', 'outbound').json('bolna-trunk') as Record<string, unknown>;
    expect(TrunkCreate.safeParse({ ...good, gateways: [] }).success).toBe(false);
    expect(TrunkCreate.safeParse({ ...good, transport: 'tls' }).success).toBe(false);
    expect(TrunkCreate.safeParse({ ...good, auth_password: undefined }).success).toBe(false);
    expect(NumberAdd.safeParse({ e164: '918012345678', destination_key: '918012345678' }).success).toBe(false);
    expect(Gateway.safeParse({ gateway_address: 'x' }).success).toBe(false);
    const legacy = renderRecipe('bolna', 'outbound', { bolna_api: 'legacy' }).json('bolna-legacy-trunk') as Record<string, unknown>;
    expect(LegacyTrunkCreate.safeParse({ ...legacy, transport: 'tcp' }).success).toBe(false);
    expect(LegacyTrunkCreate.safeParse({ ...legacy, media_encryption: 'sdes' }).success).toBe(false);
  });
});
