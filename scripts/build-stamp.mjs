// Is dist/ up to date with the sources? A fingerprint of every input of the build (path, size and mtime of
// each file under src/, recipes/, templates/, scripts/, plus package.json, package-lock.json and
// tsconfig.json), stored in dist/.build-stamp by scripts/build.mjs. Size and mtime, like make: about 300
// stat calls, a few milliseconds, where a rebuild costs seconds. An edit, a new or deleted file, a checkout
// or a dependency change (the lockfile) all change it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = ['src', 'recipes', 'templates', 'scripts'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json'];
export const stampPath = (root = ROOT) => join(root, 'dist', '.build-stamp');

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a folder that does not exist has no inputs
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** The fingerprint of the build's inputs, as a hex digest. */
export function fingerprint(root = ROOT) {
  const files = FILES.map((f) => join(root, f));
  for (const d of DIRS) walk(join(root, d), files);
  const h = createHash('sha1');
  for (const f of files.sort()) {
    try {
      const st = statSync(f);
      h.update(`${relative(root, f)}\0${st.size}\0${st.mtimeMs}\n`);
    } catch {
      h.update(`${relative(root, f)}\0missing\n`);
    }
  }
  return h.digest('hex');
}

/** True when dist/ was built from exactly these inputs (and so also exists). */
export function isFresh(root = ROOT) {
  try {
    return readFileSync(stampPath(root), 'utf8').trim() === fingerprint(root);
  } catch {
    return false;
  }
}
