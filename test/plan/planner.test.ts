import { describe, expect, it } from 'vitest';
import { planSteps } from '../../src/core/plan/planner.js';
import { shownCall } from '../../src/core/plan/step-kinds.js';
import { desiredState } from '../../src/core/plan/desired.js';
import type { Inputs, Observed, Plan } from '../../src/core/engine/types.js';
import { ACCOUNT, DID, IP_A, IP_B, OTHER_DID, SID, criticalPath, emptyObserved, inputs, livekitBoth, pbxFqdn, pbxIp } from './fixtures.js';

function plan(i: Inputs, observed: Observed | null, aliasInState?: string | null): Plan {
  return planSteps(i, desiredState(i), observed, { accountSid: ACCOUNT, aliasInState });
}
/** The request a step makes, derived from its payload (what the plan shows and the curl export sends). */
const request = (p: Plan, s: Plan['steps'][number]) => shownCall(p, s);
const step = (p: Plan, id: string) => {
  const s = p.steps.find((x) => x.id === id);
  expect(s, `step ${id} in ${p.steps.map((x) => x.id).join(', ')}`).toBeDefined();
  return s!;
};

/** Everything own-pbx (IP destination) wants, as the API would list it. */
function fullPbx(): Observed {
  return emptyObserved({
    numbers: [{ id: '41512', phoneNumber: DID, mode: 'pstn' }],
    acl: [
      { id: '1153', ip: IP_A, mask: 32 },
      { id: '1154', ip: IP_B, mask: 32 },
    ],
    destinations: [{ id: '2543', destination: `sip:${IP_A}:5060;transport=tcp` }],
  });
}

describe('planner: no trunk yet', () => {
  it('creates the trunk first and hangs every other step off it', () => {
    const p = plan(pbxIp(), null);
    expect(p.steps[0]).toMatchObject({ id: 'trunk', kind: 'create-trunk', dependsOn: [] });
    expect(p.steps[0].payload).toEqual({ trunkName: 'own_pbx' });
    expect(request(p, p.steps[0])).toEqual({ method: 'POST', path: `/v2/accounts/${ACCOUNT}/trunks`, body: { trunk_name: 'own_pbx', nso_code: 'ANY-ANY', domain_name: `${ACCOUNT}.pstn.exotel.com` } });
    for (const s of p.steps.slice(1)) expect(s.dependsOn).toContain('trunk');
    expect(p.steps.map((s) => s.kind).sort()).toEqual(['add-destination', 'create-trunk', 'map-number', 'set-alias', 'whitelist-ip', 'whitelist-ip'].sort());
    expect(p.trunkSid).toBeUndefined();
    expect(p.inSync).toEqual([]);
    // paths carry a placeholder until the trunk exists
    expect(request(p, step(p, `number:${DID}`)).path).toBe(`/v2/accounts/${ACCOUNT}/trunks/{trunk_sid}/phone-numbers`);
  });

  it('an IP destination depends on its own ACL step; the other ACL entry does not gate it', () => {
    const p = plan(pbxIp(), null);
    const dest = step(p, `destination:sip:${IP_A}:5060;transport=tcp`);
    expect(dest.dependsOn.sort()).toEqual([`acl:${IP_A}`, 'trunk'].sort());
    expect(step(p, `acl:${IP_A}`).reason).toMatch(/destination/);
    expect(step(p, `acl:${IP_B}`).reason).not.toMatch(/destination/);
  });

  it('an FQDN destination has no ACL dependency', () => {
    const p = plan(pbxFqdn(), null);
    const dest = step(p, 'destination:sip:pbx.example.com:5060;transport=tcp');
    expect(dest.dependsOn).toEqual(['trunk']);
    expect(p.steps.filter((s) => s.kind === 'whitelist-ip').map((s) => s.id)).toEqual([`acl:${IP_B}`]);
  });

  it('the alias waits for the number mapping', () => {
    const p = plan(livekitBoth(), null);
    expect(step(p, 'alias').dependsOn.sort()).toEqual([`number:${DID}`, 'trunk'].sort());
    expect(step(p, 'alias').payload).toEqual({ alias: DID });
    expect(request(p, step(p, 'alias')).body).toEqual({ settings: [{ name: 'trunk_external_alias', value: DID }] });
  });

  it('the credential step masks the password in the request body', () => {
    const i = livekitBoth();
    const p = plan(i, null);
    expect(step(p, 'credential').payload).toEqual({ userName: 'livekit_sip', friendlyName: 'livekit' });
    const body = request(p, step(p, 'credential')).body as Record<string, unknown>;
    expect(body).toEqual({ user_name: 'livekit_sip', password: '••••••••', friendly_name: 'livekit' });
    expect(JSON.stringify(p)).not.toContain(i.sipPassword!.reveal());
  });

  it('criticalPath: trunk → ACL → destination is 3 calls; trunk → number → alias is 3', () => {
    expect(criticalPath(plan(pbxIp(), null).steps)).toBe(3);
    expect(criticalPath(plan(pbxFqdn(), null).steps)).toBe(3); // trunk → number → alias
    expect(criticalPath(plan(inputs('own-pbx', { direction: 'inbound', did: DID, pbx_host: 'pbx.example.com' }), null).steps)).toBe(2);
    expect(criticalPath([])).toBe(0);
  });
});

