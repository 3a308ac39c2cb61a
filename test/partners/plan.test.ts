/**
 * The pure half: desired resources built from the same data as the templates, the plan between desired and
 * observed (reasons, order, duplicates, stale resources, secrets), verify rows, teardown order; and a property:
 * executing a plan (simulated) always leads to an empty plan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partnerDesired } from '../../src/core/partners/desired.js';
import { planPartner, teardownSteps, verifyRows, type PartnerObservation } from '../../src/core/partners/diff.js';
import { isRef, type DesiredResource, type FieldValue, type ObservedResource, type PartnerId } from '../../src/core/partners/types.js';
import { FIXTURE, inputsFor } from './helpers.js';

const observedFrom = (d: DesiredResource, id: string, ids: Record<string, string> = {}, over: Record<string, FieldValue> = {}): ObservedResource => ({
  partner: d.partner,
  kind: d.kind,
  id,
  key: d.key,
  via: 'key',
  fields: {
    ...Object.fromEntries(Object.entries(d.fields).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (isRef(x) ? ids[x.slice(1)] : x)) : v])),
    ...over,
  },
  secretState: Object.fromEntries(d.secrets.map((s) => [s, 'set'])),
});

describe('desired resources', () => {
  it('LiveKit: outbound trunk at the Exotel edge, inbound trunk for the DID, a dispatch rule scoped to that trunk', () => {
    const d = partnerDesired(inputsFor('livekit'));
    expect(d.map((r) => r.kind)).toEqual(['outbound-trunk', 'inbound-trunk', 'dispatch-rule']);
    expect(d[0].fields).toMatchObject({ address: 'in.voip.exotel.com:5070', transport: 'SIP_TRANSPORT_TCP', numbers: [FIXTURE.did], destination_country: 'in', auth_username: FIXTURE.username });
    expect(d[0].secrets).toEqual(['auth_password']);
    expect(d[1].fields).toMatchObject({ allowed_addresses: ['35.154.174.161/32', '98.130.67.66/32', '129.154.231.198/32'], media_encryption: 'SIP_MEDIA_ENCRYPT_ALLOW' });
    expect(d[2].fields).toMatchObject({ rule: 'individual:call-', trunk_ids: ['@inbound-trunk'], agent_name: 'exotel-agent' });
    expect(d[2].dependsOn).toEqual(['inbound-trunk']);
    expect(JSON.stringify(d)).not.toContain(FIXTURE.password);
  });

  it('LiveKit: SRTP allowed on a TLS leg only', () => {
    const tcp = partnerDesired(inputsFor('livekit', 'both', { inbound_transport: 'tcp' }));
    expect(tcp.find((r) => r.kind === 'inbound-trunk')!.fields.media_encryption).toBe('SIP_MEDIA_ENCRYPT_DISABLE');
    expect(tcp.find((r) => r.kind === 'outbound-trunk')!.fields.media_encryption).toBe('SIP_MEDIA_ENCRYPT_DISABLE');
  });

  it('LiveKit and ElevenLabs: the SRTP answer applies on TLS legs only; the inbound trunk lists every number form', () => {
    const tls = (p: 'livekit' | 'elevenlabs', answers: Record<string, string>) => {
      const i = inputsFor(p, 'both', answers);
      i.edge = { host: 'in.voip.exotel.com', port: 443, transport: 'tls', hostport: 'in.voip.exotel.com:443' };
      return partnerDesired(i);
    };
    expect(tls('livekit', { livekit_media_encryption: 'require' })[0].fields.media_encryption).toBe('SIP_MEDIA_ENCRYPT_REQUIRE');
    expect(tls('livekit', {})[0].fields.media_encryption).toBe('SIP_MEDIA_ENCRYPT_ALLOW');
    const el = tls('elevenlabs', { el_media_encryption: 'required', inbound_transport: 'tcp', edge_transport: 'tls' })[0].fields;
    expect(el['outbound_trunk_config.media_encryption']).toBe('required');
    expect(el['inbound_trunk_config.media_encryption']).toBe('disabled'); // the fixture's destination is TCP
    expect(partnerDesired(inputsFor('elevenlabs', 'both', { el_media_encryption: 'allowed' }))[0].fields['outbound_trunk_config.media_encryption']).toBe('disabled');
    expect(partnerDesired(inputsFor('livekit'))[1].fields.numbers).toEqual(['+918012345678', '08012345678', '8012345678']);
  });

  it('ElevenLabs: one number; the outbound trunk only for outbound use; no agent field without an agent answer', () => {
    expect(Object.keys(partnerDesired(inputsFor('elevenlabs', 'inbound'))[0].fields)).not.toContain('outbound_trunk_config.address');
    const none = partnerDesired(inputsFor('elevenlabs', 'both', { el_agent_id: '' }))[0];
    expect(none.fields.agent_id).toBeUndefined();
    expect(none.secrets).toEqual(['outbound_trunk_config.password']);
  });

  it('Retell: agents bound only for the directions in use; digest password only with a username', () => {
    const out = partnerDesired(inputsFor('retell', 'outbound'))[0];
    expect(out.fields).toMatchObject({ termination_uri: 'in.voip.exotel.com:5070', transport: 'TCP', outbound_agents: ['agent_sandbox'] });
    expect(out.fields.inbound_agents).toBeUndefined();
    expect(partnerDesired(inputsFor('retell', 'inbound'))[0].secrets).toEqual([]);
  });
});

describe('planPartner', () => {
  const d = partnerDesired(inputsFor('livekit'));
  const ids = { 'inbound-trunk': 'ST_in' };
  const all = (): PartnerObservation => ({ resources: [observedFrom(d[0], 'ST_out'), observedFrom(d[1], 'ST_in'), observedFrom(d[2], 'SDR_1', ids)], blockers: [] });

  it('creates what is missing in dependency order, with a reason each', () => {
    const plan = planPartner(d, { resources: [], blockers: [] });
    expect(plan.steps.map((s) => `${s.action} ${s.kind}`)).toEqual(['create outbound-trunk', 'create inbound-trunk', 'create dispatch-rule']);
    expect(plan.steps[0].reason).toBe("LiveKit places the agent's outbound calls through it, to the Exotel edge in.voip.exotel.com:5070 with the trunk's digest credential; it does not exist at LiveKit yet.");
    expect(plan.steps[0].secrets).toEqual(['auth_password']);
    expect(plan.steps[2].dependsOn).toEqual(['inbound-trunk']);
  });

  it('changes nothing when everything matches; arrays compare as sets', () => {
    const obs = all();
    obs.resources[1].fields.allowed_addresses = [...(obs.resources[1].fields.allowed_addresses as string[])].reverse();
    expect(planPartner(d, obs).steps).toEqual([]);
  });

  it('updates a changed field, naming the value found, the value expected and where it comes from', () => {
    const obs = all();
    obs.resources[0].fields.address = 'in.voip.exotel.com:443';
    const [step] = planPartner(d, obs).steps;
    expect(step).toMatchObject({ action: 'update', id: 'ST_out', changes: [{ field: 'address', from: 'in.voip.exotel.com:443', to: 'in.voip.exotel.com:5070' }] });
    expect(step.reason).toBe('LiveKit outbound trunk "Exotel livekit": address is in.voip.exotel.com:443, expected in.voip.exotel.com:5070 (outbound address (Exotel edge host:port)).');
  });

  it('re-sends a password that differs or is unset, and every password on request', () => {
    const obs = all();
    obs.resources[0].secretState.auth_password = 'differs';
    expect(planPartner(d, obs).steps[0]).toMatchObject({ action: 'update', secrets: ['auth_password'], changes: [] });
    obs.resources[0].secretState.auth_password = 'set';
    expect(planPartner(d, obs).steps).toEqual([]);
    expect(planPartner(d, obs, { resendSecrets: true }).steps[0].reason).toContain('sent again');
  });

  it('a dispatch rule pointing at another trunk is updated; one whose trunk is being created waits for the new id', () => {
    const obs = all();
    obs.resources[2].fields.trunk_ids = ['ST_other'];
    expect(planPartner(d, obs).steps).toMatchObject([{ action: 'update', kind: 'dispatch-rule', changes: [{ field: 'trunk_ids', to: ['ST_in'] }] }]);
    const noTrunk = { resources: [obs.resources[0], obs.resources[2]], blockers: [] };
    expect(planPartner(d, noTrunk).steps.map((s) => `${s.action} ${s.kind}`)).toEqual(['create inbound-trunk', 'update dispatch-rule']);
  });

  it('removes duplicates and stale resources first, dependents before what they depend on; keeps the journal\'s one', () => {
    const obs = all();
    obs.resources.push({ ...observedFrom(d[0], 'ST_dup'), via: 'key' });
    obs.resources[0].via = 'id';
    obs.resources.unshift({ ...observedFrom(d[2], 'SDR_old', ids), key: 'Exotel old inbound', via: 'id' });
    const plan = planPartner(d, obs);
    expect(plan.steps.map((s) => `${s.action} ${s.id}`)).toEqual(['delete SDR_old', 'delete ST_dup']);
    expect(plan.steps[1].reason).toContain('exists twice at LiveKit (ST_dup besides ST_out)');
  });

  it('passes blockers through', () => {
    const b = { partner: 'livekit' as const, kind: 'inbound-trunk' as const, key: 'k', message: 'm', fix: 'f' };
    expect(planPartner(d, { resources: [], blockers: [b] }).blockers).toEqual([b]);
  });
});

describe('verifyRows and teardownSteps', () => {
  const d = partnerDesired(inputsFor('retell'));
  it('a row per field; missing resources; passwords the partner cannot return are not-comparable with a note', () => {
    expect(verifyRows(d, { resources: [], blockers: [] })).toMatchObject([{ field: '(resource)', status: 'missing' }]);
    const o = observedFrom(d[0], FIXTURE.did, {}, { termination_uri: 'x:1' });
    o.secretState.auth_password = 'unknown';
    const rows = verifyRows(d, { resources: [o], blockers: [] });
    expect(rows.find((r) => r.status === 'drift')).toMatchObject({ field: 'termination URI (Exotel edge host:port)', expected: 'in.voip.exotel.com:5070', actual: 'x:1' });
    expect(rows.find((r) => r.field.startsWith('auth_password'))).toMatchObject({ status: 'not-comparable', note: expect.stringContaining('Retell does not return passwords') });
  });

  it('teardown deletes dependents first', () => {
    const lk = partnerDesired(inputsFor('livekit'));
    const obs = { resources: [observedFrom(lk[0], 'ST_out'), observedFrom(lk[1], 'ST_in'), observedFrom(lk[2], 'SDR_1')], blockers: [] };
    expect(teardownSteps(obs).map((s) => s.id)).toEqual(['SDR_1', 'ST_in', 'ST_out']);
  });
});

describe('property: executing a plan leads to an empty plan', () => {
  const partners: PartnerId[] = ['livekit', 'elevenlabs', 'retell'];
  it('for any partner, direction and starting state (missing, drifted, duplicated, stale)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...partners),
        fc.constantFrom('inbound', 'outbound', 'both' as const),
        fc.array(fc.record({ present: fc.boolean(), drift: fc.boolean(), dup: fc.boolean(), stale: fc.boolean(), secret: fc.constantFrom('set', 'differs', 'unset', 'unknown') }), { minLength: 3, maxLength: 3 }),
        (p, direction, shape) => {
          const desired = partnerDesired(inputsFor(p, direction as 'both'));
          let n = 0;
          let resources: ObservedResource[] = [];
          const ids: Record<string, string> = {};
          desired.forEach((d, i) => {
            const sh = shape[i];
            if (sh.stale) resources.push({ ...observedFrom(d, `old${i}`, ids), key: `${d.key} old`, via: 'id' });
            if (!sh.present) return;
            const o = observedFrom(d, `id${i}`, ids, sh.drift ? { [Object.keys(d.fields)[1]]: 'drifted' } : {});
            for (const s of d.secrets) o.secretState[s] = sh.secret as never;
            ids[d.kind] = o.id;
            resources.push(o);
            if (sh.dup) resources.push({ ...o, id: `dup${i}` });
          });
          const plan = planPartner(desired, { resources, blockers: [] });
          // simulate the partner executing the steps
          for (const step of plan.steps) {
            if (step.action === 'delete') resources = resources.filter((r) => r.id !== step.id);
            else {
              const d = desired.find((x) => x.kind === step.kind)!;
              const id = step.id ?? `new${n++}`;
              ids[d.kind] = id;
              resources = resources.filter((r) => r.id !== id);
              const o = observedFrom(d, id, ids);
              for (const s of d.secrets) o.secretState[s] = 'set';
              resources.push(o);
            }
          }
          const again = planPartner(desired, { resources, blockers: [] });
          expect(again.steps).toEqual([]);
        },
      ),
      { seed: 17, numRuns: 200 },
    );
  });
});
