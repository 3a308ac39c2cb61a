import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { fixtureInputs } from '../helpers/render-fixture.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// Exotel's StreamKit Cloud SIP trunking Setup (https://docs.exotel.com/dynamic-sip-trunking/streamkit-cloud-sip-trunking-setup:
// create trunk → map number in flow mode → map ACL) and StreamKit Cloud (https://developer.exotel.com/docs/agentstream/streamkit-cloud:
// Greeting before the Voicebot, X-Exotel-AccountSid on the INVITE), both checked 2026-11-29.
const ANSWERS = { streamkit_server_ips: ['52.66.10.20', '52.66.10.21'], voicebot_url: 'wss://bot.example.com/exotel' };
const recipe = loadRecipe('streamkit');

/** The numbers of a markdown ordered list, in order. */
const stepNumbers = (md: string) => [...md.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));

describe('streamkit recipe', () => {
  it('inbound with the default answers: ACL only (no digest nobody asked for), flow mode, and no warning about its own default', () => {
    const inputs = fixtureInputs(recipe, 'inbound', ANSWERS);
    expect(inputs.auth).toMatchObject({ digest: false, aclIps: ['52.66.10.20', '52.66.10.21'], mode: 'flow' });
    expect(inputs.auth.warnings).toEqual([]);
    expect(inputs.auth.decisions.find((d) => d.topic === 'destination')?.reason).toMatch(/flow mode.*no destination URI/);

    const r = renderRecipe('streamkit', 'inbound', ANSWERS, { auth: 'acl' });
    const flow = r.byId('streamkit-flow').content;
    expect(stepNumbers(flow)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(flow).toMatch(/Greeting[\s\S]*Voicebot[\s\S]*Passthru/);
    expect(flow).toContain('wss://bot.example.com/exotel');
    const sip = r.byId('streamkit-sip');
    expect(sip.secret).toBe(false);
    expect(sip.content).not.toMatch(/Digest username|password/i);
    expect(sip.content).toContain('`X-Exotel-AccountSid: exoteltest`');
    expect(sip.content).toContain('`edge.mum.in.exotel.com:443` (transport tls)');
    expect(sip.content).toContain('edge.hyd.in.exotel.com:443');
    for (const id of ['firewall-iptables', 'firewall-ufw']) expect(r.byId(id).content).not.toMatch(/outbound only/);
    expect(r.byId('firewall-aws-sg').paste).toContain('--ip-permissions file://firewall-aws-sg.json');
    expectGolden('streamkit', 'inbound', r.outputs);
  });

  it('inbound with a contact-centre destination: the Connect handover is a numbered step, the list stays 1..7', () => {
    const r = renderRecipe('streamkit', 'inbound', { ...ANSWERS, streamkit_destination: true, streamkit_sip_host: 'pbx.example.com:5061', streamkit_sip_transport: 'tls' });
    const flow = r.byId('streamkit-flow').content;
    expect(stepNumbers(flow)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(flow).toContain('pbx.example.com:5061;transport=tls');
    expect(r.byId('firewall-iptables').content).toContain('--dport 5061');
    expectGolden('streamkit', 'inbound-with-destination', r.outputs);
  });

  it('digest on top of the ACL only when asked for and approved by Exotel', () => {
    expect(() => fixtureInputs(recipe, 'inbound', { ...ANSWERS, also_digest: true })).toThrow(/needs Exotel's approval/);
    const r = renderRecipe('streamkit', 'inbound', { ...ANSWERS, also_digest: true, mix_approved: true }, { auth: 'both' });
    const sip = r.byId('streamkit-sip');
    expect(sip.secret).toBe(true);
    expect(sip.content).toContain('approved by Exotel on top of the ACL');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('streamkit', 'inbound-acl-digest', r.outputs);
  });

  it('the Voicebot URL is checked as it is typed: wss:// only', () => {
    expect(() => fixtureInputs(recipe, 'inbound', { ...ANSWERS, voicebot_url: 'http://bot.example.com/exotel' })).toThrow(/voicebot_url: .*not wss:\/\//);
  });

  it('question 7 (a destination toward your SIP system) says each thing once', () => {
    const help = recipe.questions.find((q) => q.id === 'streamkit_destination')!.help!;
    const sentences = help.split(/(?<=[.)])\s+/).map((x) => x.trim()).filter(Boolean);
    expect(help.match(/Say yes if/g)).toHaveLength(1);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('the firewall files: one of three, and the iptables paste says what it opens (no SIP rule without a destination)', () => {
    const plain = renderRecipe('streamkit', 'inbound', ANSWERS);
    const paste = plain.byId('firewall-iptables').paste;
    expect(paste).not.toMatch(/opens SIP|signalling IPs reach/);
    expect(paste).toContain('no signalling rule: your server opens the SIP connection to Exotel');
    expect(plain.byId('firewall-iptables').content).not.toMatch(/--dport 50(6|7)\d/);
    expect(plain.byId('firewall-iptables').content).toMatch(/^# Media only: /m);
    for (const id of ['firewall-iptables', 'firewall-ufw', 'firewall-aws-sg']) expect(plain.byId(id).paste, id).toMatch(/^Use ONE of: /);
    const withDestination = renderRecipe('streamkit', 'inbound', { ...ANSWERS, streamkit_destination: true, streamkit_sip_host: 'pbx.example.com:5061', streamkit_sip_transport: 'tls' });
    expect(withDestination.byId('firewall-iptables').paste).toContain("Exotel's signalling IPs reach your SIP port and Exotel's media IPs reach the RTP ports");
  });

  it('the checklist is things to do, the flow-mode statement a part of one', () => {
    const items = recipe.checklist.map((c) => c.text);
    expect(items.join('\n')).not.toMatch(/^The number is mapped/m);
    expect(items.find((t) => t.startsWith('Map the ExoPhone'))).toMatch(/leave the number in flow mode/);
    expect(items.find((t) => t.startsWith('Configure your SIP system'))).toMatch(/streamkit-sip\.md.*X-Exotel-AccountSid/);
  });
});
