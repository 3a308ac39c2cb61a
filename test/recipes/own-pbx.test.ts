import { describe, expect, it } from 'vitest';
import { evalWhen } from '../../src/core/recipes/when.js';
import { checkPjsip, type PjsipSection } from '../helpers/pjsip-check.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// Asterisk res_pjsip option reference (https://docs.asterisk.org/Configuration/Channel-Drivers/SIP/Configuring-res_pjsip/,
// checked 2026-11-29) via test/helpers/pjsip-check.ts; FreePBX fields from the Sangoma Trunks Module page.
const PBX = { pbx_ips: ['52.66.10.20'], pbx_host: 'pbx.example.in', pbx_context: 'from-exotel' };

const section = (all: PjsipSection[], type: string, name: string) => {
  const s = all.find((x) => x.type === type && x.name === name);
  if (!s) throw new Error(`no ${type} [${name}] in ${all.map((x) => `${x.type}:${x.name}`).join(', ')}`);
  return Object.fromEntries(s.options);
};

/**
 * The commented dialplan of pjsip-exotel.conf, run the way Asterisk runs a context: priorities in order, `n(label)`
 * labels, GotoIf on DIALSTATUS, Hangup ends the call, so does running off the end. Returns how many Dial()s ran.
 */
function dialsFor(conf: string, status: string): string[] {
  const steps = conf
    .split('\n')
    .map((l) => /^;\s+(?:exten => [^,]+,1|same => n(?:\((\w+)\))?),(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ label: m[1], app: m[2] }));
  expect(steps.length, 'the pjsip file shows a dialplan').toBeGreaterThan(0);
  const dials: string[] = [];
  let dialstatus = '';
  for (let i = 0; i < steps.length && dials.length < 5; i++) {
    const { app } = steps[i];
    const dial = /^Dial\(PJSIP\/\$\{EXTEN\}@([\w-]+)\)$/.exec(app);
    const gotoIf = /^GotoIf\(\$\["\$\{DIALSTATUS\}" = "(\w+)"\]\?(\w+)\)$/.exec(app);
    if (dial) {
      dials.push(dial[1]);
      dialstatus = status;
    } else if (gotoIf) {
      if (dialstatus === gotoIf[1]) i = steps.findIndex((s) => s.label === gotoIf[2]) - 1;
    } else if (app === 'Hangup()') break;
    else throw new Error(`dialplan step not understood: ${app}`);
  }
  return dials;
}

