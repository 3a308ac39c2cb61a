import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { fixtureInputs } from '../helpers/render-fixture.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// No Vocallabs SDK or schema installs here. The shapes follow the Vocallabs API documentation
// (https://docs.vocallabs.ai/vocallabs: POST https://api.superflow.run/b2b/createAuthToken/ and …/vocallabs/createSIPCall)
// as Exotel's guide quotes it (exotel/AgentStream-VoiceAIEcosystem docs/support/exotel-vocallabs-sip-trunk.md @882f833,
// 2026-04-01), checked 2026-11-29. Vocallabs' own pages were not reachable from here to check again.
const CreateAuthToken = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }).strict();
const CreateSipCall = z
  .object({
    phone_number: z.string().min(1),
    did: z.string().regex(/^\+\d{8,15}$/),
    websocket_url: z.string().regex(/^wss:\/\/[^\s/]+/),
    webhook_url: z.string().url(),
    sample_rate: z.enum(['8000', '16000']),
  })
  .strict();

const ANSWERS = { vocallabs_websocket_url: 'wss://bridge.example.com/media', vocallabs_webhook_url: 'https://app.example.com/vocallabs' };
const recipe = loadRecipe('vocallabs');

describe('vocallabs recipe', () => {
  it('outbound: API bodies, digest toward the edge, the unverified SIP leg said, no destination', () => {
    const r = renderRecipe('vocallabs', 'outbound', ANSWERS, { auth: 'digest' });
    CreateAuthToken.parse(r.json('vocallabs-auth'));
    expect(CreateSipCall.parse(r.json('vocallabs-sip-call'))).toMatchObject({ did: '+918012345678', sample_rate: '16000' });
    expect(r.outputs.map((o) => o.id)).not.toContain('connect-applet');
    const notes = r.byId('vocallabs-notes').content;
    expect(notes).toMatch(/\*\*unverified\*\*/);
    expect(notes).toContain('No destination URI is set');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('vocallabs', 'outbound', r.outputs);
  });

  it('inbound needs the SIP address Vocallabs supplies; then destination and Connect applet, no digest', () => {
    expect(() => fixtureInputs(recipe, 'inbound', ANSWERS)).toThrow(/vocallabs_sip_host: missing/);
    const r = renderRecipe('vocallabs', 'inbound', { ...ANSWERS, vocallabs_sip_host: 'sip.vocallabs.example:5060', vocallabs_sip_transport: 'tcp' }, { auth: 'none' });
    expect(r.byId('connect-applet').content).toContain('sip.vocallabs.example:5060;transport=tcp');
    expect(r.outputs.map((o) => o.id)).not.toContain('exotel-edge');
    expect(r.byId('vocallabs-notes').content).not.toContain('If Vocallabs terminates calls on Exotel');
    expectGolden('vocallabs', 'inbound', r.outputs);
  });

  it('both over TLS: edge, credentials and the Vocallabs destination together', () => {
    const r = renderRecipe('vocallabs', 'both', { ...ANSWERS, vocallabs_sip_host: 'sip.vocallabs.example:5061', vocallabs_sip_transport: 'tls', edge_transport: 'tls' }, { auth: 'digest' });
    expect(r.byId('vocallabs-notes').content).toMatch(/in\.voip\.exotel\.com:443[\s\S]*sip\.vocallabs\.example:5061;transport=tls/);
    expect(r.byId('vocallabs-notes').secret).toBe(true);
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('vocallabs', 'both', r.outputs);
  });

  it('the media URL is checked as typed (wss://), and the schemas refuse wrong fields', () => {
    expect(() => fixtureInputs(recipe, 'outbound', { ...ANSWERS, vocallabs_websocket_url: 'https://bridge.example.com/media' })).toThrow(/vocallabs_websocket_url: .*not wss:\/\//);
    const good = renderRecipe('vocallabs', 'outbound', ANSWERS).json('vocallabs-sip-call') as Record<string, unknown>;
    expect(CreateSipCall.safeParse({ ...good, from: '+91' }).success).toBe(false);
    expect(CreateAuthToken.safeParse({ client_id: 'a', clientSecret: 'b' }).success).toBe(false);
  });
});
