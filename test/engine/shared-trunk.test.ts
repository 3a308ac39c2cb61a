/**
 * One trunk, two recipes of the same journal: --trunk-sid never adopts another run's trunk, and a teardown never
 * deletes a trunk another run still uses (a journal written before the refusal existed can hold such a pair).
 * A trunk adopted under another name than the answers give needs the user's confirmation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, InputError } from '../../src/core/errors.js';
import { Secret } from '../../src/core/secret.js';
import { StateStore, newRun } from '../../src/core/journal/state-store.js';
import { planView } from '../../src/present/plan.js';
import { tornDownLines } from '../../src/present/teardown.js';
import { DID, applyOnce, engineRig, inputsFor, trunks, type EngineRig } from './helpers.js';

let rig: EngineRig;
let sid: string;
const LIVEKIT = { direction: 'both', did: DID, livekit_subdomain: 'abc123', sip_username: 'lkuser' };
const RETELL = { direction: 'outbound', did: '+918012345679', retell_agent_id: 'agent_sandbox', sip_username: 'rtuser' };

beforeEach(async () => {
  rig = await engineRig();
  const r = await applyOnce(rig.newEngine(), 'livekit', LIVEKIT);
  expect(r.result.ok).toBe(true);
  sid = r.result.trunkSid!;
});
afterEach(async () => rig.close());

describe('--trunk-sid of a trunk another recipe here set up', () => {
  it('is refused with exit 2, naming the recipe, before any request', async () => {
    const engine = rig.newEngine();
    const before = rig.sandbox.requests().length;
    const inputs = inputsFor(engine, 'retell', RETELL, {}, { trunkSid: sid });
    const e = await engine.plan(inputs).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).exitCode).toBe(EXIT.usage);
    expect((e as InputError).message).toContain(`Trunk ${sid} is livekit's trunk`);
    expect((e as InputError).message).toContain('nothing was sent');
    expect(rig.sandbox.requests().length).toBe(before);
  });

  it('its own trunk is not "another run\'s": re-running livekit with its own sid plans nothing new', async () => {
    const engine = rig.newEngine();
    const { plan } = await engine.plan(inputsFor(engine, 'livekit', {}, {}, { trunkSid: sid }));
    expect(plan.steps).toEqual([]);
  });
});

describe('teardown of a run whose trunk another run still uses', () => {
  it('keeps the trunk and the other run\'s credential, deletes only its own credential, and forgets the run', async () => {
    const engine = rig.newEngine();
    const made = await engine.client.createCredential(sid, { userName: 'rtuser', password: new Secret('Rt-Password-123456') });
    if (made.outcome !== 'created') throw new Error('credential not created');
    new StateStore(rig.statePath).update('sandbox', 'retell', () => newRun({ recipeId: 'retell', target: 'sandbox', accountSid: engine.accountSid, region: 'in', direction: 'outbound', trunkName: 'livekit', answers: RETELL }), (r) => {
      r.trunkSid = sid;
      r.resources.credential = { id: made.data.id, userName: 'rtuser' };
      r.appliedAt = new Date().toISOString();
    });
    const fresh = rig.newEngine();
    const plan = await fresh.planTeardown('retell');
    expect(plan.steps.map((s) => s.id)).toEqual(['delete-credential:rtuser']);
    expect(plan.keptFor).toEqual(['livekit']);
    expect(plan.warnings.join(' ')).toContain(`Trunk ${sid} stays: livekit uses it too.`);
    const r = await fresh.teardown(plan);
    expect(r).toMatchObject({ ok: true, trunkSid: sid, deletedCredentials: ['rtuser'], keptFor: ['livekit'] });
    const [trunk] = trunks(rig.sandbox);
    expect(trunks(rig.sandbox)).toHaveLength(1);
    expect(trunk.credentials.map((c) => c.user_name)).toEqual(['lkuser']);
    expect(fresh.run('retell')?.tornDownAt).toBeTruthy();
    expect((await rig.newEngine().verify('livekit')).inSync).toBe(true);
    const [head, ...rest] = tornDownLines({ recipeId: 'retell', trunkSid: sid, deleted: r.deletedCredentials, partner: 'Retell AI', direction: 'outbound', keptFor: r.keptFor });
    expect(head).toBe(`✓ retell torn down: credential rtuser deleted; trunk ${sid} kept, since livekit uses it too.`);
    expect(rest.join('\n')).not.toContain('reaches nothing');
  });
});

describe('a trunk adopted under another name', () => {
  it('asks for confirmation (plan.confirm), shown first among the plan\'s warnings', async () => {
    const engine = rig.newEngine();
    const other = await engine.client.createTrunk({ trunkName: 'other1' });
    if (other.outcome !== 'created') throw new Error('trunk not created');
    const { plan } = await engine.plan(inputsFor(engine, 'retell', RETELL, {}, { trunkSid: other.data.trunkSid }));
    expect(plan.confirm).toEqual([`Trunk ${other.data.trunkSid} is named other1, not retell: check that it is the trunk you mean; the journal records other1, since no Exotel API renames a trunk.`]);
    expect(planView(plan).warnings[0]).toBe(plan.confirm![0]);
  });
});
