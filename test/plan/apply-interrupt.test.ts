/**
 * apply interrupted: by an AbortSignal at every event, and by a "kill" after every API call (the engine is
 * thrown away, its answers never arrive, a new engine resumes from the same state file). Every resume
 * converges with zero duplicates and the same SIP password.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../src/core/engine/types.js';
import { DID, IP_A, IP_B, applyOnce, crashable, engineRig, expectNoDuplicates, inputsFor, trunkByName, trunks, type EngineRig } from '../engine/helpers.js';

const PBX = { direction: 'both', did: DID, pbx_ips: `${IP_A},${IP_B}`, pbx_host: IP_A, also_digest: 'yes', mix_approved: 'yes' };
const STEPS = 7; // trunk, number, 2 ACL, credential, destination, alias

let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function expectComplete(r: EngineRig, password: string) {
  expectNoDuplicates(r.sandbox);
  expect(trunks(r.sandbox)).toHaveLength(1);
  const t = trunkByName(r.sandbox, 'own_pbx')!;
  expect(t.numbers).toHaveLength(1);
  expect(t.acl).toHaveLength(2);
  expect(t.credentials.map((c) => [c.user_name, c.password])).toEqual([['own_pbx_sip', password]]);
  expect(t.destinations).toHaveLength(1);
  expect(t.settings).toHaveLength(1);
}

describe('apply interrupted by an AbortSignal, then re-run', () => {
  it('at every event of the run (and before it starts) the re-run finishes without duplicates', async () => {
    for (let k = 0; k <= 2 * STEPS; k++) {
      rig = await engineRig({ latencyMs: 1 });
      const engine = rig.newEngine();
      const inputs = inputsFor(engine, 'own-pbx', PBX);
      const password = inputs.sipPassword!.reveal();
      const { plan } = await engine.plan(inputs);
      expect(plan.steps).toHaveLength(STEPS);
      const ac = new AbortController();
      let seen = 0;
      if (k === 0) ac.abort();
      const events: ApplyEvent[] = [];
      const first = await engine.apply(plan, inputs, {
        signal: ac.signal,
        onEvent: (e) => {
          events.push(e);
          if (++seen === k) ac.abort();
        },
      });
      const interrupted = events.filter((e) => e.type === 'skipped' && e.reason === 'interrupted');
      // abort before the run or while the trunk is being created: everything after the trunk is skipped
      // (the trunk itself is "interrupted", the steps that need it are skipped for want of it)
      if (k <= 1) expect(events.filter((e) => e.type === 'skipped').length, `k=${k}`).toBe(k === 0 ? STEPS : STEPS - 1);
      if (k === 0) expect(rig.sandbox.requests(), 'nothing sent after an abort before the run').toEqual([]);
      expect(first.ok, `k=${k}`).toBe(interrupted.length === 0);
      if (!first.ok) expect(engine.run('own-pbx')!.appliedAt, `k=${k}`).toBeUndefined();
      // steps already running finish: nothing is left "running" and no step both done and skipped
      const finished = new Set(events.filter((e) => e.type === 'done' || e.type === 'exists' || e.type === 'skipped').map((e) => e.stepId));
      expect(finished.size, `k=${k}`).toBe(STEPS);

      const resume = await applyOnce(rig.newEngine(), 'own-pbx', {});
      expect(resume.result.failed, `k=${k}`).toEqual([]);
      expect(resume.result.ok, `k=${k}`).toBe(true);
      expect(resume.inputs.sipPassword!.reveal(), `k=${k}: same password on resume`).toBe(password);
      expectComplete(rig, password);
      expect((await applyOnce(rig.newEngine(), 'own-pbx', {})).plan.steps, `k=${k}`).toEqual([]);
      await rig.close();
      rig = undefined;
    }
  });
});

describe('apply killed mid-run, resumed by a new engine on the same state file', () => {
  it('after every API call of the run', async () => {
    for (let k = 1; k <= STEPS; k++) {
      rig = await engineRig();
      const dying = crashable(rig.newEngine().client, k);
      const a = rig.newEngine(() => dying.client);
      const inputs = inputsFor(a, 'own-pbx', PBX);
      const password = inputs.sipPassword!.reveal();
      const { plan } = await a.plan(inputs);
      void a.apply(plan, inputs); // never settles once the client is dead: a killed process
      while (!dying.dead()) await new Promise((r) => setTimeout(r, 1));
      await dying.settled(); // what was sent has reached the sandbox
      // a killed process's lock names a pid that is gone, so the next process takes it over (lock.test.ts);
      // in this one process, the dead engine gives it back
      a.lock.release();

      const b = rig.newEngine();
      let resume = await applyOnce(b, 'own-pbx', {});
      if (k === 1) {
        // the trunk's create answer never came back: the sid is unknown and the API cannot look it up
        expect(resume.result.failed.map((f) => f.stepId)).toEqual(['trunk']);
        expect(resume.result.failed[0].fix).toContain('--trunk-sid');
        resume = await applyOnce(b, 'own-pbx', {}, {}, { trunkSid: trunkByName(rig.sandbox, 'own_pbx')!.trunk.trunk_sid });
      }
      expect(resume.result.failed, `k=${k}`).toEqual([]);
      expect(resume.result.ok, `k=${k}`).toBe(true);
      expect(resume.inputs.sipPassword!.reveal(), `k=${k}`).toBe(password);
      expectComplete(rig, password);
      const report = await rig.newEngine().verify('own-pbx');
      expect(report.items, `k=${k}`).toEqual([]);
      await rig.close();
      rig = undefined;
    }
  });
});
