import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// Shapes from the Vocallabs API documentation, https://docs.vocallabs.ai/vocallabs
// (POST https://api.superflow.run/b2b/createAuthToken/ and POST …/vocallabs/createSIPCall).
const CreateAuthToken = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }).strict();
const CreateSipCall = z
  .object({
    phone_number: z.string().min(1),
    did: z.string().regex(/^\+\d{8,15}$/),
    websocket_url: z.string().regex(/^wss?:\/\//),
    webhook_url: z.string().url(),
    sample_rate: z.string().regex(/^\d+$/),
  })
  .strict();

const ANSWERS = { vocallabs_websocket_url: 'wss://bridge.example.com/media', vocallabs_webhook_url: 'https://app.example.com/vocallabs' };

describe('vocallabs recipe', () => {
  it('outbound without a Vocallabs SIP URI: API bodies, no destination, unverified SIP leg said', () => {
    const r = renderRecipe('vocallabs', 'outbound', ANSWERS);
    CreateAuthToken.parse(r.json('vocallabs-auth'));
    expect(CreateSipCall.parse(r.json('vocallabs-sip-call'))).toMatchObject({ did: '+918012345678', sample_rate: '16000' });
    expect(r.outputs.map((o) => o.id)).not.toContain('connect-applet');
    expect(r.byId('vocallabs-notes').content).toMatch(/\*\*unverified\*\*/);
    expect(r.byId('vocallabs-notes').content).toContain('No destination URI is set');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('vocallabs', 'outbound', r.outputs);
  });

  it('outbound with a Vocallabs-supplied SIP URI: destination and Connect applet appear', () => {
    const r = renderRecipe('vocallabs', 'outbound', {
      ...ANSWERS,
      vocallabs_has_sip_uri: true,
      vocallabs_sip_host: 'sip.vocallabs.example:5060',
      vocallabs_sip_transport: 'tcp',
    });
    expect(r.byId('connect-applet').content).toContain('sip.vocallabs.example:5060;transport=tcp');
    expectGolden('vocallabs', 'outbound-with-sip-uri', r.outputs);
  });

  it('the schemas reject wrong fields', () => {
    const good = renderRecipe('vocallabs', 'outbound', ANSWERS).json('vocallabs-sip-call') as Record<string, unknown>;
    expect(CreateSipCall.safeParse({ ...good, from: '+91' }).success).toBe(false);
    expect(CreateAuthToken.safeParse({ client_id: 'a', clientSecret: 'b' }).success).toBe(false);
  });
});
