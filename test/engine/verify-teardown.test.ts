/**
 * verify on each kind of drift, apply repairing what the API can, and teardown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import type { Engine } from '../../src/core/engine/engine.js';
import { desiredState } from '../../src/core/plan/desired.js';
import { observeTrunk } from '../../src/core/plan/observe.js';
import { compare } from '../../src/core/plan/verify.js';
import { DID, IP_B, applyOnce, engineRig, expectNoDuplicates, trunkByName, trunks, type EngineRig, tearDown } from './helpers.js';

let rig: EngineRig;
let engine: Engine;
let sid: string;
const LIVEKIT = { direction: 'both', did: DID, livekit_subdomain: 'abc123' };
const DEST = 'sip:abc123.india.sip.livekit.cloud:5061;transport=tls';

beforeEach(async () => {
  rig = await engineRig();
  engine = rig.newEngine();
  const r = await applyOnce(engine, 'livekit', LIVEKIT);
  expect(r.result.ok).toBe(true);
  sid = r.result.trunkSid!;
});
afterEach(async () => rig.close());

async function repair() {
  const r = await applyOnce(rig.newEngine(), 'livekit', {});
  expect(r.result.failed).toEqual([]);
  expect(r.result.ok).toBe(true);
  return r;
}

describe('verify', () => {
  it('in sync right after apply; every resource checked', async () => {
    const report = await engine.verify('livekit');
    expect(report.inSync).toBe(true);
    expect(report.trunkSid).toBe(sid);
    expect([...new Set(report.checked.map((c) => c.resource))].sort()).toEqual(['alias', 'credential', 'destination', 'number', 'trunk']);
    // the trunk record itself: exists, name, status, domain, auth type, NSO code, and the three settings shown
    expect(report.checked.filter((c) => c.resource === 'trunk')).toHaveLength(9);
    expect(report.trunk).toMatchObject({ trunkSid: sid, status: 'active', secureTrunking: 'disabled', registrationEnabled: 'disabled', edgePreference: 'auto', nsoCode: 'ANY-ANY' });
    expect(report.checked.every((c) => c.ok)).toBe(true);
    // verify with no recipe id picks the only applied run
    expect((await engine.verify()).recipeId).toBe('livekit');
  });

  it('credential deleted behind its back → missing credential; apply re-creates it with the kept password', async () => {
    const password = engine.previousSecrets('livekit').sip_password;
    const [cred] = await engine.client.listCredentials(sid);
    await engine.client.deleteCredential(sid, cred.id!);
    const report = await engine.verify('livekit');
    expect(report.inSync).toBe(false);
    expect(report.items).toEqual([expect.objectContaining({ kind: 'missing', resource: 'credential', key: 'livekit_sip', repair: 'apply' })]);
    const r = await repair();
    expect(r.plan.steps.map((s) => s.kind)).toEqual(['create-credential']);
    expect(trunkByName(rig.sandbox, 'livekit')!.credentials.map((c) => [c.user_name, c.password])).toEqual([['livekit_sip', password]]);
    expect((await engine.verify('livekit')).inSync).toBe(true);
  });

  it('number mode changed with setNumberMode → different number; apply sets it back', async () => {
    const [n] = await engine.client.listNumbers(sid);
    await engine.client.setNumberMode(sid, n.id, { phoneNumber: DID, mode: 'flow' });
    const report = await engine.verify('livekit');
    expect(report.items).toEqual([expect.objectContaining({ kind: 'different', resource: 'number', key: DID, expected: 'mode pstn', actual: 'mode flow', repair: 'apply' })]);
    const r = await repair();
    expect(r.plan.steps.map((s) => s.kind)).toEqual(['set-number-mode']);
    expect(trunkByName(rig.sandbox, 'livekit')!.numbers.map((x) => x.mode)).toEqual(['pstn']);
    expect((await engine.verify('livekit')).inSync).toBe(true);
  });

  it('unexpected destination and ACL entry → dashboard items; apply leaves them and lists them as manual', async () => {
    await engine.client.addDestinations(sid, ['other.example.com:5061;transport=tls']);
    await engine.client.whitelistIp(sid, { ip: IP_B, mask: 32 });
    const report = await engine.verify('livekit');
    expect(report.inSync).toBe(false);
    const items = report.items.map((i) => [i.kind, i.resource, i.repair]);
    expect(items).toEqual(expect.arrayContaining([['unexpected', 'acl', 'dashboard'], ['unexpected', 'destination', 'dashboard']]));
    expect(report.items).toHaveLength(2);
    const r = await repair();
    expect(r.plan.steps).toEqual([]);
    expect(r.plan.manual.join('\n')).toContain(IP_B);
    expect(r.plan.manual.join('\n')).toContain('other.example.com');
    expectNoDuplicates(rig.sandbox);
  });

  it('the wanted destination replaced by another → one "different" item, not missing + unexpected', async () => {
    const inputs = engine.inputsFromState(engine.run('livekit')!);
    const desired = desiredState(inputs);
    const observed = await observeTrunk(engine.client, sid, DID);
    const swapped = { ...observed, destinations: [{ id: '9', destination: 'sip:old.example.com:5061;transport=tls' }] };
    const r = compare(desired, swapped, 'livekit', DID);
    expect(r.items).toEqual([expect.objectContaining({ kind: 'different', resource: 'destination', key: DEST, actual: 'sip:old.example.com:5061;transport=tls', repair: 'apply' })]);
    expect(r.items[0].how).toContain('dashboard');
  });

  it('alias unknown to the journal → missing alias (the API has no read)', async () => {
    const inputs = engine.inputsFromState(engine.run('livekit')!);
    const observed = await observeTrunk(engine.client, sid, null);
    const r = compare(desiredState(inputs), observed, 'livekit', null);
    expect(r.items).toEqual([expect.objectContaining({ kind: 'missing', resource: 'alias', expected: DID, repair: 'apply' })]);
  });

  it('an unexpected credential → item with the command that deletes it', async () => {
    const { Secret } = await import('../../src/core/secret.js');
    await engine.client.createCredential(sid, { userName: 'intruder', password: new Secret('Another-Passw0rd-123456') });
    const report = await engine.verify('livekit');
    expect(report.items).toEqual([expect.objectContaining({ kind: 'unexpected', resource: 'credential', key: 'intruder' })]);
    expect(report.items[0].how).toContain(`--trunk-sid ${sid}`);
  });

  it('trunk deleted → missing trunk; apply creates a new one and journals the new sid', async () => {
    const [cred] = await engine.client.listCredentials(sid);
    await engine.client.deleteCredential(sid, cred.id!);
    await engine.client.deleteTrunk(sid);
    const report = await engine.verify('livekit');
    expect(report.items).toEqual([expect.objectContaining({ kind: 'missing', resource: 'trunk', key: sid, repair: 'apply' })]);
    const r = await repair();
    expect(r.plan.steps[0].kind).toBe('create-trunk');
    const now = trunkByName(rig.sandbox, 'livekit')!.trunk.trunk_sid;
    expect(now).not.toBe(sid);
    expect(rig.newEngine().run('livekit')!.trunkSid).toBe(now);
    expect((await rig.newEngine().verify('livekit')).inSync).toBe(true);
    expectNoDuplicates(rig.sandbox);
  });
});

describe('teardown', () => {
  it('deletes the credentials, then the trunk; the state records tornDownAt; the secrets entry goes', async () => {
    const secretsPath = join(rig.dir, 'secrets.json');
    expect(JSON.parse(readFileSync(secretsPath, 'utf8'))['sandbox/livekit'].sip_password).toBeTruthy();
    const down = await tearDown(engine, 'livekit');
    expect(down).toMatchObject({ ok: true, trunkSid: sid, deletedCredentials: ['livekit_sip'] });
    expect(down.events.filter((e) => e.type !== 'started').map((e) => `${e.type}:${e.stepId}`)).toEqual(['done:delete-credential:livekit_sip', `done:delete-trunk:${sid}`]);
    expect(trunks(rig.sandbox)).toEqual([]);
    const deleted = rig.sandbox.state().accounts.enginetest1.deleted;
    expect(deleted.credentials.map((c) => c.user_name)).toEqual(['livekit_sip']);
    expect(deleted.trunks.map((t) => t.trunk.trunk_sid)).toEqual([sid]);
    const run = rig.newEngine().run('livekit')!;
    expect(run.tornDownAt).toBeDefined();
    expect(run.trunkSid).toBeUndefined();
    expect(existsSync(secretsPath) ? JSON.parse(readFileSync(secretsPath, 'utf8'))['sandbox/livekit'] : undefined).toBeUndefined();
    // verify / teardown again: nothing applied any more
    await expect(rig.newEngine().verify('livekit')).rejects.toBeInstanceOf(UserError);
    await expect(tearDown(rig.newEngine(), 'livekit')).rejects.toBeInstanceOf(UserError);
    expect(rig.newEngine().runs()).toEqual([]);
  });

  it('a trunk already gone is reported as such, and teardown still completes', async () => {
    const [cred] = await engine.client.listCredentials(sid);
    await engine.client.deleteCredential(sid, cred.id!);
    await engine.client.deleteTrunk(sid);
    const events: string[] = [];
    const down = await tearDown(rig.newEngine(), 'livekit', { onEvent: (e) => events.push(`${e.type}:${e.stepId}`) });
    expect(down.deletedCredentials).toEqual([]);
    // a delete whose resource is already gone has nothing to do: "exists", as a create that finds its item
    expect(events).toEqual([`started:delete-trunk:${sid}`, `exists:delete-trunk:${sid}`]);
    expect(rig.newEngine().run('livekit')!.tornDownAt).toBeDefined();
  });

  it('apply after teardown builds a fresh trunk under the same name', async () => {
    await tearDown(engine, 'livekit');
    const r = await applyOnce(rig.newEngine(), 'livekit', LIVEKIT);
    expect(r.result.ok).toBe(true);
    expect(r.plan.steps[0].kind).toBe('create-trunk');
    expect(trunks(rig.sandbox)).toHaveLength(1);
    expect(rig.newEngine().run('livekit')!.tornDownAt).toBeUndefined();
    expect((await rig.newEngine().verify('livekit')).inSync).toBe(true);
  });
});
