/**
 * The journal under attack (docs/audits/reliability-2026-11-29.md): two writers of one state file, the
 * state directory's lock, damaged files, a resumed apply that finds its work already done, rotation names.
 * Each test names the report row it turns into a test; each failed before its fix.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, InputError, UserError } from '../../src/core/errors.js';
import { StateLock, parseLockTimeout, readHolder } from '../../src/core/journal/lock.js';
import { StateStore, newRun } from '../../src/core/journal/state-store.js';
import { SecretsStore } from '../../src/core/journal/secrets-store.js';
import { nextUserName, startRotation, finishRotation } from '../../src/core/engine/rotate.js';
import { DID, IP_A, applyOnce, crashable, engineRig, inputsFor, trunkByName, type EngineRig } from './helpers.js';

let rig: EngineRig | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'exotrunk-journal-'));
  dirs.push(d);
  return d;
};
const LIVEKIT = { direction: 'both', did: DID, livekit_subdomain: 'abc123' };
const run = (recipeId: string) => newRun({ recipeId, target: 'sandbox', accountSid: 'a', region: 'in', direction: 'both', trunkName: recipeId, answers: {} });

describe('two writers of one state file (rows 1, 2, 4)', () => {
  it('each write reads the file again and replaces one run: neither recipe is lost', () => {
    const p = join(temp(), 'state.json');
    // two processes, each with the file as it was when it started
    const a = new StateStore(p);
    const b = new StateStore(p);
    a.update('sandbox', 'own-pbx', () => run('own-pbx'), (r) => void (r.trunkSid = 'trmum1aaa'));
    b.update('sandbox', 'livekit', () => run('livekit'), (r) => void (r.trunkSid = 'trmum1bbb'));
    a.update('sandbox', 'own-pbx', () => run('own-pbx'), (r) => void (r.resources.acl['44.248.146.11'] = '1153'));
    const onDisk = JSON.parse(readFileSync(p, 'utf8')).runs;
    expect(Object.keys(onDisk).sort()).toEqual(['sandbox/livekit', 'sandbox/own-pbx']);
    expect(onDisk['sandbox/livekit'].trunkSid).toBe('trmum1bbb');
    expect(onDisk['sandbox/own-pbx']).toMatchObject({ trunkSid: 'trmum1aaa', resources: { acl: { '44.248.146.11': '1153' } } });
  });

  it('a change lands on the run as the file holds it now: extra numbers added meanwhile survive an apply step (row 4)', () => {
    const p = join(temp(), 'state.json');
    const applying = new StateStore(p);
    const numbers = new StateStore(p);
    applying.update('sandbox', 'livekit', () => run('livekit'), (r) => void (r.trunkSid = 'trmum1ccc'));
    numbers.update('sandbox', 'livekit', () => run('livekit'), (r) => void (r.extraNumbers['+918012340001'] = 'pstn'));
    applying.update('sandbox', 'livekit', () => run('livekit'), (r) => void (r.appliedAt = 'now'));
    expect(new StateStore(p).get('sandbox', 'livekit')).toMatchObject({ trunkSid: 'trmum1ccc', appliedAt: 'now', extraNumbers: { '+918012340001': 'pstn' } });
  });

  it('a reader sees what another process wrote since it opened the file', () => {
    const p = join(temp(), 'state.json');
    const reader = new StateStore(p);
    new StateStore(p).update('sandbox', 'retell', () => run('retell'), () => {});
    expect(reader.get('sandbox', 'retell')?.recipeId).toBe('retell');
  });

  it('secrets.json: two writers keep both recipes\' passwords', () => {
    const p = join(temp(), 'secrets.json');
    const a = new SecretsStore(p);
    const b = new SecretsStore(p);
    a.set('sandbox', 'own-pbx', { sip_password: 'Pw-own-pbx-1234567' });
    b.set('sandbox', 'livekit', { sip_password: 'Pw-livekit-1234567' });
    expect(JSON.parse(readFileSync(p, 'utf8'))).toEqual({ 'sandbox/own-pbx': { sip_password: 'Pw-own-pbx-1234567' }, 'sandbox/livekit': { sip_password: 'Pw-livekit-1234567' } });
  });

  it('an engine writes the journal only under the state directory\'s lock', async () => {
    rig = await engineRig();
    const e = rig.newEngine();
    expect(() => e.recordAlias('livekit', DID)).toThrow();
    await applyOnce(e, 'livekit', LIVEKIT); // apply takes the lock for its own writes (the wizard's way)
    expect(e.lock.held).toBe(false);
    expect(() => e.store.update(e.target, 'livekit', () => e.run('livekit')!, () => {})).toThrow(/without its lock/);
  });
});

describe('the state directory lock (rows 1–4, 23)', () => {
  it('a second writer fails at once naming the holder; with a timeout it waits, says so, and gets the lock when freed', async () => {
    const dir = temp();
    const first = new StateLock(dir, { command: 'exotrunk apply livekit' });
    await first.acquire();
    const holder = readHolder(join(dir, 'exotrunk.lock'));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'exotrunk apply livekit' });
    expect(Date.parse(holder!.startedAt)).toBeGreaterThan(Date.now() - 60_000);

    const e = await new StateLock(dir, { command: 'exotrunk teardown livekit' }).acquire().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).exitCode).toBe(EXIT.failed);
    expect((e as Error).message).toContain(`exotrunk apply livekit (pid ${process.pid} on ${hostname()}`);
    expect((e as UserError).fix).toContain('--lock-timeout');

    const notices: string[] = [];
    const second = new StateLock(dir, { command: 'exotrunk teardown livekit', timeoutMs: 5000, onNotice: (l) => notices.push(l) });
    const t0 = Date.now();
    setTimeout(() => first.release(), 300);
    await second.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/waiting up to 5 s for exotrunk apply livekit/);
    expect(readHolder(join(dir, 'exotrunk.lock'))?.command).toBe('exotrunk teardown livekit');
    second.release();
    expect(existsSync(join(dir, 'exotrunk.lock'))).toBe(false);
  });

  it('a wait is bounded: after the timeout, exit 1 naming the holder', async () => {
    const dir = temp();
    const first = new StateLock(dir, { command: 'exotrunk apply retell' });
    await first.acquire();
    const e = await new StateLock(dir, { command: 'x', timeoutMs: 300 }).acquire().catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/still locked after waiting 300 ms: exotrunk apply retell/);
    first.release();
  });

  it('the lock of a process that is gone is taken over, with a message; a reused pid is not mistaken for the holder', async () => {
    const dir = temp();
    const path = join(dir, 'exotrunk.lock');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    writeFileSync(path, JSON.stringify({ pid: deadPid, host: hostname(), command: 'exotrunk apply livekit', startedAt: new Date().toISOString(), id: 'old1' }));
    const notices: string[] = [];
    const lock = new StateLock(dir, { command: 'exotrunk apply livekit', onNotice: (l) => notices.push(l) });
    await lock.acquire();
    expect(notices.join('\n')).toMatch(new RegExp(`Took over the lock .* from exotrunk apply livekit \\(pid ${deadPid} .*no longer running`));
    lock.release();

    if (process.platform === 'linux') {
      // the parent of this process is alive, but its start time is not the one recorded: another program now
      writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), command: 'exotrunk apply livekit', startedAt: new Date().toISOString(), id: 'old2', procStart: 1 }));
      const l2 = new StateLock(dir, { command: 'x', onNotice: (l) => notices.push(l) });
      await l2.acquire();
      expect(notices.at(-1)).toMatch(/belongs to another program/);
      l2.release();
    }
    // a live holder (this process's parent, start time unknown) is respected
    writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), command: 'exotrunk apply livekit', startedAt: new Date().toISOString(), id: 'old3' }));
    await expect(new StateLock(dir, { command: 'x' }).acquire()).rejects.toThrow(/is locked/);
    rmSync(path);
  });

  it('another machine\'s lock is never guessed stale: the error says which file to delete', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'exotrunk.lock'), JSON.stringify({ pid: 1, host: 'elsewhere.example', command: 'exotrunk apply retell', startedAt: new Date().toISOString(), id: 'x' }));
    const e = (await new StateLock(dir, { command: 'x' }).acquire().catch((x: unknown) => x)) as UserError;
    expect(e.message).toContain('on elsewhere.example');
    expect(e.fix).toContain(`delete ${join(dir, 'exotrunk.lock')}`);
  });

  it('two takers of one stale lock: exactly one gets it', async () => {
    const dir = temp();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'exotrunk.lock'), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), command: 'old', startedAt: '', id: 'stale' }));
    const a = new StateLock(dir, { command: 'a' });
    const b = new StateLock(dir, { command: 'b' });
    const r = await Promise.allSettled([a.acquire(), b.acquire()]);
    expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f !== 'exotrunk.lock')).toEqual([]); // no temp or stale files left
    a.release();
    b.release();
  });

  it('--lock-timeout reads as Terraform\'s: seconds, or a unit', () => {
    expect(parseLockTimeout('0')).toBe(0);
    expect(parseLockTimeout('30')).toBe(30_000);
    expect(parseLockTimeout('500ms')).toBe(500);
    expect(parseLockTimeout('5m')).toBe(300_000);
    expect(parseLockTimeout('1.5s')).toBe(1500);
    expect(parseLockTimeout('soon')).toBeNaN();
    expect(parseLockTimeout('-1')).toBeNaN();
    expect(parseLockTimeout('100h')).toBeNaN();
  });
});

describe('damaged files (rows 14, 15)', () => {
  it('a schema version of the wrong type gets a message that makes sense', () => {
    const p = join(temp(), 'state.json');
    writeFileSync(p, JSON.stringify({ version: '1', runs: {} }));
    expect(() => new StateStore(p)).toThrow(/a schema version that is not a number \("1"\); this exotrunk reads version 1/);
  });

  it.each([
    ['null', 'null', /holds null/],
    ['a list', '[]', /holds a list/],
    ['cut short', '{"sandbox/own-pbx": {"sip_pass', /not valid JSON/],
    ['empty', '', /is empty/],
    ['a bad entry', '{"sandbox/x": 5}', /entry "sandbox\/x"/],
  ])('secrets.json holding %s is a clear error, never read as empty', (_, text, why) => {
    const p = join(temp(), 'secrets.json');
    writeFileSync(p, text);
    const s = new SecretsStore(p);
    expect(() => s.get('sandbox', 'own-pbx')).toThrow(why);
    expect(() => s.set('sandbox', 'livekit', { sip_password: 'x' })).toThrow(UserError);
    expect(readFileSync(p, 'utf8')).toBe(text); // never silently replaced
  });

  it('a writing command moves a damaged secrets file aside, names it, and stops before any request', async () => {
    rig = await engineRig();
    writeFileSync(join(rig.dir, 'secrets.json'), '{"sandbox/own-pbx": {"sip_password": "Pw-lost-if-overwri');
    const e = rig.newEngine();
    const err = (await e.hold().catch((x: unknown) => x)) as UserError;
    expect(err).toBeInstanceOf(UserError);
    const aside = readdirSync(rig.dir).find((f) => f.startsWith('secrets.json.damaged-'));
    expect(aside).toBeDefined();
    expect(err.fix).toContain(join(rig.dir, aside!));
    expect(readFileSync(join(rig.dir, aside!), 'utf8')).toContain('Pw-lost-if-overwri');
    expect(rig.sandbox.requests()).toEqual([]);
    e.lock.release();
    // the next run starts without it
    expect((await applyOnce(rig.newEngine(), 'livekit', LIVEKIT)).result.ok).toBe(true);
  });
});

describe('a resumed apply journals what it finds already done (row 6)', () => {
  it('killed right after the credential was created: the re-run records it, rotate works, another password is refused', async () => {
    rig = await engineRig();
    const first = rig.newEngine();
    const inputs = inputsFor(first, 'livekit', LIVEKIT);
    const password = inputs.sipPassword!.reveal();
    const { plan } = await first.plan(inputs);
    // die as soon as the credential POST has been sent: its answer never reaches the journal
    const steps = plan.steps.map((s) => s.kind);
    const dying = crashable(first.client);
    const a = rig.newEngine(() => dying.client);
    const aInputs = inputsFor(a, 'livekit', LIVEKIT, { EXOTRUNK_SIP_PASSWORD: password });
    const aPlan = (await a.plan(aInputs)).plan;
    void a.apply(aPlan, aInputs);
    while (!trunkByName(rig.sandbox, 'livekit')?.credentials.length) await new Promise((r) => setTimeout(r, 1));
    dying.crash();
    await dying.settled();
    a.lock.release(); // the killed process's lock (its pid is gone)
    expect(steps).toContain('create-credential');
    expect(rig.newEngine().run('livekit')?.resources.credential ?? null).toBeNull();

    // a different password for the credential the trunk already has: refused, with the fix
    const other = rig.newEngine();
    const wrong = inputsFor(other, 'livekit', LIVEKIT, { EXOTRUNK_SIP_PASSWORD: 'Different_Passw0rd_123' });
    const refused = (await other.plan(wrong).catch((x: unknown) => x)) as InputError;
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.message).toContain('already exists at Exotel with the password exotrunk created it with');
    expect(refused.fix).toContain('credentials rotate livekit');

    const resume = await applyOnce(rig.newEngine(), 'livekit', {});
    expect(resume.result.ok).toBe(true);
    const cred = trunkByName(rig.sandbox, 'livekit')!.credentials[0];
    expect(rig.newEngine().run('livekit')!.resources.credential).toEqual({ id: cred.id, userName: 'livekit_sip' });
    expect(cred.password).toBe(password);
    expect(rig.newEngine().previousSecrets('livekit').sip_password).toBe(password);
  });

  it('an ACL entry found on the trunk is journaled with its id', async () => {
    rig = await engineRig();
    const e = rig.newEngine();
    const PBX = { direction: 'both', did: DID, pbx_ips: IP_A, pbx_host: 'pbx.example.com' };
    const r = await applyOnce(e, 'own-pbx', PBX);
    expect(r.result.ok).toBe(true);
    const sid = r.result.trunkSid!;
    // the journal lost the entry (a crash between the POST and its journal write)
    await e.hold();
    e.store.update(e.target, 'own-pbx', () => e.run('own-pbx')!, (x) => void (x.resources.acl = {}));
    e.lock.release();
    await applyOnce(rig.newEngine(), 'own-pbx', {});
    const id = trunkByName(rig.sandbox, 'own_pbx')!.acl[0].id;
    expect(rig.newEngine().run('own-pbx')!.resources.acl).toEqual({ [IP_A]: id });
    expect(rig.newEngine().run('own-pbx')!.trunkSid).toBe(sid);
  });
});

describe('rotation names (row 9)', () => {
  it('the suffix is replaced, not appended: twelve rotations stay short and distinct', () => {
    let name = 'livekit_sip';
    const seen = new Set<string>([name]);
    for (let i = 0; i < 12; i++) {
      name = nextUserName(name, seen, 1_700_000_000_000 + i * 997);
      expect(name).toMatch(/^livekit_sip_r[0-9a-z]{5}$/);
      expect(seen.has(name)).toBe(false);
      seen.add(name);
    }
    const long = 'x'.repeat(64);
    expect(nextUserName(long, new Set()).length).toBe(64);
    expect(nextUserName(long, new Set())).not.toBe(long);
  });

  it('twelve rotations in a row each leave exactly one live credential, whose password the journal has', async () => {
    rig = await engineRig();
    expect((await applyOnce(rig.newEngine(), 'livekit', LIVEKIT)).result.ok).toBe(true);
    for (let i = 0; i < 12; i++) {
      const e = rig.newEngine();
      await e.hold();
      const r = await startRotation(e, 'livekit');
      expect(await finishRotation(e, r)).toBe(true);
      e.lock.release();
      const creds = trunkByName(rig.sandbox, 'livekit')!.credentials;
      expect(creds.map((c) => c.user_name), `rotation ${i + 1}`).toEqual([r.created.userName]);
      expect(creds[0].password).toBe(rig.newEngine().previousSecrets('livekit').sip_password);
    }
  });
});

describe('credentials rotate to the password it has now', () => {
  it('is refused (exit 2) before anything is sent', async () => {
    rig = await engineRig();
    expect((await applyOnce(rig.newEngine(), 'livekit', { direction: 'both', did: DID, livekit_subdomain: 'abc123' })).result.ok).toBe(true);
    const e = rig.newEngine();
    await e.hold();
    const same = e.previousSecrets('livekit').sip_password;
    const before = rig.sandbox.requests().filter((q) => q.method !== 'GET').length;
    const err = await startRotation(e, 'livekit', same).then(() => undefined, (x: unknown) => x);
    e.lock.release();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(EXIT.usage);
    expect((err as Error).message).toContain('is the password livekit_sip has now');
    expect(rig.sandbox.requests().filter((q) => q.method !== 'GET').length).toBe(before);
    expect(trunkByName(rig.sandbox, 'livekit')!.credentials.map((c) => c.user_name)).toEqual(['livekit_sip']);
  });
});

describe('temporary lock files left by a killed process', () => {
  it('are removed when the lock is next taken; a live process\'s one is kept', async () => {
    const dir = temp();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const holder = (pid: number, id: string) => JSON.stringify({ pid, host: hostname(), command: 'exotrunk apply livekit', startedAt: new Date().toISOString(), id });
    writeFileSync(join(dir, 'exotrunk.lock.aaaaaaaaaaaaaaaa.tmp'), holder(dead, 'aaaaaaaaaaaaaaaa'));
    writeFileSync(join(dir, 'exotrunk.lock.bbbbbbbbbbbbbbbb.tmp'), holder(process.ppid, 'bbbbbbbbbbbbbbbb'));
    const lock = new StateLock(dir, { command: 'exotrunk apply livekit' });
    await lock.acquire();
    lock.release();
    const left = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    expect(left).toEqual(['exotrunk.lock.bbbbbbbbbbbbbbbb.tmp']);
  });
});
