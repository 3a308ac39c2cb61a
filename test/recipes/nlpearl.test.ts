import { describe, expect, it } from 'vitest';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// NLPearl Custom VoIP is a portal form (https://developers.nlpearl.ai/pages/custom_voip); the checks are on its fields.
describe('nlpearl recipe', () => {
  it('outbound: SIP Trunk URL is sip:<account_sid>.pstn.exotel.com, user part and credentials', () => {
    const r = renderRecipe('nlpearl', 'outbound', { nlpearl_user_part: 'did' });
    const form = r.byId('nlpearl-custom-voip');
    expect(form.secret).toBe(true);
    expect(form.content).toContain('| SIP Trunk URL | `sip:exoteltest.pstn.exotel.com`');
    expect(form.content).toContain('| User Part | `+918012345678` |');
    expect(form.content).toContain('| TLS (SRTP) Encryption | off |');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('nlpearl', 'outbound', r.outputs);
  });

  it('inbound: the NLPearl SIP Domain becomes the TLS destination (POST, not PUT)', () => {
    const r = renderRecipe(
      'nlpearl',
      'inbound',
      { nlpearl_sip_domain: 'abc123.sip.nlpearl.example', nlpearl_inbound_transport: 'tls', nlpearl_inbound_port: '5061' },
      { auth: 'none' },
    );
    expect(r.byId('connect-applet').content).toContain('abc123.sip.nlpearl.example:5061;transport=tls');
    expect(r.byId('nlpearl-custom-voip').content).toContain('POST …/destination-uris');
    expectGolden('nlpearl', 'inbound', r.outputs);
  });

  it('both over TLS toward Exotel', () => {
    const r = renderRecipe('nlpearl', 'both', {
      edge_transport: 'tls',
      nlpearl_sip_domain: 'abc123.sip.nlpearl.example',
      nlpearl_inbound_transport: 'tcp',
      nlpearl_inbound_port: '5060',
    });
    expect(r.byId('nlpearl-custom-voip').content).toContain('| User Part | `exotrunk_fixture` |');
    expect(r.byId('connect-applet').content).toContain('abc123.sip.nlpearl.example:5060;transport=tcp');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('nlpearl', 'both', r.outputs);
  });
});
