import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { buildRenderContext } from '../../src/core/render/build-context.js';
import { destinationUri } from '../../src/core/render/destination.js';
import { renderOutputs } from '../../src/core/render/render.js';
import { EXOTEL_MEDIA_CIDRS } from '../../src/core/exotel/network.js';
import { Secret } from '../../src/core/secret.js';
import { fixtureContext, FIXTURE } from '../helpers/render-fixture.js';

describe('buildRenderContext', () => {
  const livekit = loadRecipe('livekit');

  it('builds the edge, the destination and the fixed Exotel facts', () => {
    const ctx = fixtureContext(livekit, 'both', { edge_transport: 'tls', livekit_subdomain: 'abc123' });
    expect(ctx.exotel.edge).toEqual({
      host: 'in.voip.exotel.com',
      port: 443,
      transport: 'tls',
      hostport: 'in.voip.exotel.com:443',
      sip_uri: 'sip:in.voip.exotel.com:443;transport=tls',
    });
    expect(ctx.exotel.destination_uri).toBe('abc123.india.sip.livekit.cloud:5061;transport=tls');
    expect(ctx.exotel.connect_value).toBe(`sip:${FIXTURE.trunkSid}`);
    expect(ctx.exotel.domain_name).toBe('exoteltest.pstn.exotel.com');
    expect(ctx.exotel.signalling_ips).toEqual(['35.154.174.161', '98.130.67.66', '129.154.231.198']);
    expect(ctx.exotel.rtp_ports).toEqual({ from: 10000, to: 40000 });
    expect(ctx.secrets.sip_password).toBe(FIXTURE.password);
    expect(ctx.inbound && ctx.outbound).toBe(true);
  });

  it('cli: how a command line names exotrunk, as launched (exotrunk under the test runner) or as given; exotel-edge.txt uses it', () => {
    const answers = { livekit_subdomain: 'abc123' };
    expect(fixtureContext(livekit, 'both', answers).cli).toBe('exotrunk');
    const ctx = buildRenderContext({ recipe: livekit, direction: 'both', answers: { ...answers, did: FIXTURE.did }, account: { sid: 'a', region: 'in' }, auth: 'digest', destinationUri: '', aclIps: [], cli: 'npx exotrunk' });
    expect(ctx.cli).toBe('npx exotrunk');
    const edge = renderOutputs(livekit, ctx).find((o) => o.file === 'exotel-edge.txt');
    expect(edge?.content).toMatch(/^ +npx exotrunk probe\b/m);
  });

  it('media CIDRs are /32s from Exotel\'s Network & Firewall Configuration page, without duplicates, the comma-less pair split', () => {
    expect(EXOTEL_MEDIA_CIDRS).toContain('35.154.118.78/32');
    expect(EXOTEL_MEDIA_CIDRS).toContain('40.192.25.80/32');
    expect(new Set(EXOTEL_MEDIA_CIDRS).size).toBe(EXOTEL_MEDIA_CIDRS.length);
    expect(EXOTEL_MEDIA_CIDRS.every((c) => /^\d+\.\d+\.\d+\.\d+\/32$/.test(c))).toBe(true);
  });

  it('has no password when the rules pick ACL (own PBX outbound)', () => {
    const ctx = fixtureContext(loadRecipe('own-pbx'), 'outbound', { pbx_ips: ['52.66.10.20'], pbx_host: 'pbx.example.in' }, { auth: 'acl' });
    expect(ctx.exotel.destination_uri).toBe('pbx.example.in:5060;transport=tcp');
    expect(ctx.secrets.sip_password).toBe('');
    expect(ctx.exotel.sip_username).toBe('');
  });

  it('reveals Secret answers only into ctx.secrets and shows a placeholder sid until the trunk exists', () => {
    const ctx = buildRenderContext({
      recipe: livekit,
      direction: 'outbound',
      answers: { did: '+918012345678', trunk_name: 'lk', sip_username: 'u1', sip_password: new Secret('S3cret-pass-XYZ') },
      account: { sid: 'acme', region: 'in' },
      auth: 'digest',
      destinationUri: '',
      aclIps: [],
    });
    expect(ctx.secrets.sip_password).toBe('S3cret-pass-XYZ');
    expect(JSON.stringify(ctx.answers)).not.toContain('S3cret');
    expect(ctx.exotel.trunk_sid).toBe('<trunk_sid>');
    expect(ctx.exotel.trunk_sid_known).toBe(false);
  });

  it('fills unanswered questions so strict templates only fail on typos', () => {
    const ctx = fixtureContext(livekit, 'outbound', {});
    expect(ctx.answers.livekit_agent_name).toBe('');
    expect(ctx.answers.livekit_room_prefix).toBe('call-');
    expect(ctx.answers.trunk_name).toBe('livekit');
  });

  it('own PBX: an IP destination is added to the ACL; the destination exists for every direction', () => {
    const pbx = loadRecipe('own-pbx');
    const ctx = fixtureContext(pbx, 'outbound', { pbx_ips: ['52.66.10.20'], pbx_host: '52.66.10.21', pbx_port: '5080', pbx_transport: 'tcp' }, { auth: 'acl' });
    // the rules whitelist the destination IP after the PBX's own IP

    expect(ctx.exotel.acl_ips).toEqual(['52.66.10.20', '52.66.10.21']);
    expect(destinationUri(pbx, 'outbound', ctx.answers)).toBe('52.66.10.21:5080;transport=tcp');
  });
});
