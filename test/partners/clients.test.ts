/**
 * exotrunk's partner modules (src/core/partners) against the stand-ins: agent checks, apply from nothing,
 * a re-run that changes nothing, drift made through the partner's own SDK found by verify and repaired,
 * a changed number, duplicates, blockers, and teardown. What the engine will do, one partner at a time.
 */
import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { SipClient } from 'livekit-server-sdk';
import Retell from 'retell-sdk';
import { describe, expect, it } from 'vitest';
import { partnerDesired } from '../../src/core/partners/desired.js';
import { planPartner, teardownSteps, verifyRows } from '../../src/core/partners/diff.js';
import type { KnownIds, PartnerId } from '../../src/core/partners/types.js';
import { Secret } from '../../src/core/secret.js';
import type { PartnerStandIns } from '../../src/sandbox/partners/index.js';
import { applyPartner, clientFor, FIXTURE, inputsFor, standInsPerFile } from './helpers.js';

let s: PartnerStandIns;
standInsPerFile({ seed: 11 }, (x) => (s = x));

const PARTNERS: PartnerId[] = ['livekit', 'elevenlabs', 'retell'];
const count = (p: PartnerId) => {
  if (p === 'livekit') {
    const st = s.livekit.state();
    return st.outbound.length + st.inbound.length + st.dispatchRules.length;
  }
  return p === 'elevenlabs' ? s.elevenlabs.state().numbers.length : s.retell.state().numbers.length;
};

async function verify(p: PartnerId, inputs = inputsFor(p), known: KnownIds = {}) {
  const client = await clientFor(p, s);
  const desired = partnerDesired(inputs);
  return verifyRows(desired, await client.observe(desired, { known, password: inputs.sipPassword }));
}

