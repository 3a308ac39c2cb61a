// One esbuild bundle, code-split: dist/cli.js stays tiny and every command is a lazy chunk,
// so `--version` / `--help` never load Ink, React or Handlebars.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fingerprint, stampPath } from './build-stamp.mjs';
import { elevenlabsSlim } from './elevenlabs-slim.mjs';

// Taken before building: a source edited while the build runs makes the next `npm start` build again.
const inputs = fingerprint();
rmSync('dist', { recursive: true, force: true });

/**
 * zod re-exports every locale (`z.locales`, ~400 KB); exotrunk uses none of them (English is configured
 * from locales/en.js directly), so the namespace resolves to just English and start-up parses less.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes('/node_modules/zod/') ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({ contents: "export { default as en } from 'zod/v4/locales/en.js';", resolveDir: process.cwd() }));
  },
};
const result = await build({
  entryPoints: { cli: 'src/cli.ts' },
  metafile: true,
  bundle: true,
  plugins: [zodEnglishOnly, elevenlabsSlim],
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  legalComments: 'none',
  jsx: 'automatic',
  alias: { 'react-devtools-core': './scripts/empty.mjs' },
  banner: {
    // Bundled CJS dependencies (yaml, handlebars, ...) may call require().
    js: "import { createRequire as __exotrunkCreateRequire } from 'node:module'; import { fileURLToPath as __exotrunkPath } from 'node:url'; const require = __exotrunkCreateRequire(import.meta.url); const __filename = __exotrunkPath(import.meta.url); const __dirname = __exotrunkPath(new URL('.', import.meta.url));",
  },
  // Production React (the development builds are most of the bundle) and a smaller parse at start-up.
  define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
});

// What each output file holds and imports statically: test/build checks that --version / --help load
// neither Ink, React nor Handlebars.
const meta = {};
for (const [file, o] of Object.entries(result.metafile.outputs)) {
  const packages = new Set(Object.keys(o.inputs).map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1] ?? 'exotrunk'));
  meta[file.replace(/^dist\//, '')] = {
    static: o.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path.replace(/^dist\//, '')),
    packages: [...packages].sort(),
  };
}
writeFileSync('dist/meta.json', JSON.stringify(meta, null, 1));

// Compile the recipes (validated once, here) so commands skip YAML parsing at run time.
await build({ entryPoints: ['scripts/compile-recipes.ts'], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: 'dist/.compile-recipes.mjs', logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
execFileSync(process.execPath, ['dist/.compile-recipes.mjs'], { stdio: 'inherit' });
rmSync('dist/.compile-recipes.mjs');

// Pre-render the top-level --help (80 columns) so `exotrunk --help` does not load commander at all.
const help = execFileSync(process.execPath, ['dist/cli.js', '--help'], { env: { ...process.env, COLUMNS: '80' }, encoding: 'utf8' });
writeFileSync('dist/help.txt', help);

// Last, so an interrupted build leaves no stamp: `npm start` rebuilds only when this differs (scripts/start.mjs).
writeFileSync(stampPath(), inputs);
