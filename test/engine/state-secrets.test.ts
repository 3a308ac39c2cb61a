/**
 * The state journal and the secrets file on disk; a trunk name that exists while the state has no sid;
 * --trunk-sid adoption; retry notices attributed to the right step.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { Secret } from '../../src/core/secret.js';
import { STATE_VERSION, StateStore } from '../../src/core/journal/state-store.js';
import { DID, applyOnce, engineRig, expectNoDuplicates, inputsFor, trunkByName, trunks, type EngineRig } from './helpers.js';

let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});
const mode = (p: string) => statSync(p).mode & 0o777;
const LIVEKIT = { direction: 'both', did: DID, livekit_subdomain: 'abc123' };

describe('state journal and secrets file', () => {
  it('state is 0600, schema-versioned, and holds neither the SIP password nor the API token; secrets file is 0600', async () => {
    rig = await engineRig();
    const engine = rig.newEngine();
    const r = await applyOnce(engine, 'livekit', LIVEKIT);
    expect(r.result.ok).toBe(true);
    const password = r.inputs.sipPassword!.reveal();
    const text = readFileSync(rig.statePath, 'utf8');
    expect(mode(rig.statePath)).toBe(0o600);
    const json = JSON.parse(text);
    expect(json.version).toBe(STATE_VERSION);
    const run = json.runs['sandbox/livekit'];
    expect(run).toMatchObject({ recipeId: 'livekit', target: 'sandbox', trunkName: 'livekit', trunkSid: r.result.trunkSid, direction: 'both' });
    expect(run.resources.credential).toMatchObject({ userName: 'livekit_sip' });
    expect(text).not.toContain(password);
    expect(text).not.toContain('sip_password');
    expect(text.toLowerCase()).not.toContain('apitoken');
    const secretsPath = join(rig.dir, 'secrets.json');
    expect(mode(secretsPath)).toBe(0o600);
    expect(JSON.parse(readFileSync(secretsPath, 'utf8'))['sandbox/livekit'].sip_password).toBe(password);
  });

  it('a re-run keeps the stored password, and refuses a different one for an existing credential (rotate instead)', async () => {
    rig = await engineRig();
    const first = await applyOnce(rig.newEngine(), 'livekit', LIVEKIT);
    const again = inputsFor(rig.newEngine(), 'livekit', LIVEKIT);
    expect(again.sipPassword!.reveal()).toBe(first.inputs.sipPassword!.reveal());
    expect(() => inputsFor(rig!.newEngine(), 'livekit', LIVEKIT, { EXOTRUNK_SIP_PASSWORD: 'Another-Password-123456' })).toThrow(/already exists at Exotel with the password exotrunk created it with/);
    try {
      inputsFor(rig.newEngine(), 'livekit', LIVEKIT, { EXOTRUNK_SIP_PASSWORD: 'Another-Password-123456' });
    } catch (e) {
      expect((e as UserError).fix).toMatch(/credentials rotate livekit/);
      expect((e as UserError).exitCode).toBe(2);
    }
  });

  it('a secret answer of a recipe (Rapida API key) never reaches the state file', async () => {
    rig = await engineRig();
    const r = await applyOnce(rig.newEngine(), 'rapida', { direction: 'both', path: 'sip', did: DID, rapida_assistant_id: '42' });
    expect(r.result.ok).toBe(true);
    const native = await applyOnce(rig.newEngine(), 'rapida', { path: 'native' }, { EXOTRUNK_RAPIDA_API_KEY: 'rpd-Very-Secret-Key-99' });
    expect(native.result.ok).toBe(true);
    const text = readFileSync(rig.statePath, 'utf8');
    expect(text).not.toContain('rpd-Very-Secret-Key-99');
    expect(text).not.toContain(r.inputs.sipPassword!.reveal());
  });

  it('refuses a state file of another schema version, or damaged, with a fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-state-'));
    const p = join(dir, 'state.json');
    writeFileSync(p, JSON.stringify({ version: STATE_VERSION + 1, runs: {} }));
    expect(() => new StateStore(p)).toThrow(/schema version 2/);
    writeFileSync(p, '{not json');
    expect(() => new StateStore(p)).toThrow(UserError);
    writeFileSync(p, JSON.stringify({ version: STATE_VERSION, runs: { 'sandbox/x': { recipeId: 1 } } }));
    expect(() => new StateStore(p)).toThrow(/damaged/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a trunk name that already exists', () => {
  it('stops with the explanation when the state has no sid, and --trunk-sid adoption works', async () => {
    rig = await engineRig();
    const engine = rig.newEngine();
    const made = await engine.client.createTrunk({ trunkName: 'livekit' });
    expect(made.outcome).toBe('created');
    const sid = made.outcome === 'created' ? made.data.trunkSid : '';

    const r = await applyOnce(engine, 'livekit', LIVEKIT);
    expect(r.result.ok).toBe(false);
    expect(r.result.failed).toHaveLength(1);
    const f = r.result.failed[0];
    expect(f.stepId).toBe('trunk');
    expect(f.message).toContain('A trunk named livekit already exists');
    expect(f.cause).toContain('cannot list trunks');
    expect(f.fix).toContain('exotrunk apply livekit --trunk-sid <sid>');
    expect(r.result.events.filter((e) => e.type === 'skipped').map((e) => e.stepId).sort()).toEqual(r.plan.steps.slice(1).map((s) => s.id).sort());
    expect(trunks(rig.sandbox)).toHaveLength(1);

    const adopted = await applyOnce(rig.newEngine(), 'livekit', {}, {}, { trunkSid: sid });
    expect(adopted.plan.trunkSid).toBe(sid);
    expect(adopted.plan.steps.map((s) => s.kind).sort()).toEqual(['add-destination', 'create-credential', 'map-number', 'set-alias']);
    expect(adopted.result.ok).toBe(true);
    expect(rig.newEngine().run('livekit')!.trunkSid).toBe(sid);
    expect(trunks(rig.sandbox)).toHaveLength(1);
    expectNoDuplicates(rig.sandbox);
    // from now on the journal knows it: a plain re-run plans nothing
    expect((await applyOnce(rig.newEngine(), 'livekit', {})).plan.steps).toEqual([]);
  });

  it('an adopted trunk that already has the credential, password unknown: refused instead of rendering a wrong one', async () => {
    rig = await engineRig();
    const engine = rig.newEngine();
    const made = await engine.client.createTrunk({ trunkName: 'livekit' });
    const sid = made.outcome === 'created' ? made.data.trunkSid : '';
    await engine.client.createCredential(sid, { userName: 'livekit_sip', password: new Secret('Somebody-Elses-Pass-123') });
    await expect(applyOnce(rig.newEngine(), 'livekit', LIVEKIT, {}, { trunkSid: sid })).rejects.toThrow(/does not know its password/);
    // given the password, it goes ahead (and keeps it for re-renders)
    const r = await applyOnce(rig.newEngine(), 'livekit', LIVEKIT, { EXOTRUNK_SIP_PASSWORD: 'Somebody-Elses-Pass-123' }, { trunkSid: sid });
    expect(r.result.ok).toBe(true);
    expect(r.plan.steps.map((x) => x.kind)).not.toContain('create-credential');
    expect(rig.newEngine().previousSecrets('livekit').sip_password).toBe('Somebody-Elses-Pass-123');
  });

  it('--trunk-sid of a trunk that does not exist is refused before anything is sent', async () => {
    rig = await engineRig();
    const engine = rig.newEngine();
    const inputs = inputsFor(engine, 'livekit', LIVEKIT, {}, { trunkSid: 'trmum1doesnotexist0000000000' });
    await expect(engine.plan(inputs)).rejects.toThrow(/does not exist/);
    expect(rig.sandbox.requests().filter((q) => q.method !== 'GET')).toEqual([]);
  });
});

describe('retry notices', () => {
  it('429 answers (seeded) are reported as retrying events on the step whose call was retried', async () => {
    rig = await engineRig({ faults: '429:0.3', seed: 3 });
    const r = await applyOnce(rig.newEngine(), 'own-pbx', { direction: 'both', did: DID, pbx_ips: '44.248.146.11,52.66.10.20', pbx_host: 'pbx.example.com' });
    expect(r.result.failed).toEqual([]);
    expect(r.result.ok).toBe(true);
    const retrying = r.events.filter((e) => e.type === 'retrying');
    expect(retrying.length).toBeGreaterThan(0);
    // every retry made inside a step came out as that step's event, in order
    const inSteps = rig.retries.filter((x) => x.stepId);
    expect(retrying.map((e) => e.stepId)).toEqual(inSteps.map((x) => x.stepId));
    expect(retrying.every((e) => e.type === 'retrying' && /429/.test(e.reason) && e.attempt >= 2)).toBe(true);
    // and the call retried belongs to that step
    const pathOf: Record<string, RegExp> = { trunk: /\/trunks$/, number: /\/phone-numbers/, acl: /\/whitelisted-ips/, destination: /\/destination-uris/, alias: /\/settings/ };
    for (const x of inSteps) expect(x.path, x.stepId).toMatch(pathOf[x.stepId!.split(':')[0]]);
    // each retrying event falls between its step's started and its end
    for (const e of retrying) {
      const i = r.events.indexOf(e);
      const started = r.events.findIndex((x) => x.type === 'started' && x.stepId === e.stepId);
      const ended = r.events.findIndex((x) => (x.type === 'done' || x.type === 'exists') && x.stepId === e.stepId);
      expect(started).toBeLessThan(i);
      expect(ended).toBeGreaterThan(i);
    }
    expectNoDuplicates(rig.sandbox);
    expect(trunkByName(rig.sandbox, 'own_pbx')!.acl).toHaveLength(2);
  });
});
