/**
 * Both sides in one engine (issue 17), in-process: the Exotel sandbox and the partner stand-ins on loopback,
 * the engine as both front ends use it. For LiveKit, ElevenLabs and Retell: one plan holds both sides (partner
 * steps after the Exotel steps they need, each with its reason); apply makes both; verify compares them and
 * finds drift on either side, which apply repairs; teardown removes the partner side first. Bad input (an agent
 * the partner does not have, a key in the wrong shape, a plain-http URL) stops before any Exotel call.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SipClient } from 'livekit-server-sdk';
import Retell from 'retell-sdk';
import { PhoneNumbersClient } from '@elevenlabs/elevenlabs-js/api/resources/conversationalAi/resources/phoneNumbers/client/Client.js';
import { EXIT, UserError } from '../../src/core/errors.js';
import type { Engine } from '../../src/core/engine/engine.js';
import { rotateAtPartner } from '../../src/core/engine/partner-side.js';
import { finishRotation, startRotation } from '../../src/core/engine/rotate.js';
import type { ApplyEvent, Plan } from '../../src/core/engine/types.js';
import type { PartnerId } from '../../src/core/partners/types.js';
import { partnerEnv, startPartnerStandIns, type PartnerStandIns } from '../../src/sandbox/partners/index.js';
import { ACCOUNT, DID, applyOnce, engineRig, expectNoDuplicates, inputsFor, trunkByName, type EngineRig } from '../engine/helpers.js';
import { FAST } from './helpers.js';

const PW = 'Pw-partner-e2e-Q7x9-long';
const ANSWERS: Record<PartnerId, Record<string, string>> = {
  livekit: { livekit_subdomain: 'abc123xyz', livekit_agent_name: 'exotel-agent' },
  elevenlabs: { el_agent_id: 'agent_sandbox' },
  retell: { retell_agent_id: 'agent_sandbox' },
};
const set = (p: PartnerId, name: string, did = DID) => ({ direction: 'both', trunk_name: name, did, sip_username: `${name}_user`, ...ANSWERS[p] });
const DID2 = '+918012345679';
const ENV = { EXOTRUNK_SIP_PASSWORD: PW };

let rig: EngineRig;
let s: PartnerStandIns;
beforeAll(async () => {
  s = await startPartnerStandIns({ seed: 17 });
});
afterAll(async () => {
  await s?.close();
});
afterEach(async () => {
  await rig?.close();
  s.livekit.reset();
  s.elevenlabs.reset();
  s.retell.reset();
});

function engine(env: Record<string, string> = partnerEnv(s)): Engine {
  return rig.newEngine(undefined, { partners: { env, call: FAST } });
}

/** what each stand-in holds: resource counts and the stored SIP password(s) */
function partnerState(p: PartnerId): { count: number; passwords: (string | undefined)[]; usernames: string[] } {
  if (p === 'livekit') {
    const st = s.livekit.state();
    return {
      count: st.outbound.length + st.inbound.length + st.dispatchRules.length,
      passwords: st.outbound.map((t) => t.auth_password as string | undefined),
      usernames: st.outbound.map((t) => String(t.auth_username ?? '')),
    };
  }
  if (p === 'elevenlabs') {
    const st = s.elevenlabs.state();
    return { count: st.numbers.length, passwords: st.numbers.map((n) => n.outbound?.password), usernames: st.numbers.map((n) => n.outbound?.username ?? '') };
  }
  const st = s.retell.state();
  return { count: st.numbers.length, passwords: st.numbers.map((n) => n.auth_password), usernames: st.numbers.map((n) => n.auth_username ?? '') };
}

const EXPECTED_COUNT: Record<PartnerId, number> = { livekit: 3, elevenlabs: 1, retell: 1 };
const partnerSteps = (plan: Plan) => plan.steps.filter((st) => st.side === 'partner');

