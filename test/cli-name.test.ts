/** How hints name exotrunk, for each way of starting it (src/core/cli-name.ts). */
import { describe, expect, it } from 'vitest';
import { cliNameFor, type Launch } from '../src/core/cli-name.js';

const ROOT = '/home/dev/exotrunk';
const ENTRY = `${ROOT}/dist/cli.js`;
/** Symlinks as a map from link to target; everything else is its own real path. */
function launch(o: Partial<Launch> & { links?: Record<string, string>; path?: Record<string, string> }): Launch {
  const links = o.links ?? {};
  return {
    argv1: o.argv1,
    env: o.env ?? {},
    cwd: o.cwd ?? ROOT,
    root: o.root ?? ROOT,
    realpath: (p) => links[p] ?? p,
    which: (name) => o.path?.[name],
  };
}

describe('cliNameFor', () => {
  it('says exotrunk when the exotrunk on the PATH is this copy (a global install)', () => {
    const bin = '/usr/local/bin/exotrunk';
    const l = launch({ argv1: bin, root: '/usr/local/lib/node_modules/exotrunk', links: { [bin]: '/usr/local/lib/node_modules/exotrunk/dist/cli.js' }, path: { exotrunk: bin } });
    expect(cliNameFor(l)).toBe('exotrunk');
  });
  it('says npx exotrunk under npx (not for another program npx started)', () => {
    const bin = '/root/.npm/_npx/ab12/node_modules/.bin/exotrunk';
    const root = '/root/.npm/_npx/ab12/node_modules/exotrunk';
    const links = { [bin]: `${root}/dist/cli.js` };
    expect(cliNameFor(launch({ argv1: bin, root, links, env: { npm_lifecycle_event: 'npx', npm_lifecycle_script: "'exotrunk'", npm_command: 'exec' } }))).toBe('npx exotrunk');
    expect(cliNameFor(launch({ argv1: bin, root, links, env: { npm_lifecycle_event: 'npx', npm_lifecycle_script: 'vitest run' } }))).toBe(bin);
  });
  it('says npm start -- under npm start, and node scripts/start.mjs when that was run by hand', () => {
    expect(cliNameFor(launch({ argv1: `${ROOT}/scripts/start.mjs`, env: { npm_lifecycle_event: 'start' } }))).toBe('npm start --');
    expect(cliNameFor(launch({ argv1: `${ROOT}/scripts/start.mjs` }))).toBe('node scripts/start.mjs');
  });
  it('says node <path> for node dist/cli.js: relative below the working folder, absolute elsewhere, quoted if need be', () => {
    expect(cliNameFor(launch({ argv1: ENTRY }))).toBe('node dist/cli.js');
    expect(cliNameFor(launch({ argv1: ENTRY, cwd: '/tmp/work' }))).toBe(`node ${ENTRY}`);
    const spaced = '/home/dev/my tools/exotrunk';
    expect(cliNameFor(launch({ argv1: `${spaced}/dist/cli.js`, root: spaced, cwd: '/tmp' }))).toBe(`node '${spaced}/dist/cli.js'`);
  });
  it('says node dist/cli.js when the exotrunk on the PATH is another copy', () => {
    const other = '/usr/local/bin/exotrunk';
    expect(cliNameFor(launch({ argv1: ENTRY, path: { exotrunk: other }, links: { [other]: '/usr/local/lib/node_modules/exotrunk/dist/cli.js' } }))).toBe('node dist/cli.js');
  });
  it('gives the bin link itself when it is not on the PATH (npm install -g --prefix elsewhere)', () => {
    const bin = '/opt/tools/bin/exotrunk';
    const root = '/opt/tools/lib/node_modules/exotrunk';
    expect(cliNameFor(launch({ argv1: bin, root, cwd: '/tmp', links: { [bin]: `${root}/dist/cli.js` } }))).toBe(bin);
  });
  it('says exotrunk when not started as the CLI at all (a test runner, a program using the core)', () => {
    expect(cliNameFor(launch({ argv1: `${ROOT}/node_modules/vitest/dist/worker.js` }))).toBe('exotrunk');
    expect(cliNameFor(launch({ argv1: undefined }))).toBe('exotrunk');
  });
});
