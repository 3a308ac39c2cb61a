// `npm start [-- <command> …]`: exotrunk from the repository. Rebuilds dist/ only when a source changed since
// the last build (scripts/build-stamp.mjs), then runs dist/cli.js in this same process: a second Node start-up
// would cost as much as the check saves. `npm start` alone is the wizard; `npm start -- verify livekit` runs a
// command, and is the form exotrunk's own hints print when it was started this way (src/core/cli-name.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFresh, ROOT } from './build-stamp.mjs';

if (!isFresh()) {
  process.stderr.write('Building dist/ (not built yet, or a source changed since the last build) …\n');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(join(ROOT, 'dist', 'cli.js')).href);