/** Change something at the partner behind exotrunk's back, through the partner's own SDK. */
async function partnerDrift(p: PartnerId, engineRun: { partner?: { ids: Record<string, string> } }): Promise<void> {
  const ids = engineRun.partner!.ids;
  if (p === 'livekit') {
    const sip = new SipClient(s.livekit.url, s.livekit.apiKey, s.livekit.apiSecret);
    await sip.updateSipOutboundTrunkFields(ids['outbound-trunk'], { address: 'in.voip.exotel.com:5071' } as never);
  } else if (p === 'elevenlabs') {
    const numbers = new PhoneNumbersClient({ baseUrl: s.elevenlabs.url, apiKey: s.elevenlabs.apiKey });
    await numbers.update(ids['phone-number'], { outboundTrunkConfig: { address: 'in.voip.exotel.com:5071', transport: 'tcp', mediaEncryption: 'disabled' } });
  } else {
    const retell = new Retell({ apiKey: s.retell.apiKey, baseURL: s.retell.url });
    await retell.phoneNumber.update(DID, { termination_uri: 'in.voip.exotel.com:5071' });
  }
}

describe.each(['livekit', 'elevenlabs', 'retell'] as PartnerId[])('%s: both sides', (p) => {
  it('apply makes both sides in one plan; verify compares them; a re-plan is empty', async () => {
    rig = await engineRig();
    const e = engine();
    const r = await applyOnce(e, p, set(p, `${p}_a`), ENV);
    expect(r.result.failed).toEqual([]);
    expect(r.result.ok).toBe(true);
    const steps = partnerSteps(r.plan);
    expect(steps.length).toBe(EXPECTED_COUNT[p]);
    for (const st of steps) {
      expect(st.reason.length).toBeGreaterThan(10);
      // every partner resource waits for the trunk; one that carries the credential waits for it too
      expect(st.dependsOn).toContain('trunk');
    }
    const credentialCarriers = steps.filter((st) => st.kind === 'partner:create' && (p !== 'livekit' || st.title.includes('outbound')));
    for (const st of credentialCarriers) expect(st.dependsOn).toContain('credential');
    // the partner side holds the password the Exotel credential has
    const st = partnerState(p);
    expect(st.count).toBe(EXPECTED_COUNT[p]);
    expect(st.passwords).toEqual([PW]);
    expect(st.usernames).toEqual([`${p}_a_user`]);
    expect(trunkByName(rig.sandbox, `${p}_a`)!.credentials.map((c) => c.password)).toEqual([PW]);
    const run = e.run(p)!;
    expect(Object.keys(run.partner!.ids).length).toBe(EXPECTED_COUNT[p]);
    expect(JSON.stringify(run)).not.toContain(PW);

    const rep = await e.verify(p);
    expect(rep.partner, JSON.stringify(rep.partner?.cross, null, 1)).toMatchObject({ partner: p, inSync: true });
    expect(rep.inSync).toBe(true);
    const checks = rep.partner!.cross.map((c) => c.check);
    expect(checks).toEqual(expect.arrayContaining(['digest username', 'outbound address (Exotel edge)', 'numbers (E.164)', "destination URI → partner's SIP host", 'agent binding']));
    expect(rep.partner!.cross.some((c) => c.check.startsWith('digest password'))).toBe(true);
    expect(rep.partner!.notes.join(' ')).toMatch(/password/i);

    const again = await e.plan(inputsFor(e, p, set(p, `${p}_a`), ENV));
    expect(again.plan.steps, JSON.stringify(again.plan.steps, null, 1)).toEqual([]);
    expect(again.plan.inSync.some((x) => x.includes(p === 'livekit' ? 'LiveKit' : p === 'elevenlabs' ? 'ElevenLabs' : 'Retell'))).toBe(true);
  });

  it('drift at the partner: verify names it (side partner), apply repairs it', async () => {
    rig = await engineRig();
    const e = engine();
    await applyOnce(e, p, set(p, `${p}_b`), ENV);
    await partnerDrift(p, e.run(p)!);
    const rep = await e.verify(p);
    expect(rep.inSync).toBe(false);
    expect(rep.items).toEqual([]); // Exotel is fine
    const row = rep.partner!.cross.find((c) => c.check === 'outbound address (Exotel edge)')!;
    expect(row).toMatchObject({ status: 'drift', side: 'partner' });
    expect(row.partner).toContain('5071');
    const fixed = await applyOnce(e, p, set(p, `${p}_b`), ENV);
    expect(partnerSteps(fixed.plan).map((st) => st.kind)).toEqual(['partner:update']);
    expect(fixed.plan.steps.filter((st) => st.side === 'exotel')).toEqual([]);
    expect(fixed.result.ok).toBe(true);
    expect((await e.verify(p)).inSync).toBe(true);
  });

  it('drift at Exotel (the credential deleted): verify names it (side exotel); apply recreates it and sends its password to the partner', async () => {
    rig = await engineRig();
    const e = engine();
    await applyOnce(e, p, set(p, `${p}_c`), ENV);
    const run = e.run(p)!;
    await e.client.deleteCredential(run.trunkSid!, run.resources.credential!.id!);
    const rep = await e.verify(p);
    expect(rep.inSync).toBe(false);
    expect(rep.items.map((i) => i.resource)).toContain('credential');
    expect(rep.partner!.cross.find((c) => c.check === 'digest username')).toMatchObject({ status: 'missing', side: 'exotel' });
    const fixed = await applyOnce(e, p, set(p, `${p}_c`), ENV);
    expect(fixed.plan.steps.map((st) => st.kind)).toContain('create-credential');
    // the new credential's password goes to the partner again, after the credential exists
    const resend = partnerSteps(fixed.plan);
    expect(resend.length).toBeGreaterThan(0);
    for (const st of resend) expect(st.dependsOn).toContain('credential');
    expect(fixed.result.ok).toBe(true);
    expect(partnerState(p).passwords).toEqual([PW]);
    expect((await e.verify(p)).inSync).toBe(true);
  });

  it('teardown deletes the partner side first, then the Exotel credential and trunk', async () => {
    rig = await engineRig();
    const e = engine();
    await applyOnce(e, p, set(p, `${p}_d`), ENV);
    const plan = await e.planTeardown(p);
    const partner = partnerSteps(plan);
    expect(partner.length).toBe(EXPECTED_COUNT[p]);
    expect(plan.steps.slice(0, partner.length).every((st) => st.side === 'partner')).toBe(true);
    for (const st of plan.steps.filter((x) => x.side === 'exotel')) for (const ps of partner) expect(st.dependsOn).toContain(ps.id);
    const r = await e.teardown(plan);
    expect(r.ok).toBe(true);
    const order = r.events.filter((ev) => ev.type === 'done').map((ev) => ev.stepId);
    expect(order.indexOf(`delete-trunk:${r.trunkSid}`)).toBe(order.length - 1);
    expect(partnerState(p).count).toBe(0);
    expect(trunkByName(rig.sandbox, `${p}_d`)).toBeUndefined();
  });

  it('an agent the partner does not have (or a key it refuses) stops the plan before any Exotel call', async () => {
    if (p === 'livekit') {
      rig = await engineRig();
      // LiveKit's API cannot list agent workers: its plan says so instead
      const { plan } = await engine().plan(inputsFor(engine(), p, set(p, `${p}_e`), ENV));
      expect(plan.warnings.join(' ')).toMatch(/cannot be checked/);
      const bad = engine({ ...partnerEnv(s), LIVEKIT_API_SECRET: 'wrong-secret' });
      const err = await bad.plan(inputsFor(bad, p, set(p, `${p}_e`), ENV)).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).exitCode).toBe(EXIT.usage);
      expect(String((err as Error).message)).not.toContain('wrong-secret');
    } else {
      rig = await engineRig();
      const e = engine();
      const answers = { ...set(p, `${p}_e`), [p === 'elevenlabs' ? 'el_agent_id' : 'retell_agent_id']: 'agent_doesnotexist' };
      const err = await e.plan(inputsFor(e, p, answers, ENV)).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).exitCode).toBe(EXIT.usage);
      expect((err as Error).message).toContain('agent_doesnotexist');
    }
    expect(rig.sandbox.requests()).toEqual([]);
    expect(partnerState(p).count).toBe(0);
  });
});

