/**
 * The package as a user gets it: `npm pack` on a copy of the sources (its prepack builds dist/), then
 * `npm install -g` of the tarball into a temporary prefix and `npx` of the tarball, with a private HOME and npm
 * cache and --offline (the bundle has no dependencies, so nothing is fetched). From the installed binary:
 * --version, and a sandbox apply whose hint names `exotrunk` (on the PATH) or `npx exotrunk` (under npx).
 * One test: packing and installing is the slowest thing in the suite.
 */
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir } from './helpers.js';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
/** A clean clone: everything but what git ignores here (and .git itself); node_modules is linked, dist/ absent. */
const NOT_IN_A_CLONE = new Set(['.git', 'node_modules', 'dist', '.exotrunk', 'coverage']);
const APPLY = ['apply', 'livekit', '--sandbox', '--set', 'direction=both', '--set', 'did=+918012345678', '--set', 'livekit_subdomain=abc123'];

/** Bytes of every file under dir, and the folders that hold a package.json (the installed packages). */
function tree(dir: string): { bytes: number; packages: string[] } {
  let bytes = 0;
  const packages: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += statSync(p).size;
        if (e.name === 'package.json' && !p.slice(dir.length).includes('/dist/')) packages.push(d);
      }
    }
  };
  walk(dir);
  return { bytes, packages };
}

afterAll(() => cleanupTempDirs());

describe('the packed tarball', () => {
  it('builds on pack, holds only what runs, installs globally and through npx with no dependency, and runs a sandbox apply', async () => {
    const home = tempDir('exotrunk-pack-home-');
    // No npm_* from an enclosing `npm test` (npm_config_prefix and the like would redirect npm), a private HOME and cache.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, npm_config_cache: join(home, '.npm'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', CI: '1', NO_COLOR: '1' };

    // npm pack on a copy, so the prepack build cannot touch the dist/ other tests are running
    const src = tempDir('exotrunk-pack-src-');
    for (const f of readdirSync(ROOT)) if (!NOT_IN_A_CLONE.has(f) && !f.endsWith('.log') && !f.endsWith('.tgz')) cpSync(join(ROOT, f), join(src, f), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
    const out = tempDir('exotrunk-pack-out-');
    const packed = await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: src, env, maxBuffer: 1 << 24 });
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    const files = info.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/help.txt', 'dist/recipes.json', 'recipes/livekit.yaml', 'templates/livekit/inbound-trunk.json', 'README.md', 'LICENSE', 'package.json']));
    expect(files.filter((f) => !/^(dist|recipes|templates)\//.test(f) && !['README.md', 'LICENSE', 'package.json'].includes(f))).toEqual([]);
    expect(files.filter((f) => /^dist\/(meta\.json|\.build-stamp)$/.test(f))).toEqual([]);
    const tgz = join(out, info.filename);

    // npm install -g into a temporary prefix: one package, small
    const prefix = tempDir('exotrunk-pack-prefix-');
    await run('npm', ['install', '-g', '--offline', '--prefix', prefix, tgz], { cwd: home, env });
    const installed = tree(join(prefix, 'lib', 'node_modules'));
    expect(installed.packages).toEqual([join(prefix, 'lib', 'node_modules', 'exotrunk')]);
    expect(installed.bytes).toBeLessThan(10 * 1024 * 1024);

    const onPath = { ...env, PATH: `${join(prefix, 'bin')}:${env.PATH}` };
    expect((await run('exotrunk', ['--version'], { cwd: home, env: onPath })).stdout.trim()).toBe(version);
    const work = tempDir('exotrunk-pack-work-');
    const applied = await run('exotrunk', APPLY, { cwd: work, env: onPath });
    expect(applied.stdout + applied.stderr).toContain('Check the trunk: exotrunk --sandbox verify livekit'); // with the flag it ran with
    expect(JSON.parse(readFileSync(join(work, '.exotrunk', 'state.json'), 'utf8')).runs['sandbox/livekit'].trunkSid).toMatch(/^tr/);

    // npx of the tarball (named ./file: npx runs an absolute path as a command), into the npx cache, offline
    const spec = `./${info.filename}`;
    expect((await run('npx', ['--yes', '--offline', spec, '--version'], { cwd: out, env })).stdout.trim()).toBe(version);
    const viaNpx = await run('npx', ['--yes', '--offline', spec, ...APPLY], { cwd: out, env });
    expect(viaNpx.stdout + viaNpx.stderr).toContain('Check the trunk: npx exotrunk --sandbox verify livekit');
  }, 240_000);
});
