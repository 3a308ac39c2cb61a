/**
 * The partner SDKs load only when a partner call runs (issue 17), checked at run time on the built CLI: a
 * module loader hook (node --import) records every file the process loads, and dist/meta.json says which chunks
 * hold livekit-server-sdk, @elevenlabs/elevenlabs-js or retell-sdk. Without partner credentials, `apply` and
 * `verify` of a partner recipe load none of them; with them, exactly that partner's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, requireBuilt, startSandboxProc, type SandboxProc } from '../e2e/helpers.js';

const DIST = join(__dirname, '..', '..', 'dist');
const SDKS: Record<string, string> = { livekit: 'livekit-server-sdk', elevenlabs: '@elevenlabs/elevenlabs-js', retell: 'retell-sdk' };
let sb: SandboxProc;
let dir: string;
let preload: string;

beforeAll(async () => {
  requireBuilt();
  sb = await startSandboxProc(['--partners']);
  dir = mkdtempSync(join(tmpdir(), 'exotrunk-lazy-'));
  writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (process.env.LOADED_FILE && url.startsWith('file:')) appendFileSync(process.env.LOADED_FILE, url + '\\n');\n  return next(url, context);\n}\n`);
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  preload = join(dir, 'register.mjs');
});

afterAll(async () => {
  await sb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const meta = () => JSON.parse(readFileSync(join(DIST, 'meta.json'), 'utf8')) as Record<string, { packages: string[] }>;

/** the SDKs among the dist files one CLI run loaded */
async function sdksLoaded(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; sdks: string[] }> {
  const file = join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, '');
  const r = await cli(args, { cwd, url: sb.url, account: 'lazy', env: { ...env, LOADED_FILE: file, NODE_OPTIONS: `--import ${pathToFileURL(preload).href}` } });
  const m = meta();
  const loaded = readFileSync(file, 'utf8').split('\n').filter((u) => u.includes('/dist/')).map((u) => u.slice(u.indexOf('/dist/') + '/dist/'.length));
  const sdks = new Set<string>();
  for (const f of loaded) for (const [p, pkg] of Object.entries(SDKS)) if (m[f]?.packages.includes(pkg)) sdks.add(p);
  return { code: r.code, sdks: [...sdks].sort() };
}

describe('partner SDKs at run time', () => {
  it('none without partner credentials; only the partner in use with them', async () => {
    const cwd = mkdtempSync(join(dir, 'run-'));
    const args = ['apply', 'retell', '--state', '.exotrunk/state.json', '--set', 'direction=both', '--set', 'trunk_name=lazy_rt', '--set', 'did=+918012345677', '--set', 'retell_agent_id=agent_sandbox', '--yes'];
    const without = await sdksLoaded(args, {}, cwd);
    expect(without.code).toBe(0);
    expect(without.sdks).toEqual([]);
    const verify = await sdksLoaded(['verify', 'retell', '--state', '.exotrunk/state.json'], {}, cwd);
    expect(verify.code).toBe(0);
    expect(verify.sdks).toEqual([]);

    const cwd2 = mkdtempSync(join(dir, 'run-'));
    const withKeys = await sdksLoaded(args.map((a) => a.replace('lazy_rt', 'lazy_rt2').replace('+918012345677', '+918012345676')), sb.env, cwd2);
    expect(withKeys.code).toBe(0);
    expect(withKeys.sdks).toEqual(['retell']);
  }, 60_000);
});