describe.each(PARTNERS)('%s through exotrunk\'s partner module', (p) => {
  it('applies from nothing, then a re-run sends nothing and verify is clean', async () => {
    const client = await clientFor(p, s);
    const inputs = inputsFor(p);
    const first = await applyPartner(client, inputs);
    expect(first.steps.map((x) => x.action)).toEqual(p === 'livekit' ? ['create', 'create', 'create'] : ['create']);
    expect(first.steps.every((x) => x.reason.endsWith('does not exist at ' + { livekit: 'LiveKit', elevenlabs: 'ElevenLabs', retell: 'Retell' }[p] + ' yet.'))).toBe(true);
    expect(count(p)).toBe(p === 'livekit' ? 3 : 1);

    const again = await applyPartner(client, inputs, first.ids);
    expect(again.steps).toEqual([]);
    const rows = await verify(p, inputs, first.ids);
    expect(rows.filter((r) => r.status === 'drift' || r.status === 'missing')).toEqual([]);
    // the password: compared where the partner returns it, said so where it does not
    const pw = rows.filter((r) => r.field.includes('password'));
    expect(pw.length).toBeGreaterThan(0);
    expect(pw.map((r) => r.status)).toEqual(pw.map(() => (p === 'livekit' ? 'ok' : 'not-comparable')));
  });

  it('an inbound-only and an outbound-only recipe each create only their side', async () => {
    const client = await clientFor(p, s);
    await applyPartner(client, inputsFor(p, 'outbound'));
    if (p === 'livekit') expect(s.livekit.state()).toMatchObject({ inbound: [], dispatchRules: [] });
    if (p === 'elevenlabs') expect(s.elevenlabs.state().numbers[0].inbound).toBeUndefined();
    if (p === 'retell') expect(s.retell.state().numbers[0].inbound_agents).toBeUndefined();
    s.livekit.reset();
    s.elevenlabs.reset();
    s.retell.reset();
    await applyPartner(client, inputsFor(p, 'inbound'));
    if (p === 'livekit') expect(s.livekit.state().outbound).toEqual([]);
    if (p === 'elevenlabs') expect(s.elevenlabs.state().numbers[0].outbound).toBeUndefined();
    if (p === 'retell') expect(s.retell.state().numbers[0].outbound_agents).toBeUndefined();
  });

  it('checks the agent exists before anything is created', async () => {
    const client = await clientFor(p, s);
    const good = await client.checkAgent(inputsFor(p));
    const missing: Record<string, string> = { livekit: { livekit_agent_name: 'missing' }, elevenlabs: { el_agent_id: 'agent_missing' }, retell: { retell_agent_id: 'agent_missing' } }[p];
    const bad = await client.checkAgent(inputsFor(p, 'both', missing));
    if (p === 'livekit') {
      expect(good).toMatchObject({ checked: false, agentId: 'exotel-agent' });
      expect(good.note).toContain('cannot be checked');
    } else {
      expect(good).toMatchObject({ checked: true, exists: true, agentId: 'agent_sandbox', name: 'Sandbox agent' });
      expect(bad).toMatchObject({ checked: true, exists: false, agentId: 'agent_missing' });
    }
    expect(count(p)).toBe(0);
  });

  it('tears down everything it made, found through the journal ids, and a second teardown is a no-op', async () => {
    const client = await clientFor(p, s);
    const { ids } = await applyPartner(client, inputsFor(p));
    const obs = await client.observe([], { known: ids });
    const steps = teardownSteps(obs);
    expect(steps.map((x) => x.kind)).toEqual(p === 'livekit' ? ['dispatch-rule', 'inbound-trunk', 'outbound-trunk'] : ['phone-number']);
    for (const step of steps) await client.execute(step, inputsFor(p), ids);
    expect(count(p)).toBe(0);
    expect(teardownSteps(await client.observe([], { known: ids }))).toEqual([]);
    // a delete whose resource is already gone (a re-run after a crash) is done, not an error
    for (const step of steps) await expect(client.execute(step, inputsFor(p), ids)).resolves.toMatchObject({ id: step.id });
  });

  it('moves to a new ExoPhone: the old resource (known by id) is removed, the new one created', async () => {
    const client = await clientFor(p, s);
    const first = await applyPartner(client, inputsFor(p));
    const moved = inputsFor(p);
    moved.did = '+918012345699';
    const second = await applyPartner(client, moved, first.ids);
    const actions = second.steps.map((x) => `${x.action} ${x.kind}`);
    if (p === 'livekit') {
      // trunks keep their names and are updated in place; the dispatch rule is named after the number
      expect(actions).toEqual(['delete dispatch-rule', 'update outbound-trunk', 'update inbound-trunk', 'create dispatch-rule']);
      expect(s.livekit.state().inbound[0].numbers).toEqual(['+918012345699', '08012345699', '8012345699']);
      expect(s.livekit.state().dispatchRules).toHaveLength(1);
    } else {
      expect(actions).toEqual(['delete phone-number', 'create phone-number']);
      expect(second.steps[0].reason).toContain('earlier run for other answers');
      expect(count(p)).toBe(1);
    }
    expect((await verify(p, moved, second.ids)).filter((r) => r.status === 'drift' || r.status === 'missing')).toEqual([]);
  });
});

