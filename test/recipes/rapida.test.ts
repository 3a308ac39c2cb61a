import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// POST /v1/talk/create-phone-call, https://doc.rapida.ai/api-reference/rest/calls/create-an-outbound-phone-call
const RapidaCreatePhoneCall = z
  .object({
    assistant: z.object({ assistantId: z.string().min(1), version: z.string().optional() }).strict(),
    toNumber: z.string().min(1),
    fromNumber: z.string().regex(/^\+\d{8,15}$/).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    args: z.record(z.string(), z.unknown()).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const API_KEY = 'rpd-fixture-key-000';

describe('rapida recipe', () => {
  it('path A (native): Flow URL with the key only in a secret output, no trunk outputs', () => {
    const r = renderRecipe('rapida', 'both', { path: 'native', rapida_assistant_id: '2227823180112723968', rapida_api_key: API_KEY }, { auth: 'none' });
    const flow = r.byId('rapida-flow-url');
    expect(flow.secret).toBe(true);
    expect(flow.content.trim()).toBe(
      `https://websocket-01.in.rapida.ai/v1/talk/exotel/call/2227823180112723968?x-api-key=${API_KEY}`,
    );
    const ids = r.outputs.map((o) => o.id);
    expect(ids).not.toContain('connect-applet');
    expect(ids).not.toContain('rapida-destination');
    expect(RapidaCreatePhoneCall.parse(r.json('rapida-call')).fromNumber).toBe('+918012345678');
    expect(r.recipe.resources.skip_all_when).toEqual({ answers: { path: 'native' } });
    expectSecretsOnlyInSecretOutputs(r.outputs, [API_KEY]);
    expectGolden('rapida', 'both-native', r.outputs);
  });

  it('path B inbound over UDP: destination toward sip-01 with the Exotel transport warning', () => {
    const r = renderRecipe('rapida', 'inbound', { path: 'sip', rapida_assistant_id: '42', rapida_transport: 'udp' }, { auth: 'none' });
    const dest = r.byId('rapida-destination').content;
    expect(dest).toContain('sip-01.in.rapida.ai:5060;transport=udp');
    expect(dest).toMatch(/WARNING: transport=udp\. Exotel documents only tcp and tls/);
    expect(r.byId('connect-applet').content).toContain('sip-01.in.rapida.ai:5060;transport=udp');
    expectGolden('rapida', 'inbound-sip-udp', r.outputs);
  });

  it('path B both over TCP: Rapida SIP trunk credential is the Exotel edge plus digest', () => {
    const r = renderRecipe('rapida', 'both', { path: 'sip', rapida_assistant_id: '42', rapida_transport: 'tcp' });
    const trunk = r.byId('rapida-sip-trunk');
    expect(trunk.secret).toBe(true);
    expect(trunk.content).toContain('| SIP URI | `in.voip.exotel.com:5070` (transport tcp) |');
    expect(r.byId('rapida-destination').content).not.toContain('WARNING');
    RapidaCreatePhoneCall.parse(r.json('rapida-call'));
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('rapida', 'both-sip-tcp', r.outputs);
  });

  it('outbound path B', () => {
    const r = renderRecipe('rapida', 'outbound', { path: 'sip', rapida_assistant_id: '42' });
    expectGolden('rapida', 'outbound-sip', r.outputs);
  });

  it('the schema rejects a wrong field', () => {
    const good = renderRecipe('rapida', 'outbound', { path: 'sip', rapida_assistant_id: '42' }).json('rapida-call') as Record<string, unknown>;
    expect(RapidaCreatePhoneCall.safeParse({ ...good, to_number: '+91' }).success).toBe(false);
    expect(RapidaCreatePhoneCall.safeParse({ ...good, assistant: { assistant_id: '42' } }).success).toBe(false);
  });
});
