/**
 * The state folder's .gitignore of `*`: written only into a folder of exotrunk's own (never the project's root that
 * `--state ./state.json` names), atomically, and an empty one left by a failed write is written again.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateDir } from '../../src/core/journal/state-dir.js';

const temp = () => mkdtempSync(join(tmpdir(), 'exotrunk-statedir-'));

describe('StateDir', () => {
  it('.exotrunk gets its .gitignore of *', () => {
    const root = temp();
    const d = new StateDir(join(root, '.exotrunk', 'state.json'));
    mkdirSync(d.dir);
    expect(d.protect()).toBeUndefined();
    expect(readFileSync(join(d.dir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('--state ./x.json in an existing project folder: no .gitignore there; one notice when secrets land there, then none', () => {
    const root = temp();
    const d = new StateDir(join(root, 'x.json'));
    expect(d.owned).toBe(false);
    expect(d.protect()).toBeUndefined(); // nothing secret there yet
    writeFileSync(join(root, 'secrets.json'), '{}');
    const notice = d.protect();
    expect(notice).toContain(`The state folder ${root} is not a folder of exotrunk's own`);
    expect(notice).toContain('add secrets.json, out/, sandbox.json and the state file to your .gitignore');
    expect(d.protect()).toBeUndefined();
    expect(existsSync(join(root, '.gitignore'))).toBe(false);
    // the next command finds the secrets already there: it says nothing again
    expect(new StateDir(join(root, 'x.json')).protect()).toBeUndefined();
    expect(existsSync(join(root, '.gitignore'))).toBe(false);
  });

  it("a user's own .gitignore in a folder it does not own is never touched", () => {
    const root = temp();
    writeFileSync(join(root, '.gitignore'), 'node_modules\n');
    new StateDir(join(root, 'x.json')).protect();
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('node_modules\n');
  });

  it('a folder the command creates is its own, and stays so for the next command (its .gitignore says so)', () => {
    const root = temp();
    const d = new StateDir(join(root, 'mystate', 'x.json'));
    expect(d.owned).toBe(true);
    mkdirSync(d.dir);
    d.protect();
    expect(readFileSync(join(d.dir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(new StateDir(join(root, 'mystate', 'x.json')).owned).toBe(true);
  });

  it('an empty .gitignore (a write cut short by a full disk) is written again; no temp file is left', () => {
    const root = temp();
    const dir = join(root, '.exotrunk');
    mkdirSync(dir);
    writeFileSync(join(dir, '.gitignore'), '');
    new StateDir(join(dir, 'state.json')).protect();
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('written by exotrunk');
  });
});

describe('the folder gets its .gitignore when it is created (wizard QA W16)', () => {
  it('by the first lock, secrets write or journal write, not only when the command ends', async () => {
    const { StateLock } = await import('../../src/core/journal/lock.js');
    const { SecretsStore } = await import('../../src/core/journal/secrets-store.js');
    const { StateStore } = await import('../../src/core/journal/state-store.js');
    const byLock = join(temp(), '.exotrunk');
    const lock = new StateLock(byLock, { command: 'test', timeoutMs: 0 });
    await lock.acquire();
    expect(readFileSync(join(byLock, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    lock.release();
    const bySecrets = join(temp(), 'made-here');
    new SecretsStore(join(bySecrets, 'secrets.json')).set('sandbox', 'livekit', { sip_password: 'x'.repeat(24) });
    expect(readFileSync(join(bySecrets, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    const byJournal = join(temp(), '.exotrunk');
    new StateStore(join(byJournal, 'state.json')).checkWritable();
    expect(readFileSync(join(byJournal, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('a folder that already exists (the project root) still gets none', async () => {
    const { SecretsStore } = await import('../../src/core/journal/secrets-store.js');
    const root = temp();
    new SecretsStore(join(root, 'secrets.json')).set('sandbox', 'livekit', { sip_password: 'x'.repeat(24) });
    expect(existsSync(join(root, '.gitignore'))).toBe(false);
  });
});