describe('credentials are checked before anything is sent', () => {
  it('a key in the wrong shape or a plain-http URL is an InputError naming the variable, never its value', async () => {
    rig = await engineRig();
    const cases: [PartnerId, Record<string, string>, RegExp][] = [
      ['retell', { RETELL_API_KEY: 'sk_not_a_retell_key_0000' }, /RETELL_API_KEY/],
      ['elevenlabs', { ELEVENLABS_API_KEY: 'key_wrongshape00000000000000' }, /ELEVENLABS_API_KEY/],
      ['livekit', { LIVEKIT_URL: 'http://abc.livekit.cloud' }, /LIVEKIT_URL .*https/],
    ];
    for (const [p, over, re] of cases) {
      const env = { ...partnerEnv(s), ...over };
      const e = engine(env);
      const err = await e.plan(inputsFor(e, p, set(p, `${p}_f`), ENV)).catch((x: unknown) => x);
      expect((err as UserError).exitCode, p).toBe(EXIT.usage);
      expect(`${(err as UserError).message} ${(err as UserError).why}`, p).toMatch(re);
      for (const v of Object.values(over)) expect(JSON.stringify({ m: (err as Error).message, w: (err as UserError).why, d: (err as UserError).details })).not.toContain(v.replace(/^https?:\/\//, 'zz'));
    }
    expect(rig.sandbox.requests()).toEqual([]);
    expect(s.livekit.requests()).toEqual([]);
    expect(s.elevenlabs.requests()).toEqual([]);
    expect(s.retell.requests()).toEqual([]);
  });

  it('without partner credentials (or with EXOTRUNK_PARTNER_API=off) nothing changes: Exotel only, configs to paste', async () => {
    rig = await engineRig();
    for (const env of [{}, { ...partnerEnv(s), EXOTRUNK_PARTNER_API: 'off' }]) {
      const e = engine(env);
      const { plan } = await e.plan(inputsFor(e, 'retell', set('retell', 'retell_g'), ENV));
      expect(plan.steps.every((st) => st.side === 'exotel')).toBe(true);
    }
    expect(s.retell.requests()).toEqual([]);
  });
});

describe('what the partner side must not touch, and a partner side left without its credentials', () => {
  it('a hand-made LiveKit inbound trunk already taking the number stops the plan before anything is sent', async () => {
    rig = await engineRig();
    const sip = new SipClient(s.livekit.url, s.livekit.apiKey, s.livekit.apiSecret);
    await sip.createSipInboundTrunk('my own trunk', [DID], { allowedAddresses: ['35.154.174.161/32'] } as never);
    const e = engine();
    const err = await e.plan(inputsFor(e, 'livekit', set('livekit', 'livekit_k'), ENV)).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).details?.join(' ')).toMatch(/"my own trunk" .* already takes calls for \+918012345678/);
    expect(rig.sandbox.requests()).toEqual([]);
    expect(s.livekit.state().outbound).toEqual([]);
  });

  it('a teardown that knows partner resources but has no partner credentials stops (exit 2); EXOTRUNK_PARTNER_API=off leaves them, said', async () => {
    rig = await engineRig();
    await applyOnce(engine(), 'retell', set('retell', 'retell_t'), ENV);
    const bare = engine({});
    // verify without the credentials: the Exotel side, and a note that the partner side was not checked
    const rep = await bare.verify('retell');
    expect(rep.partner).toBeUndefined();
    expect(rep.notes?.join(' ')).toMatch(/The Retell side \(\+918012345678 at 127\.0\.0\.1:\d+\) was not checked: RETELL_API_KEY is not set/);
    const err = await bare.planTeardown('retell').catch((x: unknown) => x);
    expect((err as UserError).exitCode).toBe(EXIT.usage);
    expect((err as Error).message).toMatch(/Retell resources made by exotrunk .*nothing was deleted/);
    const off = engine({ EXOTRUNK_PARTNER_API: 'off' });
    const plan = await off.planTeardown('retell');
    expect(plan.steps.every((st) => st.side === 'exotel')).toBe(true);
    expect(plan.warnings.join(' ')).toMatch(/stay; delete them in Retell by hand/);
    expect(s.retell.state().numbers).toHaveLength(1);
  });
});

