import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { fixtureInputs } from '../helpers/render-fixture.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// No Daily SDK or parser installs here, so these zod schemas encode Daily's public REST reference, checked 2026-11-29:
//   POST /sip-trunk: https://docs.daily.co/reference/rest-api/sip-trunk/create (trunk_name, room_template, notification,
//     description, trunk_config {allowed_ips, credential, is_open, exp_offset}, enabled; gated by allowed_ips/credential
//     or is_open) and the guide https://docs.daily.co/docs/guides/features/dial-in-dial-out/sip-trunk
//     (sip:<number>@<domain>-<trunk>.siptrunk.sip-us.daily.co; Daily routes on the host).
//   POST /rooms: https://docs.daily.co/reference/rest-api/rooms/create-room (sip, enable_dialout, exp, eject_at_room_exp).
//   Dial-out: https://docs.daily.co/reference/rest-api/rooms/dial-out/start (sipUri, displayName, userId, callerId, video,
//     codecs; no credential field) plus `provider`, which Pipecat's Daily SIP guide (https://docs.pipecat.ai/pipecat/telephony/daily-sip)
//     and pipecat-ai/pipecat-examples phone-chatbot/daily-twilio-sip-dial-out (bot.py, 2026-07-17) pass to start_dialout.
const DailySipTrunkCreate = z
  .object({
    trunk_name: z.string().min(1),
    room_template: z.object({}).passthrough().optional(),
    notification: z.object({ webhook_url: z.string().url(), hmac: z.string().optional() }).strict(),
    description: z.string().optional(),
    trunk_config: z
      .object({
        allowed_ips: z.array(z.ipv4()).optional(),
        credential: z.object({ username: z.string(), password: z.string() }).strict().optional(),
        is_open: z.boolean().optional(),
        exp_offset: z.number().int().optional(),
      })
      .strict()
      .refine((c) => !!c.allowed_ips?.length || !!c.credential || c.is_open === true, 'a trunk must be gated by allowed_ips/credential or be is_open'),
    enabled: z.boolean().optional(),
  })
  .strict();

const DailyRoomCreate = z
  .object({
    name: z.string().min(1).optional(),
    properties: z
      .object({
        sip: z.object({ display_name: z.string(), video: z.boolean(), sip_mode: z.literal('dial-in'), num_endpoints: z.number().int().min(1) }).strict().optional(),
        enable_dialout: z.boolean().optional(),
        exp: z.number().int().optional(),
        eject_at_room_exp: z.boolean().optional(),
      })
      .strict()
      .refine((p) => !p.eject_at_room_exp || p.exp !== undefined, 'eject_at_room_exp does nothing without exp'),
  })
  .strict();

const DailyDialout = z
  .object({
    sipUri: z.string().regex(/^sip:[^@\s]+@[^\s]+$/),
    displayName: z.string().optional(),
    userId: z.string().max(36).optional(),
    callerId: z.string().optional(),
    video: z.boolean().optional(),
    codecs: z.object({ audio: z.array(z.enum(['PCMU', 'OPUS', 'G722', 'PCMA'])).min(1).optional() }).strict().optional(),
    provider: z.literal('daily').optional(),
  })
  .strict();

const TRUNK = { daily_domain: 'examplecorp', daily_webhook_url: 'https://hooks.example.com/daily' };
const DAILY_IPS = ['54.172.60.10', '54.172.60.11'];
const recipe = loadRecipe('pipecat-daily');

