import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectGolden, expectSecretsOnlyInSecretOutputs, FIXTURE, renderRecipe } from './partner-golden.js';

// Bolna legacy Create SIP Trunk body, from https://www.bolna.ai/docs/api-reference/sip-trunks/create
// and the field reference at https://www.bolna.ai/docs/sip-trunking/api-examples (transport and
// media_encryption enums from https://www.bolna.ai/docs/api-reference/sip-trunks/update).
const BolnaTrunkCreate = z
  .object({
    name: z.string().min(1),
    provider: z.string().min(1),
    description: z.string().optional(),
    auth_type: z.enum(['userpass', 'ip-based']),
    auth_username: z.string().min(1).optional(),
    auth_password: z.string().min(1).optional(),
    gateways: z
      .array(z.object({ gateway_address: z.string().min(1), port: z.number().int().optional(), priority: z.number().int().optional() }).strict())
      .min(1),
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
  .refine((b) => b.auth_type !== 'ip-based' || (b.ip_identifiers?.length ?? 0) > 0, 'ip-based needs ip_identifiers');

// Add Phone Number to Trunk, https://www.bolna.ai/docs/api-reference/sip-trunks/add_number
const BolnaAddNumber = z
  .object({ phone_number: z.string().min(1), name: z.string().optional(), e164_check_enabled: z.boolean().optional() })
  .strict();

describe('bolna recipe', () => {
  it('outbound: userpass trunk toward the Exotel edge with the trunk credentials', () => {
    const r = renderRecipe('bolna', 'outbound', { bolna_agent_id: 'agt-1234' });
    const trunk = BolnaTrunkCreate.parse(r.json('bolna-trunk'));
    expect(trunk).toMatchObject({
      auth_type: 'userpass',
      auth_username: FIXTURE.username,
      auth_password: FIXTURE.password,
      gateways: [{ gateway_address: 'in.voip.exotel.com', port: 5070, priority: 1 }],
      transport: 'transport-tcp',
      inbound_enabled: false,
      media_encryption: 'no',
    });
    BolnaAddNumber.parse(r.json('bolna-number'));
    expect(r.byId('bolna-agent').content).toContain('"from_phone_number": "+918012345678"');
    expect(r.outputs.map((o) => o.id)).not.toContain('connect-applet');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('bolna', 'outbound', r.outputs);
  });

  it('outbound over TLS: the Bolna trunk uses transport-tls and edge port 443', () => {
    const r = renderRecipe('bolna', 'outbound', { edge_transport: 'tls' });
    expect(BolnaTrunkCreate.parse(r.json('bolna-trunk'))).toMatchObject({
      transport: 'transport-tls',
      gateways: [{ gateway_address: 'in.voip.exotel.com', port: 443, priority: 1 }],
    });
  });

  it('inbound via the legacy IP: destination is the IP and it is whitelisted first', () => {
    const r = renderRecipe('bolna', 'inbound', { bolna_destination: '13.200.45.61:5060;transport=tcp' }, { auth: 'acl' });
    const trunk = BolnaTrunkCreate.parse(r.json('bolna-trunk'));
    expect(trunk.auth_type).toBe('ip-based');
    expect(trunk.inbound_enabled).toBe(true);
    expect(r.byId('connect-applet').content).toContain('13.200.45.61:5060;transport=tcp');
    expect(r.byId('bolna-agent').content).toContain('whitelists 13.200.45.61');
    expectGolden('bolna', 'inbound', r.outputs);
  });

  it('both directions: FQDN destination, unverified new API said in the text', () => {
    const r = renderRecipe('bolna', 'both', { bolna_destination: 'sip.bolna.ai:5061;transport=tls' });
    expect(r.byId('connect-applet').content).toContain('sip.bolna.ai:5061;transport=tls');
    expect(r.byId('bolna-agent').content).toMatch(/Unverified/);
    expect(r.byId('bolna-agent').content).toContain('one transport');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('bolna', 'both', r.outputs);
  });

  it('the schema rejects a wrong field and a wrong transport', () => {
    const good = renderRecipe('bolna', 'outbound').json('bolna-trunk') as Record<string, unknown>;
    expect(BolnaTrunkCreate.safeParse({ ...good, gateway: 'x' }).success).toBe(false);
    expect(BolnaTrunkCreate.safeParse({ ...good, transport: 'tcp' }).success).toBe(false);
    expect(BolnaAddNumber.safeParse({ phone_number: '+91', number: '+91' }).success).toBe(false);
  });
});