describe('drift made through the partner\'s own SDK is found by verify and repaired', () => {
  it('LiveKit: outbound address, transport and password changed in the project', async () => {
    const client = await clientFor('livekit', s);
    const inputs = inputsFor('livekit');
    const { ids } = await applyPartner(client, inputs);
    const sip = new SipClient(s.livekit.url, s.livekit.apiKey, s.livekit.apiSecret);
    await sip.updateSipOutboundTrunkFields(ids['outbound-trunk']!, { address: 'in.voip.exotel.com:443', transport: 3, authPassword: 'typo-pass' } as never);
    const rows = await verify('livekit', inputs, ids);
    const drift = rows.filter((r) => r.status === 'drift');
    expect(drift.map((r) => r.field)).toEqual(['outbound address (Exotel edge host:port)', 'outbound transport (Exotel edge transport)', 'auth_password (digest password)']);
    expect(drift[0]).toMatchObject({ expected: 'in.voip.exotel.com:5070', actual: 'in.voip.exotel.com:443' });
    expect(JSON.stringify(rows)).not.toContain('typo-pass');
    expect(JSON.stringify(rows)).not.toContain(FIXTURE.password);

    const repair = await applyPartner(client, inputs, ids);
    expect(repair.steps).toHaveLength(1);
    expect(repair.steps[0]).toMatchObject({ action: 'update', kind: 'outbound-trunk', secrets: ['auth_password'] });
    expect(repair.steps[0].reason).toContain('address is in.voip.exotel.com:443, expected in.voip.exotel.com:5070');
    expect(s.livekit.state().outbound[0]).toMatchObject({ address: 'in.voip.exotel.com:5070', auth_password: FIXTURE.password });
    expect((await verify('livekit', inputs, ids)).filter((r) => r.status !== 'ok')).toEqual([]);
  });

  it('LiveKit: a dispatch rule re-pointed at another trunk is scoped back to exotrunk\'s inbound trunk', async () => {
    const client = await clientFor('livekit', s);
    const inputs = inputsFor('livekit');
    const { ids } = await applyPartner(client, inputs);
    const sip = new SipClient(s.livekit.url, s.livekit.apiKey, s.livekit.apiSecret);
    await sip.updateSipDispatchRuleFields(ids['dispatch-rule']!, { trunkIds: { set: ['ST_someoneelse'], add: [], remove: [], clear: false } as never });
    const drift = (await verify('livekit', inputs, ids)).filter((r) => r.status === 'drift');
    expect(drift).toMatchObject([{ field: 'scoped to the inbound trunk above', expected: ids['inbound-trunk'], actual: 'ST_someoneelse' }]);
    await applyPartner(client, inputs, ids);
    expect(s.livekit.state().dispatchRules[0]).toMatchObject({ trunk_ids: [ids['inbound-trunk']], room_config: { agents: [{ agent_name: 'exotel-agent' }] } });
  });

  it('ElevenLabs: label, outbound address and agent changed in the dashboard; the password re-set on request', async () => {
    const client = await clientFor('elevenlabs', s);
    const inputs = inputsFor('elevenlabs');
    const { ids } = await applyPartner(client, inputs);
    const el = new ElevenLabsClient({ apiKey: s.elevenlabs.apiKey, baseUrl: s.elevenlabs.url, maxRetries: 0 });
    await el.conversationalAi.phoneNumbers.update(ids['phone-number']!, { label: 'Renamed', outboundTrunkConfig: { address: 'in.voip.exotel.com:443', transport: 'tls', credentials: { username: 'someone', password: 'x' } } });
    const drift = (await verify('elevenlabs', inputs, ids)).filter((r) => r.status === 'drift').map((r) => r.field);
    // the dashboard edit left media encryption out: the stand-in then stores ElevenLabs' default, "allowed"
    expect(drift).toEqual([
      'label (recipe answer)',
      'outbound address (Exotel edge host:port)',
      'outbound transport (Exotel edge transport)',
      'outbound media encryption (recipe answer on TLS, else disabled)',
      'digest username (the Exotel trunk credential)',
    ]);
    const repair = await applyPartner(client, inputs, ids, { resendSecrets: true });
    expect(repair.steps).toMatchObject([{ action: 'update', secrets: ['outbound_trunk_config.password'] }]);
    expect(s.elevenlabs.state().numbers[0]).toMatchObject({ label: 'Exotel India', outbound: { address: 'in.voip.exotel.com:5070', username: FIXTURE.username, password: FIXTURE.password } });
  });

  it('Retell: termination URI and agent binding changed; the password cannot be compared, so it is re-sent only on request', async () => {
    const client = await clientFor('retell', s);
    const inputs = inputsFor('retell');
    const { ids } = await applyPartner(client, inputs);
    const rt = new Retell({ apiKey: s.retell.apiKey, baseURL: s.retell.url, maxRetries: 0 });
    await rt.phoneNumber.update(inputs.did, { termination_uri: 'in.voip.exotel.com:443', outbound_agents: null, auth_password: 'changed-by-hand' });
    const rows = await verify('retell', inputs, ids);
    expect(rows.filter((r) => r.status === 'drift').map((r) => r.field)).toEqual(['termination URI (Exotel edge host:port)', 'agent placing outbound calls (recipe answer)']);
    expect(rows.find((r) => r.field.includes('password'))).toMatchObject({ status: 'not-comparable' });
    const plain = await applyPartner(client, inputs, ids);
    expect(plain.steps[0].secrets).toBeUndefined();
    expect(s.retell.state().numbers[0].auth_password).toBe('changed-by-hand');
    await applyPartner(client, inputs, ids, { resendSecrets: true });
    expect(s.retell.state().numbers[0]).toMatchObject({ termination_uri: 'in.voip.exotel.com:5070', auth_password: FIXTURE.password, outbound_agents: [{ agent_id: 'agent_sandbox', weight: 1 }] });
  });
});

