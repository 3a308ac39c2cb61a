/**
 * The bundle keeps start-up light: `--version` and `--help` load nothing but dist/cli.js, and no command's
 * static import graph pulls in Ink, React or Handlebars until it needs them (dist/meta.json is written
 * by scripts/build.mjs from esbuild's metafile; `npm test` builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, readMeta, staticClosure as closureIn } from './bundle-meta.js';

const meta = readMeta();
const HEAVY = ['ink', 'react', 'react-reconciler', 'yoga-layout', 'handlebars'];
const staticClosure = (file: string) => closureIn(meta, file);
const chunk = (prefix: string) => Object.keys(meta).find((f) => new RegExp(`^chunks/${prefix}-[A-Z0-9]+\\.js$`).test(f))!;

describe('lazy loading in the bundle', () => {
  it('--version and --help run from dist/cli.js alone', () => {
    expect(meta['cli.js'].static).toEqual([]);
    expect(existsSync(join(DIST, 'help.txt'))).toBe(true);
    const help = execFileSync(process.execPath, [join(DIST, 'cli.js'), '--help'], { encoding: 'utf8' });
    expect(help).toBe(readFileSync(join(DIST, 'help.txt'), 'utf8'));
    expect(help).toContain('Usage: exotrunk');
    expect(execFileSync(process.execPath, [join(DIST, 'cli.js'), '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('the command table (sub-command --help) loads commander only', () => {
    const loaded = staticClosure(chunk('commands'));
    expect([...loaded].filter((p) => HEAVY.includes(p))).toEqual([]);
    expect(loaded.has('commander')).toBe(true);
  });

  it('headless commands leave Ink and React out', () => {
    for (const name of ['plan', 'apply', 'verify', 'recipes', 'probe-cli', 'sandbox']) {
      const loaded = staticClosure(chunk(name));
      expect([...loaded].filter((p) => ['ink', 'react', 'react-reconciler', 'yoga-layout'].includes(p)), name).toEqual([]);
    }
  });

  it("the wizard's first frame and the light commands go through the door's light half: no engine behind them", () => {
    // the engine, the recipes and the rules bring these; the first frame (and probe, sandbox, recipes) must not wait for them
    const ENGINE = ['zod', 'yaml', 'handlebars', 'libphonenumber-js', 'ipaddr.js', 'write-file-atomic'];
    for (const name of ['wizard', 'run', 'probe-cli', 'sandbox', 'recipes']) {
      const loaded = staticClosure(chunk(name));
      expect([...loaded].filter((p) => ENGINE.includes(p) || HEAVY.includes(p)), name).toEqual([]);
    }
    // and the check can fail: a command that opens the engine loads them
    expect([...staticClosure(chunk('apply'))]).toEqual(expect.arrayContaining(['zod', 'handlebars', 'libphonenumber-js']));
  });

  it('the wizard chunk is where Ink lives (so the checks above can fail)', () => {
    const loaded = staticClosure(chunk('run-wizard'));
    expect(loaded.has('ink')).toBe(true);
    expect(loaded.has('react')).toBe(true);
  });
});
