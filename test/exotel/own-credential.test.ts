/**
 * Exotel's own credential (seed 000 "Get Credentials": username = the trunk sid, a password Exotel generated):
 * the main recipes, each direction that uses digest or not, with the sandbox's --auto-credentials off, on in seed
 * 000's pair shape and on in the list shape. verify calls it Exotel's, not drift; teardown leaves it to the
 * trunk's deletion; the configs carry the recipe's credential, or Exotel's when sip_credential=exotel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AutoCredentials } from '../../src/sandbox/server.js';
import { CASES } from '../recipes/answer-sets.js';
import { ACCOUNT, DID, applyOnce, engineRig, trunkByName, type EngineRig, tearDown } from '../engine/helpers.js';

let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const MAIN = ['livekit', 'elevenlabs', 'retell', 'own-pbx'];
const cases = CASES.filter((c) => MAIN.includes(c.recipe) && c.direction !== 'inbound');

/** --set strings from an answer case */
function sets(c: (typeof CASES)[number], name: string): Record<string, string> {
  const out: Record<string, string> = { direction: c.direction, trunk_name: name, did: DID };
  for (const [k, v] of Object.entries(c.answers)) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

const MODES: (AutoCredentials | undefined)[] = [undefined, 'pair', 'list'];

describe.each(MODES)('auto credentials %s: the recipe keeps its own credential', (mode) => {
  it.each(cases.map((c) => [`${c.recipe} ${c.direction}`, c] as const))('%s', async (_label, c) => {
    rig = await engineRig(mode ? { autoCredentials: mode } : {});
    const engine = rig.newEngine();
    const name = `${c.recipe.replace(/-/g, '')}_${c.direction.slice(0, 3)}`.slice(0, 16);
    const r = await applyOnce(engine, c.recipe, sets(c, name), { EXOTRUNK_SIP_PASSWORD: 'Recipe-Pw-77-alpha-Q' });
    expect(r.result.failed, JSON.stringify(r.result.failed)).toEqual([]);
    const sid = r.result.trunkSid!;
    const t = trunkByName(rig.sandbox, name)!;
    const own = t.credentials.filter((x) => x.user_name === sid);
    expect(own.length).toBe(mode ? 1 : 0);

    const report = await engine.verify(c.recipe);
    expect(report.items, JSON.stringify(report.items)).toEqual([]);
    expect(report.inSync).toBe(true);
    if (mode) {
      expect(report.checked.some((k) => k.resource === 'credential' && k.key.startsWith(`${sid} (Exotel's own`))).toBe(true);
      expect(report.notes?.join(' ')).toContain(`credential Exotel generated (username ${sid})`);
    }

    // the configs carry the recipe's credential when digest is used, never Exotel's
    const text = engine.render(r.inputs).map((o) => o.content).join('\n');
    if (c.auth === 'digest' || c.auth === 'both') {
      expect(text).toContain('Recipe-Pw-77-alpha-Q');
      expect(text).toContain(r.inputs.sipUsername);
    }
    if (own[0]) expect(text).not.toContain(own[0].password);

    // re-planning changes nothing: Exotel's credential is not something to repair
    const again = await applyOnce(rig.newEngine(), c.recipe, sets(c, name), { EXOTRUNK_SIP_PASSWORD: 'Recipe-Pw-77-alpha-Q' });
    expect(again.plan.steps).toEqual([]);
    expect(again.plan.manual).toEqual([]);

    const down = await tearDown(engine, c.recipe);
    expect(down.deletedCredentials).not.toContain(sid);
    const deleted = rig.sandbox.state().accounts[ACCOUNT].deleted.credentials.map((x) => x.user_name);
    expect(deleted).not.toContain(sid);
  });
});

describe("sip_credential=exotel: the configs carry Exotel's own credential", () => {
  const digest = cases.filter((c) => c.auth === 'digest');

  it.each(digest.map((c) => [`${c.recipe} ${c.direction}`, c] as const))('%s (pair shape: the password comes from the API)', async (_label, c) => {
    rig = await engineRig({ autoCredentials: 'pair' });
    const engine = rig.newEngine();
    const name = `${c.recipe}_exo`.slice(0, 16);
    const r = await applyOnce(engine, c.recipe, { ...sets(c, name), sip_credential: 'exotel' });
    expect(r.result.failed, JSON.stringify(r.result.failed)).toEqual([]);
    expect(r.plan.steps.map((s) => s.kind)).not.toContain('create-credential');
    const sid = r.result.trunkSid!;
    const t = trunkByName(rig.sandbox, name)!;
    expect(t.credentials.map((x) => x.user_name)).toEqual([sid]);
    const password = t.credentials[0].password;

    const text = engine.render(r.inputs).map((o) => o.content).join('\n');
    expect(text).toContain(sid);
    expect(text).toContain(password);

    // kept in the 0600 secrets file under its own key, never in the journal; a later process re-renders it
    expect(engine.previousSecrets(c.recipe).exotel_sip_password).toBe(password);
    expect(JSON.stringify(engine.run(c.recipe))).not.toContain(password);
    const later = rig.newEngine();
    const again = later.render(later.inputsFromState(later.requireRun(c.recipe))).map((o) => o.content).join('\n');
    expect(again).toContain(password);

    const report = await later.verify(c.recipe);
    expect(report.inSync).toBe(true);
    expect(report.checked.find((k) => k.resource === 'credential')?.key).toContain("Exotel's own, used by the partner configs");

    await tearDown(later, c.recipe);
    expect(rig.sandbox.state().accounts[ACCOUNT].deleted.credentials).toEqual([]);
  });

  it('list shape: Exotel lists its credential without the password, so apply fails and says what to do', async () => {
    rig = await engineRig({ autoCredentials: 'list' });
    const engine = rig.newEngine();
    const c = digest.find((x) => x.recipe === 'livekit')!;
    const r = await applyOnce(engine, 'livekit', { ...sets(c, 'lk_list'), sip_credential: 'exotel' });
    expect(r.result.ok).toBe(false);
    expect(r.result.failed).toHaveLength(1);
    expect(r.result.failed[0].message).toMatch(/does not return its password/);
    expect(r.result.failed[0].fix).toContain('sip_credential=recipe');
    expect(() => engine.render(r.inputs)).toThrow(/Exotel's own credential/);
  });

  it("without --auto-credentials there is no Exotel credential to use: apply fails naming the trunk", async () => {
    rig = await engineRig();
    const engine = rig.newEngine();
    const c = digest.find((x) => x.recipe === 'retell')!;
    const r = await applyOnce(engine, 'retell', { ...sets(c, 'rt_none'), sip_credential: 'exotel' });
    expect(r.result.ok).toBe(false);
    expect(r.result.failed[0].message).toContain(`Trunk ${r.result.trunkSid} has no credential of Exotel's own`);
  });

  it('a failed switch of a working setup to sip_credential=exotel is not journaled: verify keeps the credential in use, render works', async () => {
    rig = await engineRig();
    const c = digest.find((x) => x.recipe === 'retell')!;
    const first = await applyOnce(rig.newEngine(), 'retell', sets(c, 'rt_switch'));
    expect(first.result.ok).toBe(true);
    const switched = await applyOnce(rig.newEngine(), 'retell', { sip_credential: 'exotel' });
    expect(switched.result.ok).toBe(false);
    const later = rig.newEngine();
    const run = later.requireRun('retell');
    expect(run.answers.sip_credential ?? 'recipe').toBe('recipe');
    const report = await later.verify('retell');
    expect(report.items).toEqual([]);
    expect(report.inSync).toBe(true);
    const text = later.render(later.inputsFromState(run)).map((o) => o.content).join('\n');
    expect(text).toContain(later.previousSecrets('retell').sip_password);
  });
});
