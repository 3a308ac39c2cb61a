// One esbuild bundle, code-split: dist/cli.js stays tiny and every command is a lazy chunk,
// so `--version` / `--help` never load Ink, React, Handlebars or undici.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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
await build({
  entryPoints: { cli: 'src/cli.ts' },
  bundle: true,
  plugins: [zodEnglishOnly],
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  minify: false,
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

// Compile the recipes (validated once, here) so commands skip YAML parsing at run time.
await build({ entryPoints: ['scripts/compile-recipes.ts'], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: 'dist/.compile-recipes.mjs', logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
const { execFileSync: runNode } = await import('node:child_process');
runNode(process.execPath, ['dist/.compile-recipes.mjs'], { stdio: 'inherit' });
rmSync('dist/.compile-recipes.mjs');

// Pre-render the top-level --help (80 columns) so `exotrunk --help` does not load commander at all.
const { execFileSync } = await import('node:child_process');
const { writeFileSync } = await import('node:fs');
const help = execFileSync(process.execPath, ['dist/cli.js', '--help'], { env: { ...process.env, COLUMNS: '80' }, encoding: 'utf8' });
writeFileSync('dist/help.txt', help);