describe('planner: trunk exists', () => {
  it('trunk with everything: no steps, every item listed in sync', () => {
    const p = plan(pbxIp(), fullPbx(), DID);
    expect(p.steps).toEqual([]);
    expect(p.trunkSid).toBe(SID);
    expect(p.manual).toEqual([]);
    expect(p.inSync).toHaveLength(6); // trunk, number, 2 ACL, destination, alias
    expect(criticalPath(p.steps)).toBe(0);
  });

  it('steps on an existing trunk use the real sid and depend on nothing', () => {
    const p = plan(pbxIp(), emptyObserved());
    expect(p.steps.find((s) => s.kind === 'create-trunk')).toBeUndefined();
    for (const s of p.steps) expect(request(p, s).path).toContain(`/trunks/${SID}/`);
    // only the IP destination still waits for its ACL entry
    expect(p.steps.filter((s) => s.dependsOn.length).map((s) => [s.id, s.dependsOn])).toEqual([
      [`destination:sip:${IP_A}:5060;transport=tcp`, [`acl:${IP_A}`]],
      ['alias', [`number:${DID}`]],
    ]);
  });

  it('number with the wrong mode → set-number-mode (PUT with the mapping id)', () => {
    const p = plan(pbxIp(), { ...fullPbx(), numbers: [{ id: '41512', phoneNumber: DID, mode: 'flow' }] }, DID);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toMatchObject({ id: `mode:${DID}`, kind: 'set-number-mode', dependsOn: [] });
    expect(p.steps[0].payload).toEqual({ numberId: '41512', phoneNumber: DID, mode: 'pstn' });
    expect(request(p, p.steps[0])).toEqual({ method: 'PUT', path: `/v2/accounts/${ACCOUNT}/trunks/${SID}/phone-numbers/41512`, body: { phone_number: DID, mode: 'pstn' } });
  });

  it('number with mode null and desired pstn is in sync', () => {
    const p = plan(pbxIp(), { ...fullPbx(), numbers: [{ id: '41512', phoneNumber: DID, mode: null }] }, DID);
    expect(p.steps).toEqual([]);
    expect(p.inSync.some((s) => s.includes(DID))).toBe(true);
    expect(p.inSync).toContain(`number ${DID} (mode pstn, the default)`); // never "mode null"
  });

  it('number with mode null and desired flow (StreamKit) → set-number-mode', () => {
    const i = inputs('streamkit', { did: DID, streamkit_server_ips: IP_B, voicebot_url: 'wss://bot.example.com/ws' });
    const p = plan(i, emptyObserved({ numbers: [{ id: '7', phoneNumber: DID, mode: null }] }));
    expect(request(p, step(p, `mode:${DID}`)).body).toEqual({ phone_number: DID, mode: 'flow' });
    expect(step(p, `mode:${DID}`).title).toBe(`Set ${DID} to mode flow (now no mode, which is pstn)`);
  });

  it('missing ACL entry → one whitelist step, mask 32', () => {
    const o = fullPbx();
    const p = plan(pbxIp(), { ...o, acl: o.acl.filter((a) => a.ip !== IP_B) }, DID);
    expect(p.steps.map((s) => s.id)).toEqual([`acl:${IP_B}`]);
    expect(request(p, p.steps[0]).body).toEqual({ ip: IP_B, mask: 32 });
  });

  it('missing IP destination whose ACL is in place: no ACL dependency left', () => {
    const p = plan(pbxIp(), { ...fullPbx(), destinations: [] }, DID);
    expect(p.steps.map((s) => [s.id, s.dependsOn])).toEqual([[`destination:sip:${IP_A}:5060;transport=tcp`, []]]);
    expect(p.steps[0].payload).toEqual({ uri: `${IP_A}:5060;transport=tcp` });
    expect(request(p, p.steps[0]).body).toEqual({ destinations: [{ destination: `${IP_A}:5060;transport=tcp` }] });
  });

  it('destinations compare without the sip: prefix and case-insensitively', () => {
    const p = plan(pbxFqdn(), emptyObserved({
      numbers: [{ id: '1', phoneNumber: DID, mode: 'pstn' }],
      acl: [{ id: '2', ip: IP_B, mask: 32 }],
      destinations: [{ id: '3', destination: 'sip:PBX.Example.com:5060;transport=tcp' }],
    }), DID);
    expect(p.steps).toEqual([]);
  });

  it('extra numbers, ACL entries and destinations → manual notes, never steps', () => {
    const o = fullPbx();
    const p = plan(pbxIp(), {
      ...o,
      numbers: [...o.numbers, { id: '9', phoneNumber: OTHER_DID, mode: 'pstn' }],
      acl: [...o.acl, { id: '9', ip: '3.3.3.3', mask: 32 }],
      destinations: [...o.destinations, { id: '9', destination: 'sip:other.example.com:5061;transport=tls' }],
    }, DID);
    expect(p.steps).toEqual([]);
    expect(p.manual).toHaveLength(3);
    expect(p.manual.join('\n')).toContain(OTHER_DID);
    expect(p.manual.join('\n')).toContain('3.3.3.3/32');
    expect(p.manual.join('\n')).toContain('other.example.com');
  });

  it('credential present by user name is in sync; missing → create-credential without a trunk dependency', () => {
    const i = livekitBoth();
    const base = emptyObserved({
      numbers: [{ id: '1', phoneNumber: DID, mode: 'pstn' }],
      destinations: [{ id: '3', destination: 'sip:abc123.india.sip.livekit.cloud:5061;transport=tls' }],
    });
    expect(plan(i, { ...base, credentials: [{ id: '5', userName: 'livekit_sip' }] }, DID).steps).toEqual([]);
    const p = plan(i, base, DID);
    expect(p.steps.map((s) => [s.kind, s.dependsOn])).toEqual([['create-credential', []]]);
  });

  it('alias: re-set when the journal does not know it (the API has no read)', () => {
    const i = livekitBoth();
    const o = emptyObserved({
      numbers: [{ id: '1', phoneNumber: DID, mode: 'pstn' }],
      credentials: [{ id: '5', userName: 'livekit_sip' }],
      destinations: [{ id: '3', destination: 'sip:abc123.india.sip.livekit.cloud:5061;transport=tls' }],
    });
    expect(plan(i, o, null).steps.map((s) => [s.id, s.dependsOn])).toEqual([['alias', []]]);
    expect(plan(i, o, '+910000000000').steps.map((s) => s.id)).toEqual(['alias']);
    expect(plan(i, o, DID).steps).toEqual([]);
  });

  it('outbound-only LiveKit wants no destination; inbound-only wants no alias and no credential', () => {
    const out = plan(inputs('livekit', { direction: 'outbound', did: DID }), null);
    expect(out.steps.map((s) => s.kind).sort()).toEqual(['create-credential', 'create-trunk', 'map-number', 'set-alias']);
    const inb = plan(inputs('livekit', { direction: 'inbound', did: DID, livekit_subdomain: 'abc123' }), null);
    expect(inb.steps.map((s) => s.kind).sort()).toEqual(['add-destination', 'create-trunk', 'map-number']);
  });

  it('skipTrunk (Rapida native): an empty plan even when a trunk is observed', () => {
    const i = inputs('rapida', { direction: 'both', did: DID, rapida_assistant_id: '123' }, { EXOTRUNK_RAPIDA_API_KEY: 'rpd-secretkey' });
    expect(i.skipTrunk).toBe(true);
    expect(plan(i, null).steps).toEqual([]);
    expect(plan(i, emptyObserved()).steps).toEqual([]);
  });

  it('every plan step id is unique and every dependency exists in the plan (or is satisfied)', () => {
    for (const p of [plan(pbxIp(), null), plan(pbxFqdn(), null), plan(livekitBoth(), null), plan(pbxIp(), emptyObserved())]) {
      const ids = p.steps.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const s of p.steps) for (const d of s.dependsOn) expect(ids.indexOf(d)).toBeLessThan(ids.indexOf(s.id));
    }
  });
});
