/** Reading the bundle's import graph: dist/meta.json (scripts/build.mjs writes it from esbuild's metafile; `npm test` builds first). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DIST = join(__dirname, '..', '..', 'dist');

/** per output file: the files it imports statically, and the packages bundled into it */
export type Meta = Record<string, { static: string[]; packages: string[] }>;

export const readMeta = (): Meta => JSON.parse(readFileSync(join(DIST, 'meta.json'), 'utf8')) as Meta;

/** Every package a file loads before any dynamic import() runs, given each file's packages and static imports. */
export function walkStatic(file: string, packagesOf: (f: string) => Iterable<string>, staticImports: (f: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const p of packagesOf(f)) packages.add(p);
    for (const next of staticImports(f)) walk(next);
  };
  walk(file);
  return packages;
}

/** walkStatic over dist/meta.json */
export const staticClosure = (meta: Meta, file: string): Set<string> =>
  walkStatic(
    file,
    (f) => meta[f].packages,
    (f) => meta[f].static,
  );
