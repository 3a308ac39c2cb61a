import { describe, expect, it } from 'vitest';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

const ANSWERS = { streamkit_server_ips: ['52.66.10.20', '52.66.10.21'], voicebot_url: 'wss://bot.example.com/exotel' };

describe('streamkit recipe', () => {
  it('inbound: flow mode, server IPs on the ACL, credentials, Voicebot + Passthru checklist', () => {
    const r = renderRecipe('streamkit', 'inbound', ANSWERS, { auth: 'both' });
    expect(r.recipe.resources.number_mode).toBe('flow');
    const flow = r.byId('streamkit-flow').content;
    expect(flow).toContain('**flow** mode');
    expect(flow).toContain('Voicebot');
    expect(flow).toContain('Passthru');
    expect(flow).toContain('wss://bot.example.com/exotel');
    const sip = r.byId('streamkit-sip');
    expect(sip.secret).toBe(true);
    expect(sip.content).toContain('52.66.10.20, 52.66.10.21');
    expect(r.outputs.map((o) => o.id)).toEqual(expect.arrayContaining(['firewall-iptables', 'firewall-ufw', 'firewall-aws-sg']));
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('streamkit', 'inbound', r.outputs);
  });

  it('inbound with a contact-centre destination: Connect handover step appears', () => {
    const r = renderRecipe(
      'streamkit',
      'inbound',
      { ...ANSWERS, streamkit_destination: true, streamkit_sip_host: 'pbx.example.com:5061', streamkit_sip_transport: 'tls' },
      { auth: 'both' },
    );
    expect(r.byId('streamkit-flow').content).toContain('pbx.example.com:5061;transport=tls');
    expectGolden('streamkit', 'inbound-with-destination', r.outputs);
  });
});