describe('the partner side lives where the journal says', () => {
  it('variables pointing at another LiveKit project stop apply, verify and teardown (exit 2), naming both hosts', async () => {
    rig = await engineRig();
    await applyOnce(engine(), 'livekit', set('livekit', 'livekit_m'), ENV);
    const other = await startPartnerStandIns({ seed: 18 });
    try {
      const e = engine({ ...partnerEnv(s), LIVEKIT_URL: other.livekit.url });
      for (const attempt of [() => e.plan(inputsFor(e, 'livekit', set('livekit', 'livekit_m'), ENV)), () => e.verify('livekit'), () => e.planTeardown('livekit')]) {
        const err = await attempt().catch((x: unknown) => x);
        expect((err as UserError).exitCode).toBe(EXIT.usage);
        expect((err as Error).message).toContain(new URL(other.livekit.url).host);
        expect((err as Error).message).toContain(new URL(s.livekit.url).host);
      }
      expect(other.livekit.requests()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe("Exotel's own credential (sip_credential=exotel)", () => {
  it('the partner gets the trunk sid as username and the password read from Exotel, after the trunk exists', async () => {
    rig = await engineRig({ autoCredentials: 'pair' });
    const e = engine();
    const r = await applyOnce(e, 'retell', { ...set('retell', 'retell_x'), sip_credential: 'exotel' }, ENV);
    expect(r.result.failed).toEqual([]);
    const step = r.plan.steps.find((st) => st.side === 'partner')!;
    expect(step.dependsOn).toContain('trunk');
    const trunk = trunkByName(rig.sandbox, 'retell_x')!;
    const own = trunk.credentials.find((c) => c.user_name === trunk.trunk.trunk_sid)!;
    const n = s.retell.state().numbers[0];
    expect(n.auth_username).toBe(trunk.trunk.trunk_sid);
    expect(n.auth_password).toBe(own.password);
    expect((await e.verify('retell')).inSync).toBe(true);
    expect((await e.plan(inputsFor(e, 'retell', { ...set('retell', 'retell_x'), sip_credential: 'exotel' }, ENV))).plan.steps).toEqual([]);
  });
});

describe('credentials rotate', () => {
  it.each(['livekit', 'elevenlabs', 'retell'] as PartnerId[])('%s: the new credential goes to the partner through its API, then the old one can go', async (p) => {
    rig = await engineRig();
    const e = engine();
    await applyOnce(e, p, set(p, `${p}_r`, p === 'livekit' ? '+918012345661' : p === 'elevenlabs' ? '+918012345662' : '+918012345663'), ENV);
    await e.hold(); // as the rotate command does: it writes the journal
    const r = await startRotation(e, p, 'Rotated-Passw0rd-long-enough');
    // between the two steps the partner still has the old credential: verify says so, naming the partner's side
    const mid = await e.verify(p);
    expect(mid.partner!.cross.find((c) => c.check === 'digest username')).toMatchObject({ side: 'partner' });
    const pushed = await rotateAtPartner(e, p);
    expect(pushed?.ok).toBe(true);
    expect(partnerState(p).usernames).toEqual([r.created.userName]);
    expect(partnerState(p).passwords).toEqual(['Rotated-Passw0rd-long-enough']);
    expect(await finishRotation(e, r)).toBe(true);
    expect((await e.verify(p)).inSync).toBe(true);
    e.lock.release();
  });
});

describe('convergence', () => {
  it('a lost answer on a partner create is looked up, never sent twice; a re-run after a failure converges', async () => {
    rig = await engineRig();
    const e = engine();
    // the import's answer is lost after Retell applied it: the lookup finds it, the step says so
    const inputs = inputsFor(e, 'retell', set('retell', 'retell_h'), ENV);
    const { plan } = await e.plan(inputs);
    s.retell.injectNext('lost');
    const events: ApplyEvent[] = [];
    const r = await e.apply(plan, inputs, { onEvent: (ev) => events.push(ev) });
    expect(r.ok).toBe(true);
    expect(s.retell.state().numbers).toHaveLength(1);
    expect(s.retell.requests().filter((q) => q.path === '/import-phone-number')).toHaveLength(1);
    const imported = events.find((ev) => ev.stepId.startsWith('retell:create') && ev.type !== 'started');
    expect(imported).toMatchObject({ type: 'exists' });
    // LiveKit: its create fails for good (500 on every try): the Exotel side is done, the partner step failed
    s.livekit.setFaults('500:1');
    const lk = await applyOnce(e, 'livekit', set('livekit', 'livekit_h', DID2), ENV).catch((x: unknown) => x);
    s.livekit.setFaults(undefined);
    expect(lk).toBeInstanceOf(Error); // the partner reads before the plan fail (retries exhausted)
    const done = await applyOnce(e, 'livekit', set('livekit', 'livekit_h', DID2), ENV);
    expect(done.result.ok).toBe(true);
    expect(s.livekit.state().outbound).toHaveLength(1);
    expect(s.livekit.state().inbound).toHaveLength(1);
    expect(s.livekit.state().dispatchRules).toHaveLength(1);
    expectNoDuplicates(rig.sandbox);
    expect(Object.keys(rig.sandbox.state().accounts[ACCOUNT].trunks)).toHaveLength(2);
  });
});