describe('pipecat-daily recipe', () => {
  it('outbound: refused with a plain reason when Daily\'s static egress IPs are not given (Daily\'s dial-out has no credentials)', () => {
    expect(() => fixtureInputs(recipe, 'outbound', {})).toThrow(/partner_egress_ips: missing/);
    expect(() => fixtureInputs(recipe, 'outbound', { partner_egress_ips: ['54.172.60.0/24'] })).toThrow(/IP range.*single IPs only/);
    expect(recipe.egress.note).toMatch(/no SIP credentials/);
  });

  it('outbound with Daily\'s static IPs: ACL on those IPs, no digest credential, dial-out from provider daily with PCMA', () => {
    const inputs = fixtureInputs(recipe, 'outbound', { partner_egress_ips: DAILY_IPS });
    expect(inputs.auth).toMatchObject({ digest: false, aclIps: DAILY_IPS });
    expect(inputs.sipPassword).toBeUndefined();
    const r = renderRecipe('pipecat-daily', 'outbound', { partner_egress_ips: DAILY_IPS }, { auth: 'acl' });
    const dial = DailyDialout.parse(r.json('daily-dialout'));
    expect(dial).toMatchObject({ sipUri: 'sip:<+91XXXXXXXXXX>@edge.mum.in.exotel.com:5070;transport=tcp', provider: 'daily', codecs: { audio: ['PCMA'] } });
    expect(DailyRoomCreate.parse(r.json('daily-room')).properties).toEqual({ enable_dialout: true });
    expect(r.byId('exotel-edge').content).toContain(`Whitelisted on the trunk: ${DAILY_IPS.join(', ')}`);
    expect(r.outputs.map((o) => o.id)).not.toContain('daily-sip-trunk');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('pipecat-daily', 'outbound-acl', r.outputs);
  });

  it('inbound (default): the Daily SIP trunk host is the Exotel destination; trunk body gated by Exotel\'s signalling IPs', () => {
    const inputs = fixtureInputs(recipe, 'inbound', TRUNK);
    expect(inputs.destination).toBe('examplecorp-exotel.siptrunk.sip-us.daily.co:5060;transport=tcp');
    expect(inputs.auth).toMatchObject({ digest: false, aclIps: [] });
    expect(inputs.auth.warnings).toEqual([]);
    const r = renderRecipe('pipecat-daily', 'inbound', TRUNK, { auth: 'none' });
    const trunk = DailySipTrunkCreate.parse(r.json('daily-sip-trunk'));
    expect(trunk).toMatchObject({ trunk_name: 'exotel', notification: { webhook_url: TRUNK.daily_webhook_url } });
    expect(trunk.trunk_config.allowed_ips).toEqual(['35.154.174.161', '98.130.67.66', '129.154.231.198']);
    const steps = r.byId('daily-sip-trunk-steps').content;
    expect(steps).toContain('examplecorp-exotel.siptrunk.sip-us.daily.co');
    expect(steps).toMatch(/Unverified: .*TCP or TLS/s);
    expect(r.byId('connect-applet').content).toContain('examplecorp-exotel.siptrunk.sip-us.daily.co:5060;transport=tcp');
    // nothing left of the old "dynamic bridge" that relied on an Exotel API no source names
    expect(r.outputs.map((o) => o.id).sort()).toEqual(['connect-applet', 'daily-sip-trunk', 'daily-sip-trunk-steps']);
    expect(r.outputs.map((o) => o.content).join('\n')).not.toMatch(/dynamic bridge|call-control API/i);
    expectGolden('pipecat-daily', 'inbound-daily-trunk', r.outputs);
  });

  it('inbound via your SBC: destination to the SBC, room with SIP dial-in, firewall files the consumers accept', () => {
    const r = renderRecipe('pipecat-daily', 'inbound', { inbound_mode: 'sbc', sbc_host: 'sbc.example.com', sbc_port: '5061', sbc_transport: 'tls' }, { auth: 'none' });
    expect(r.outputs.map((o) => o.id)).toEqual(expect.arrayContaining(['sbc-inbound', 'connect-applet', 'daily-room', 'firewall-iptables', 'firewall-ufw', 'firewall-aws-sg']));
    expect(DailyRoomCreate.parse(r.json('daily-room')).properties.sip?.sip_mode).toBe('dial-in');
    expect(r.byId('sbc-inbound').content).toContain('sbc.example.com:5061;transport=tls');
    expect(r.byId('firewall-aws-sg').paste).toContain('--ip-permissions file://');
    expectGolden('pipecat-daily', 'inbound-sbc', r.outputs);
  });

  it('both over TLS: Daily trunk on 5061/TLS inbound, dial-out over TLS 443 from the whitelisted IPs', () => {
    const r = renderRecipe(
      'pipecat-daily',
      'both',
      { ...TRUNK, partner_egress_ips: DAILY_IPS, edge_transport: 'tls', daily_trunk_transport: 'tls', daily_sip_trunk_name: 'support' },
      { auth: 'acl' },
    );
    expect(r.byId('connect-applet').content).toContain('examplecorp-support.siptrunk.sip-us.daily.co:5061;transport=tls');
    expect(DailyDialout.parse(r.json('daily-dialout')).sipUri).toBe('sip:<+91XXXXXXXXXX>@edge.mum.in.exotel.com:443;transport=tls');
    DailySipTrunkCreate.parse(r.json('daily-sip-trunk'));
    expect(DailyRoomCreate.parse(r.json('daily-room')).properties).toEqual({ enable_dialout: true });
    expectGolden('pipecat-daily', 'both-daily-trunk-tls', r.outputs);
  });

  it('both via an SBC IP: the IP lands on the ACL with Daily\'s IPs, room has SIP dial-in and dial-out', () => {
    const r = renderRecipe('pipecat-daily', 'both', { partner_egress_ips: DAILY_IPS, inbound_mode: 'sbc', sbc_host: '52.66.10.20', sbc_port: '5060', sbc_transport: 'tcp' }, { auth: 'acl' });
    expect(r.byId('sbc-inbound').content).toContain(`ACL on the trunk: ${[...DAILY_IPS, '52.66.10.20'].join(', ')}`);
    const room = DailyRoomCreate.parse(r.json('daily-room'));
    expect(room.properties).toMatchObject({ enable_dialout: true, sip: { sip_mode: 'dial-in' } });
    expectGolden('pipecat-daily', 'both-sbc', r.outputs);
  });

  it('the schemas refuse what Daily refuses', () => {
    expect(DailyRoomCreate.safeParse({ properties: { eject_at_room_exp: true } }).success).toBe(false);
    expect(DailyDialout.safeParse({ sipUri: 'sip:a@b', username: 'u', password: 'p' }).success).toBe(false);
    expect(DailyDialout.safeParse({ sip_uri: 'sip:a@b' }).success).toBe(false);
    expect(DailySipTrunkCreate.safeParse({ trunk_name: 'x', notification: { webhook_url: 'https://a.example/h' }, trunk_config: {} }).success).toBe(false);
  });

  it('the Daily domain takes a pasted https://acme.daily.co as acme, and the destination follows', () => {
    const inputs = fixtureInputs(loadRecipe('pipecat-daily'), 'inbound', { ...TRUNK, daily_domain: 'https://Acme.daily.co/some-room' });
    expect(inputs.answers.values.daily_domain).toBe('acme');
    expect(inputs.destination).toBe('acme-exotel.siptrunk.sip-us.daily.co:5060;transport=tcp');
    expect(() => fixtureInputs(loadRecipe('pipecat-daily'), 'inbound', { ...TRUNK, daily_domain: 'https://acme.example.com' })).toThrow(/daily_domain: .*not a daily\.co address/);
  });

  it('SBC firewall files: one of three, each paste says so and what the rules let in', () => {
    const r = renderRecipe('pipecat-daily', 'inbound', { inbound_mode: 'sbc', sbc_host: 'sbc.example.in' });
    for (const id of ['firewall-iptables', 'firewall-ufw', 'firewall-aws-sg']) {
      expect(r.byId(id).paste, id).toMatch(/^Use ONE of: firewall-iptables\.sh, firewall-ufw\.sh or firewall-aws-sg\.json, whichever the SBC host uses/);
    }
    expect(r.byId('firewall-iptables').paste).toContain("Exotel's signalling IPs reach your SIP port and Exotel's media IPs reach the RTP ports");
  });
});