describe('duplicates and blockers', () => {
  it('LiveKit: a second trunk with exotrunk\'s name (an interrupted run) is removed; a stranger\'s trunk on the DID blocks', async () => {
    const client = await clientFor('livekit', s);
    const inputs = inputsFor('livekit', 'outbound');
    const { ids } = await applyPartner(client, inputs);
    const sip = new SipClient(s.livekit.url, s.livekit.apiKey, s.livekit.apiSecret);
    await sip.createSipOutboundTrunk(`Exotel ${inputs.trunkName}`, inputs.edge.hostport, [inputs.did], { transport: 2 });
    const desired = partnerDesired(inputs);
    const plan = planPartner(desired, await client.observe(desired, { known: ids }));
    expect(plan.steps).toMatchObject([{ action: 'delete', kind: 'outbound-trunk' }]);
    expect(plan.steps[0].id).not.toBe(ids['outbound-trunk']);
    expect(plan.steps[0].reason).toContain('interrupted run');

    await sip.createSipInboundTrunk('Hand-made', [inputs.did]);
    const both = inputsFor('livekit');
    const d2 = partnerDesired(both);
    const blocked = planPartner(d2, await client.observe(d2, { known: ids }));
    expect(blocked.blockers).toHaveLength(1);
    expect(blocked.blockers[0].message).toContain('"Hand-made"');
  });

  it('ElevenLabs: the DID already imported as a Twilio number blocks, naming it', async () => {
    const el = new ElevenLabsClient({ apiKey: s.elevenlabs.apiKey, baseUrl: s.elevenlabs.url, maxRetries: 0 });
    await el.conversationalAi.phoneNumbers.create({ provider: 'twilio', phoneNumber: FIXTURE.did, label: 'old', sid: 'AC1', token: 't' });
    const client = await clientFor('elevenlabs', s);
    const desired = partnerDesired(inputsFor('elevenlabs'));
    const plan = planPartner(desired, await client.observe(desired));
    expect(plan.blockers[0]).toMatchObject({ partner: 'elevenlabs', key: FIXTURE.did });
    expect(plan.blockers[0].message).toContain('twilio');
  });

  it('a step that needs the password refuses when it is not at hand, before sending', async () => {
    for (const p of PARTNERS) {
      const client = await clientFor(p, s);
      const inputs = { ...inputsFor(p, 'outbound'), sipPassword: undefined };
      const desired = partnerDesired(inputs);
      const plan = planPartner(desired, await client.observe(desired));
      const before = (p === 'livekit' ? s.livekit : p === 'elevenlabs' ? s.elevenlabs : s.retell).requests().length;
      await expect(client.execute(plan.steps[0], inputs, {})).rejects.toThrow(/needs the SIP digest password/);
      expect((p === 'livekit' ? s.livekit : p === 'elevenlabs' ? s.elevenlabs : s.retell).requests().length).toBe(before);
    }
  });
});

describe('secrets', () => {
  it('--verbose logs every call with secrets masked; no SIP password or API key in any line', async () => {
    for (const p of PARTNERS) {
      const lines: string[] = [];
      const client = await clientFor(p, s, { log: (l) => lines.push(l) });
      const { ids } = await applyPartner(client, inputsFor(p));
      await applyPartner(client, inputsFor(p), ids, { resendSecrets: true });
      const text = lines.join('\n');
      expect(lines.some((l) => l.startsWith(`> ${p} `))).toBe(true);
      expect(text).toContain('••••••••');
      for (const secret of [FIXTURE.password, s.livekit.apiSecret, s.elevenlabs.apiKey, s.retell.apiKey]) expect(text).not.toContain(secret);
    }
  });

  it('a refused call\'s error keeps the partner\'s words but never a key', async () => {
    const { openPartner } = await import('../../src/core/partners/client.js');
    const bad = await openPartner({ partner: 'elevenlabs', baseUrl: s.elevenlabs.url, apiKey: new Secret('sk_wrongwrongwrongwrongwrongwrongwrong') }, { maxAttempts: 1 });
    const e = (await bad.observe(partnerDesired(inputsFor('elevenlabs'))).catch((x: unknown) => x)) as Error & { why?: string; fix?: string };
    expect(e.message).toContain('Invalid API key');
    expect(e.message).toContain('HTTP 401');
    expect(e.fix).toContain('ELEVENLABS_API_KEY');
    expect(`${e.message} ${e.why} ${e.fix}`).not.toContain('sk_wrongwrong');
  });
});
