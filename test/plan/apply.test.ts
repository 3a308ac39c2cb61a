/**
 * apply against the sandbox with faults (lost answers, 429, 5xx, resets), interrupted by an AbortSignal at
 * every point, and "killed" mid-run (the engine thrown away, a new one on the same state file): every re-run
 * converges, and the sandbox never holds a duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DID, IP_A, IP_B, applyOnce, engineRig, expectNoDuplicates, losing, trunkByName, trunks, type EngineRig, type Round,
} from '../engine/helpers.js';

/** own PBX, both directions, IP destination, ACL + digest: every step kind of a fresh trunk (7 steps). */
const PBX = { direction: 'both', did: DID, pbx_ips: `${IP_A},${IP_B}`, pbx_host: IP_A, also_digest: 'yes', mix_approved: 'yes' };
const TRUNK_NAME = 'own_pbx';

let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** The sandbox holds exactly what PBX wants, once. */
function expectPbxComplete(r: EngineRig, password?: string) {
  expectNoDuplicates(r.sandbox);
  expect(trunks(r.sandbox)).toHaveLength(1);
  const t = trunkByName(r.sandbox, TRUNK_NAME)!;
  expect(t.numbers.map((n) => [n.phone_number, n.mode])).toEqual([[DID, 'pstn']]);
  expect(t.acl.map((a) => a.ip).sort()).toEqual([IP_A, IP_B].sort());
  expect(t.credentials.map((c) => c.user_name)).toEqual(['own_pbx_sip']);
  if (password) expect(t.credentials[0].password).toBe(password);
  expect(t.destinations.map((d) => d.destination)).toEqual([`sip:${IP_A}:5060;transport=tcp`]);
  expect(t.settings.map((s) => [s.name, s.value])).toEqual([['trunk_external_alias', DID]]);
}

const isTrunkExists = (round: Round) => round.result.failed.some((f) => /already exists at Exotel/.test(f.message));

/**
 * Re-run apply like a user would until it succeeds; when the trunk's create answer was lost (the API cannot
 * give the sid back), adopt it with --trunk-sid as the error says.
 */
async function applyUntilOk(r: EngineRig, maxRounds: number): Promise<{ rounds: Round[]; adopted: boolean }> {
  const rounds: Round[] = [];
  let trunkSid: string | undefined;
  let adopted = false;
  for (let i = 0; i < maxRounds; i++) {
    let round: Round;
    try {
      round = await applyOnce(r.newEngine(), 'own-pbx', {}, {}, { trunkSid });
    } catch (e) {
      // plan() reads the trunk; a read can still fail after the client's retries under heavy faults
      if (i === maxRounds - 1) throw e;
      continue;
    }
    rounds.push(round);
    if (round.result.ok) break;
    if (isTrunkExists(round)) {
      const f = round.result.failed.find((x) => x.stepId === 'trunk')!;
      expect(f.fix).toContain('--trunk-sid');
      trunkSid = trunkByName(r.sandbox, TRUNK_NAME)!.trunk.trunk_sid;
      adopted = true;
    }
  }
  return { rounds, adopted };
}

describe('apply with faults, then re-run', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: lost / 500 / 503 / reset / 429 faults converge without duplicates`, async () => {
      rig = await engineRig({ faults: 'lost:0.12,500:0.08,503:0.05,reset:0.05,429:0.05', seed });
      const engine = rig.newEngine();
      await applyOnce(engine, 'own-pbx', PBX).catch(() => undefined); // may fail part-way: that is the point
      const password = engine.previousSecrets('own-pbx').sip_password;
      const again = await applyUntilOk(rig, 6);
      // then without faults: whatever is left is finished by one more run
      rig.sandbox.setFaults(undefined);
      const last = await applyOnce(rig.newEngine(), 'own-pbx', {}, {}, { trunkSid: again.adopted ? trunkByName(rig.sandbox, TRUNK_NAME)?.trunk.trunk_sid : undefined });
      expect(last.result.failed).toEqual([]);
      expect(last.result.ok).toBe(true);
      expectPbxComplete(rig, password);
      const report = await rig.newEngine().verify('own-pbx');
      expect(report.items).toEqual([]);
      expect(rig.sandbox.requests().some((q) => q.fault && q.method === 'POST'), 'a write met a fault').toBe(true);
    });
  }

  it('a lost create-trunk answer stops with the explanation, and --trunk-sid adoption finishes the job', async () => {
    rig = await engineRig();
    const l = losing(rig.newEngine().client, ['createTrunk']);
    const engine = rig.newEngine(() => l.client);
    const round = await applyOnce(engine, 'own-pbx', PBX);
    expect(l.lost).toEqual(['createTrunk']);
    expect(round.result.ok).toBe(false);
    expect(isTrunkExists(round)).toBe(true);
    // the explanation names what happened here (a dropped answer), not a lost state file
    expect(round.result.failed[0].cause).toMatch(/connection dropped/);
    expect(round.events.filter((e) => e.type === 'skipped')).toHaveLength(round.plan.steps.length - 1);
    expect(trunks(rig.sandbox)).toHaveLength(1);
    // a plain re-run cannot learn the sid either: same explanation, still one trunk
    const rerun = await applyOnce(rig.newEngine(), 'own-pbx', {});
    expect(isTrunkExists(rerun)).toBe(true);
    expect(trunks(rig.sandbox)).toHaveLength(1);
    const sid = trunkByName(rig.sandbox, TRUNK_NAME)!.trunk.trunk_sid;
    const adopt = await applyOnce(rig.newEngine(), 'own-pbx', {}, {}, { trunkSid: sid });
    expect(adopt.plan.steps.some((s) => s.kind === 'create-trunk')).toBe(false);
    expect(adopt.result.ok).toBe(true);
    expect(rig.newEngine().run('own-pbx')!.trunkSid).toBe(sid);
    expectPbxComplete(rig, engine.previousSecrets('own-pbx').sip_password);
  });

  it('every sub-resource POST answer lost once: reconciled by reading, reported done, no duplicates', async () => {
    rig = await engineRig();
    const l = losing(rig.newEngine().client, ['mapNumber', 'whitelistIp', 'createCredential', 'addDestinations', 'setAlias']);
    const engine = rig.newEngine(() => l.client);
    const round = await applyOnce(engine, 'own-pbx', PBX);
    expect(round.result.failed).toEqual([]);
    expect(round.result.ok).toBe(true);
    expect(l.lost.sort()).toEqual(['addDestinations', 'createCredential', 'mapNumber', 'setAlias', 'whitelistIp']);
    expect(round.events.filter((e) => e.type === 'done')).toHaveLength(round.plan.steps.length);
    expectPbxComplete(rig, engine.previousSecrets('own-pbx').sip_password);
    // the journal recorded the ids it found by reading
    const run = engine.run('own-pbx')!;
    const t = trunkByName(rig.sandbox, TRUNK_NAME)!;
    expect(run.resources.numbers[DID].id).toBe(t.numbers[0].id);
    expect(Object.keys(run.resources.acl).sort()).toEqual([IP_A, IP_B].sort());
    expect(run.resources.credential?.userName).toBe('own_pbx_sip');
    expect(Object.keys(run.resources.destinations)).toEqual([`sip:${IP_A}:5060;transport=tcp`]);
    expect(run.resources.alias).toBe(DID);
  });
});