describe('own-pbx recipe', () => {
  it('outbound over TCP: ACL only, one TCP transport the endpoint uses, failover to Hyderabad', () => {
    const r = renderRecipe('own-pbx', 'outbound', { ...PBX, edge_host: 'edge.mum.in.exotel.com', edge_transport: 'tcp' }, { auth: 'acl' });
    const conf = checkPjsip(r.byId('pjsip-conf').content);
    expect(section(conf, 'transport', 'transport-exotel-tcp')).toMatchObject({ protocol: 'tcp', bind: '0.0.0.0:5060' });
    expect(section(conf, 'endpoint', 'exotel')).toMatchObject({ transport: 'transport-exotel-tcp', aors: 'exotel' });
    expect(section(conf, 'aor', 'exotel-hyd').contact).toBe('sip:edge.hyd.in.exotel.com:5070;transport=tcp');
    expect(r.outputs.map((o) => o.id)).not.toContain('connect-applet');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('own-pbx', 'outbound-tcp', r.outputs);
  });

  it('failover dialplan: a busy, unanswered or cancelled call is dialled once; only an unreachable edge fails over', () => {
    const conf = renderRecipe('own-pbx', 'outbound', { ...PBX, edge_host: 'edge.mum.in.exotel.com' }).byId('pjsip-conf').content;
    for (const status of ['ANSWER', 'BUSY', 'NOANSWER', 'CANCEL', 'CONGESTION']) expect(dialsFor(conf, status), status).toEqual(['exotel']);
    expect(dialsFor(conf, 'CHANUNAVAIL')).toEqual(['exotel', 'exotel-hyd']);
  });

  it('inbound over TLS to port 5061: a TLS listener with certificate, key and method, and FreePBX on 0.0.0.0-tls', () => {
    const r = renderRecipe('own-pbx', 'inbound', { ...PBX, pbx_ips: [], pbx_port: '5061', pbx_transport: 'tls' });
    const conf = checkPjsip(r.byId('pjsip-conf').content);
    expect(conf.filter((s) => s.type === 'transport')).toHaveLength(1);
    expect(section(conf, 'transport', 'transport-exotel-tls')).toMatchObject({
      protocol: 'tls',
      bind: '0.0.0.0:5061',
      cert_file: '/etc/asterisk/keys/pbx.example.in.crt',
      priv_key_file: '/etc/asterisk/keys/pbx.example.in.key',
      method: 'tlsv1_2',
    });
    expect(section(conf, 'endpoint', 'exotel')).toMatchObject({ transport: 'transport-exotel-tls', media_encryption: 'sdes' });
    expect(section(conf, 'endpoint', 'exotel').aors).toBeUndefined();
    expect(conf.some((s) => s.name === 'exotel-hyd')).toBe(false);
    const freepbx = r.byId('freepbx-trunk').content;
    expect(freepbx).toContain('Transport:            0.0.0.0-tls');
    expect(freepbx).toContain('TLS on 0.0.0.0, port 5061: enable it (Exotel sends calls here)');
    expect(freepbx).not.toMatch(/0\.0\.0\.0-tcp|SIP Server:/);
    expect(r.byId('connect-applet').content).toContain('pbx.example.in:5061;transport=tls');
    expectGolden('own-pbx', 'inbound-tls', r.outputs);
  });

  it('both, PBX on TLS but edge on TCP: two transports on different ports, calls out over TCP', () => {
    const r = renderRecipe('own-pbx', 'both', { ...PBX, edge_host: 'edge.mum.in.exotel.com', edge_transport: 'tcp', pbx_port: '5061', pbx_transport: 'tls' });
    const conf = checkPjsip(r.byId('pjsip-conf').content);
    expect(section(conf, 'transport', 'transport-exotel-tls')).toMatchObject({ protocol: 'tls', bind: '0.0.0.0:5061' });
    expect(section(conf, 'transport', 'transport-exotel-tcp')).toMatchObject({ protocol: 'tcp', bind: '0.0.0.0:5060' });
    expect(section(conf, 'endpoint', 'exotel').transport).toBe('transport-exotel-tcp');
    expect(section(conf, 'aor', 'exotel').contact).toBe('sip:edge.mum.in.exotel.com:5070;transport=tcp');
    expect(r.byId('freepbx-trunk').content).toMatch(/Transport: {12}0\.0\.0\.0-tcp {3}\(calls to Exotel; Exotel's calls arrive on the TLS transport above\)/);
    expectGolden('own-pbx', 'both-tls-in-tcp-out', r.outputs);
  });

  it('both, edge on TLS 443 but PBX on TCP 5061: the TLS transport moves off 5061 so the two never collide', () => {
    const r = renderRecipe('own-pbx', 'both', { ...PBX, edge_host: 'edge.mum.in.exotel.com', edge_transport: 'tls', pbx_port: '5061', pbx_transport: 'tcp' });
    const conf = checkPjsip(r.byId('pjsip-conf').content);
    expect(section(conf, 'transport', 'transport-exotel-tcp').bind).toBe('0.0.0.0:5061');
    expect(section(conf, 'transport', 'transport-exotel-tls')).toMatchObject({ bind: '0.0.0.0:5062', cert_file: '/etc/asterisk/keys/asterisk.crt' });
    expect(section(conf, 'endpoint', 'exotel').transport).toBe('transport-exotel-tls');
    expect(section(conf, 'aor', 'exotel').contact).toBe('sip:edge.mum.in.exotel.com:443;transport=tls');
  });

  it('both, IP destination, digest approved by Exotel: ACL for both IPs plus the auth section', () => {
    const r = renderRecipe(
      'own-pbx',
      'both',
      { ...PBX, pbx_host: '52.66.10.21', edge_host: 'edge.mum.in.exotel.com', also_digest: true, mix_approved: true },
      { auth: 'both' },
    );
    const conf = checkPjsip(r.byId('pjsip-conf').content);
    expect(section(conf, 'endpoint', 'exotel').outbound_auth).toBe('exotel-auth');
    expect(section(conf, 'auth', 'exotel-auth')).toMatchObject({ auth_type: 'userpass', username: 'exotrunk_fixture' });
    expect(r.byId('exotel-edge').content).toContain('Whitelisted on the trunk: 52.66.10.20, 52.66.10.21');
    expect(r.byId('pjsip-conf').secret).toBe(true);
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('own-pbx', 'both-acl-digest', r.outputs);
  });

  it('the pjsip checker refuses what Asterisk would', () => {
    expect(() => checkPjsip('[t]\ntype=transport\nprotocol=tcp\nbind=0.0.0.0:5060\n[e]\ntype=endpoint\ntransport=transport-tcp\n')).toThrow(/no transport section/);
    expect(() => checkPjsip('[t]\ntype=transport\nprotocol=tls\nbind=0.0.0.0:5061\n')).toThrow(/cert_file/);
    expect(() => checkPjsip('[t]\ntype=transport\nprotocol=tsl\nbind=0.0.0.0:5061\n')).toThrow(/protocol=tsl/);
    expect(() => checkPjsip('[e]\ntype=endpoint\ndirectmedia=no\n')).toThrow(/unknown option directmedia/);
  });

  it('alternatives are named as such: pjsip or FreePBX, and one of three firewall files', () => {
    const r = renderRecipe('own-pbx', 'both', PBX);
    const alt = Object.fromEntries(r.recipe.outputs.map((o) => [o.id, o.alternative_of]));
    expect(alt).toMatchObject({ 'freepbx-trunk': 'pjsip-conf', 'firewall-ufw': 'firewall-iptables', 'firewall-aws-sg': 'firewall-iptables', 'pjsip-conf': undefined, 'firewall-iptables': undefined });
    expect(r.byId('pjsip-conf').paste).toMatch(/^Use ONE of: this file \(plain Asterisk\) or freepbx-trunk\.txt \(FreePBX\), not both\./);
    expect(r.byId('freepbx-trunk').paste).toMatch(/^Use ONE of: pjsip-exotel\.conf \(plain Asterisk\) or these fields \(FreePBX\), not both\./);
    const steps = r.recipe.checklist.map((c) => c.text).join('\n');
    expect(steps).toMatch(/Open the firewall with ONE of firewall-iptables\.sh, firewall-ufw\.sh or firewall-aws-sg\.json/);
    expect(steps).toMatch(/Configure the trunk with ONE of pjsip-exotel\.conf .* or freepbx-trunk\.txt \(FreePBX\), not both/);
  });

  it('the test steps follow the direction: no outbound test on an inbound-only trunk, and the other way round', () => {
    const steps = (d: 'outbound' | 'inbound' | 'both') => renderRecipe('own-pbx', d, PBX).recipe.checklist.filter((c) => evalWhen(c.when, d, PBX)).map((c) => c.text).join('\n');
    expect(steps('inbound')).toMatch(/Call the ExoPhone from a phone/);
    expect(steps('inbound')).not.toMatch(/Dial a mobile/);
    expect(steps('outbound')).toMatch(/Dial a mobile from the PBX/);
    expect(steps('outbound')).not.toMatch(/Call the ExoPhone/);
    expect(steps('both')).toMatch(/Call the ExoPhone[\s\S]*Dial a mobile/);
  });
});
