import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// Daily room create body: https://docs.daily.co/reference/rest-api/rooms/create-room and the `sip` property
// from https://docs.daily.co/guides/products/dial-in-dial-out/sip (mirrors pipecat transports/daily/utils.py
// DailyRoomSipParams: display_name, video, sip_mode, num_endpoints). Only the properties we render are listed.
const DailyRoomCreate = z
  .object({
    name: z.string().min(1).optional(),
    properties: z
      .object({
        sip: z
          .object({
            display_name: z.string(),
            video: z.boolean(),
            sip_mode: z.literal('dial-in'),
            num_endpoints: z.number().int().min(1),
          })
          .strict()
          .optional(),
        enable_dialout: z.boolean().optional(),
        eject_at_room_exp: z.boolean().optional(),
        exp: z.number().int().optional(),
      })
      .strict(),
  })
  .strict();

// POST /rooms/:name/dialOut/start, https://docs.daily.co/reference/rest-api/rooms/dialout/start
const DailyDialoutStart = z
  .object({
    sipUri: z.string().regex(/^sip:[^@\s]+@[^\s]+$/),
    displayName: z.string().optional(),
    userId: z.string().max(36).optional(),
    video: z.boolean().optional(),
  })
  .strict();

describe('pipecat-daily recipe', () => {
  it('outbound: dial-out toward the Exotel edge from a room with enable_dialout', () => {
    const r = renderRecipe('pipecat-daily', 'outbound');
    const room = DailyRoomCreate.parse(r.json('daily-room'));
    expect(room.properties.enable_dialout).toBe(true);
    expect(room.properties.sip).toBeUndefined();
    const dial = DailyDialoutStart.parse(r.json('daily-dialout'));
    expect(dial.sipUri).toBe('sip:<+91XXXXXXXXXX>@in.voip.exotel.com:5070;transport=tcp');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('pipecat-daily', 'outbound', r.outputs);
  });

  it('inbound dynamic: no destination, a bridge checklist naming on_dialin_ready', () => {
    const r = renderRecipe('pipecat-daily', 'inbound', { inbound_mode: 'dynamic' }, { auth: 'none' });
    expect(DailyRoomCreate.parse(r.json('daily-room')).properties.sip?.sip_mode).toBe('dial-in');
    const ids = r.outputs.map((o) => o.id);
    expect(ids).toContain('dynamic-bridge');
    expect(ids).not.toContain('connect-applet');
    expect(ids).not.toContain('firewall-iptables');
    expect(r.byId('dynamic-bridge').content).toContain('on_dialin_ready');
    expectGolden('pipecat-daily', 'inbound-dynamic', r.outputs);
  });

  it('inbound via SBC: destination to the SBC, Connect applet and firewall outputs', () => {
    const r = renderRecipe(
      'pipecat-daily',
      'inbound',
      { inbound_mode: 'sbc', sbc_host: 'sbc.example.com', sbc_port: '5061', sbc_transport: 'tls' },
      { auth: 'none' },
    );
    const ids = r.outputs.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['sbc-inbound', 'connect-applet', 'firewall-iptables', 'firewall-ufw', 'firewall-aws-sg']));
    expect(r.byId('sbc-inbound').content).toContain('sbc.example.com:5061;transport=tls');
    expectGolden('pipecat-daily', 'inbound-sbc', r.outputs);
  });

  it('both with an SBC IP: the IP lands on the ACL before the destination', () => {
    const r = renderRecipe('pipecat-daily', 'both', { inbound_mode: 'sbc', sbc_host: '52.66.10.20', sbc_port: '5060', sbc_transport: 'tcp' });
    expect(r.byId('sbc-inbound').content).toContain('ACL on the trunk: 52.66.10.20');
    DailyDialoutStart.parse(r.json('daily-dialout'));
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('pipecat-daily', 'both-sbc', r.outputs);
  });

  it('the schemas reject wrong fields', () => {
    const room = renderRecipe('pipecat-daily', 'both').json('daily-room') as { properties: Record<string, unknown> };
    expect(DailyRoomCreate.safeParse({ ...room, properties: { ...room.properties, sip_uri: 'x' } }).success).toBe(false);
    expect(DailyDialoutStart.safeParse({ sip_uri: 'sip:a@b' }).success).toBe(false);
    expect(DailyDialoutStart.safeParse({ sipUri: 'in.voip.exotel.com:5070' }).success).toBe(false);
  });
});
