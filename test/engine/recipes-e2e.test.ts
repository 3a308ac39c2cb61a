/**
 * Each recipe, each direction it supports, end to end through the engine against the sandbox:
 * plan → apply → the sandbox holds exactly what the recipe wants → a re-plan is empty → verify is in sync → teardown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { criticalPath } from '../plan/fixtures.js';
import { DID, IP_A, IP_B, applyOnce, engineRig, expectNoDuplicates, inputsFor, kinds, trunkByName, trunks, type EngineRig, tearDown } from './helpers.js';

let rig: EngineRig;
beforeEach(async () => {
  rig = await engineRig();
});
afterEach(async () => rig.close());

interface Want {
  mode: 'pstn' | 'flow';
  acl: string[];
  credential: string | null;
  destinations: string[];
  alias: boolean;
}

async function endToEnd(recipeId: string, set: Record<string, string>, want: Want, env: NodeJS.ProcessEnv = {}) {
  const engine = rig.newEngine();
  const first = await applyOnce(engine, recipeId, set, env);
  expect(first.result.failed, JSON.stringify(first.result.failed)).toEqual([]);
  expect(first.result.ok).toBe(true);
  expect(first.result.events.filter((e) => e.type === 'done').length).toBe(first.plan.steps.length);

  const t = trunkByName(rig.sandbox, first.inputs.trunkName)!;
  expect(t, 'trunk at the sandbox').toBeDefined();
  expect(first.result.trunkSid).toBe(t.trunk.trunk_sid);
  expect(t.numbers.map((n) => [n.phone_number, n.mode])).toEqual([[DID, want.mode]]);
  expect(t.acl.map((a) => [a.ip, a.mask]).sort()).toEqual(want.acl.map((ip) => [ip, 32]).sort());
  expect(t.credentials.map((c) => c.user_name)).toEqual(want.credential ? [want.credential] : []);
  if (want.credential) expect(t.credentials[0].password).toBe(first.inputs.sipPassword!.reveal());
  expect(t.destinations.map((d) => d.destination)).toEqual(want.destinations);
  expect(t.settings.filter((s) => s.name === 'trunk_external_alias').map((s) => s.value)).toEqual(want.alias ? [DID] : []);
  expectNoDuplicates(rig.sandbox);

  // the journal knows the trunk; a fresh engine (next process) plans nothing and finds it in sync
  const run = engine.run(recipeId)!;
  expect(run.trunkSid).toBe(t.trunk.trunk_sid);
  expect(run.appliedAt).toBeDefined();
  const next = rig.newEngine();
  const { plan } = await next.plan(inputsFor(next, recipeId, {}, env));
  expect(plan.steps, kinds(plan).join(',')).toEqual([]);
  const report = await next.verify(recipeId);
  expect(report.items).toEqual([]);
  expect(report.inSync).toBe(true);

  const down = await tearDown(next, recipeId);
  expect(down.trunkSid).toBe(t.trunk.trunk_sid);
  expect(down.deletedCredentials).toEqual(want.credential ? [want.credential] : []);
  expect(trunks(rig.sandbox)).toEqual([]);
  return first;
}

const digestWant = (user: string, destinations: string[], alias: boolean): Want => ({ mode: 'pstn', acl: [], credential: user, destinations, alias });

describe('livekit', () => {
  const dest = 'sip:abc123.india.sip.livekit.cloud:5061;transport=tls';
  it('outbound: trunk, number, credential, alias', async () => {
    const r = await endToEnd('livekit', { direction: 'outbound', did: DID }, digestWant('livekit_sip', [], true));
    expect(kinds(r.plan).sort()).toEqual(['create-credential', 'create-trunk', 'map-number', 'set-alias']);
  });
  it('inbound: trunk, number, destination (TLS 5061)', async () => {
    await endToEnd('livekit', { direction: 'inbound', did: DID, livekit_subdomain: 'abc123' }, { mode: 'pstn', acl: [], credential: null, destinations: [dest], alias: false });
  });
  it('both', async () => {
    await endToEnd('livekit', { direction: 'both', did: DID, livekit_subdomain: 'abc123' }, digestWant('livekit_sip', [dest], true));
  });
  it('both over TCP with a custom trunk name and username', async () => {
    await endToEnd(
      'livekit',
      { direction: 'both', did: DID, livekit_subdomain: 'abc123', inbound_transport: 'tcp', trunk_name: 'lk_custom', sip_username: 'lkuser1' },
      digestWant('lkuser1', ['sip:abc123.india.sip.livekit.cloud:5060;transport=tcp'], true),
    );
  });
});

describe('retell', () => {
  const dest = 'sip:sip.retellai.com:5060;transport=tcp';
  for (const direction of ['outbound', 'inbound', 'both'] as const) {
    it(direction, async () => {
      const inbound = direction !== 'outbound';
      const outbound = direction !== 'inbound';
      await endToEnd('retell', { direction, did: DID, retell_agent_id: 'agent_123' }, {
        mode: 'pstn', acl: [], credential: outbound ? 'retell_sip' : null, destinations: inbound ? [dest] : [], alias: outbound,
      });
    });
  }
});

describe('elevenlabs', () => {
  const dest = 'sip:sip.rtc.elevenlabs.io:5060;transport=tcp';
  for (const direction of ['outbound', 'inbound', 'both'] as const) {
    it(direction, async () => {
      const inbound = direction !== 'outbound';
      const outbound = direction !== 'inbound';
      await endToEnd('elevenlabs', { direction, did: DID }, {
        mode: 'pstn', acl: [], credential: outbound ? 'elevenlabs_sip' : null, destinations: inbound ? [dest] : [], alias: outbound,
      });
    });
  }
});

describe('own-pbx (IP destination: ACL first)', () => {
  it('both, IP destination: the destination IP is whitelisted before the destination is added', async () => {
    const r = await endToEnd('own-pbx', { direction: 'both', did: DID, pbx_ips: `${IP_A},${IP_B}`, pbx_host: IP_A }, {
      mode: 'pstn', acl: [IP_A, IP_B], credential: null, destinations: [`sip:${IP_A}:5060;transport=tcp`], alias: true,
    });
    const order = r.events.filter((e) => e.type === 'done').map((e) => e.stepId);
    expect(order.indexOf(`acl:${IP_A}`)).toBeLessThan(order.indexOf(`destination:sip:${IP_A}:5060;transport=tcp`));
    expect(criticalPath(r.plan.steps)).toBe(3);
  });
  it('inbound, IP destination: only the destination IP is whitelisted', async () => {
    await endToEnd('own-pbx', { direction: 'inbound', did: DID, pbx_host: IP_B, pbx_transport: 'tls', pbx_port: '5061' }, {
      mode: 'pstn', acl: [IP_B], credential: null, destinations: [`sip:${IP_B}:5061;transport=tls`], alias: false,
    });
  });
  it('outbound, FQDN destination: PBX IPs whitelisted, no ACL for the destination', async () => {
    await endToEnd('own-pbx', { direction: 'outbound', did: DID, pbx_ips: IP_A, pbx_host: 'pbx.example.com' }, {
      mode: 'pstn', acl: [IP_A], credential: null, destinations: ['sip:pbx.example.com:5060;transport=tcp'], alias: true,
    });
  });
  it('both with ACL + digest once Exotel approved the mix', async () => {
    await endToEnd('own-pbx', { direction: 'both', did: DID, pbx_ips: IP_A, pbx_host: 'pbx.example.com', also_digest: 'yes', mix_approved: 'yes' }, {
      mode: 'pstn', acl: [IP_A], credential: 'own_pbx_sip', destinations: ['sip:pbx.example.com:5060;transport=tcp'], alias: true,
    });
  });
});

describe('streamkit (flow mode)', () => {
  const base = { did: DID, streamkit_server_ips: `${IP_A},${IP_B}`, voicebot_url: 'wss://bot.example.com/ws' };
  it('inbound: number in flow mode, server IPs whitelisted, no digest nobody asked for', async () => {
    await endToEnd('streamkit', base, { mode: 'flow', acl: [IP_A, IP_B], credential: null, destinations: [], alias: false });
  });
  it('inbound with a contact-centre destination', async () => {
    await endToEnd('streamkit', { ...base, streamkit_destination: 'yes', streamkit_sip_host: 'cc.example.com:5061' }, {
      mode: 'flow', acl: [IP_A, IP_B], credential: null, destinations: ['sip:cc.example.com:5061;transport=tls'], alias: false,
    });
  });
  it('inbound with digest on top, approved by Exotel: the credential as well', async () => {
    await endToEnd('streamkit', { ...base, also_digest: 'yes', mix_approved: 'yes' }, { mode: 'flow', acl: [IP_A, IP_B], credential: 'streamkit_trunk_sip', destinations: [], alias: false });
  });
});

describe('rapida', () => {
  for (const direction of ['outbound', 'inbound', 'both'] as const) {
    it(`native path, ${direction}: no trunk at all, not a single API call`, async () => {
      const engine = rig.newEngine();
      const r = await applyOnce(engine, 'rapida', { direction, did: DID, rapida_assistant_id: '42' }, { EXOTRUNK_RAPIDA_API_KEY: 'rpd-native-key' });
      expect(r.inputs.skipTrunk).toBe(true);
      expect(r.plan.steps).toEqual([]);
      expect(r.result.ok).toBe(true);
      expect(rig.sandbox.requests()).toEqual([]);
      expect(trunks(rig.sandbox)).toEqual([]);
      // nothing at Exotel to verify or tear down: both say so and succeed, and the API key is kept for re-renders
      expect(engine.previousSecrets('rapida').rapida_api_key).toBe('rpd-native-key');
      expect(await rig.newEngine().verify('rapida')).toMatchObject({ inSync: true, items: [] });
      expect(await tearDown(rig.newEngine(), 'rapida')).toMatchObject({ ok: true, trunkSid: '', deletedCredentials: [], events: [] });
      expect(rig.newEngine().runs().map((x) => x.recipeId)).not.toContain('rapida');
      expect(rig.sandbox.requests()).toEqual([]);
    });
  }
  it('SIP path, both: digest, destination sip-01.in.rapida.ai over TCP', async () => {
    await endToEnd('rapida', { direction: 'both', path: 'sip', did: DID, rapida_assistant_id: '42' }, digestWant('rapida_trunk_sip', ['sip:sip-01.in.rapida.ai:5060;transport=tcp'], true));
  });
  it('SIP path, inbound', async () => {
    await endToEnd('rapida', { direction: 'inbound', path: 'sip', did: DID, rapida_assistant_id: '42' }, { mode: 'pstn', acl: [], credential: null, destinations: ['sip:sip-01.in.rapida.ai:5060;transport=tcp'], alias: false });
  });
  it('SIP path, outbound', async () => {
    await endToEnd('rapida', { direction: 'outbound', path: 'sip', did: DID, rapida_assistant_id: '42' }, digestWant('rapida_trunk_sip', [], true));
  });
});
