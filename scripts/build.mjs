// One esbuild bundle, code-split: dist/cli.js stays tiny and every command is a lazy chunk,
// so `--version` / `--help` never load Ink, React, Handlebars or undici.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  bundle: true,
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
  define: { 'process.env.DEV': '"false"' },
  logLevel: 'warning',
});

// Pre-render the top-level --help (80 columns) so `exotrunk --help` does not load commander at all.
const { execFileSync } = await import('node:child_process');
const { writeFileSync } = await import('node:fs');
const help = execFileSync(process.execPath, ['dist/cli.js', '--help'], { env: { ...process.env, COLUMNS: '80' }, encoding: 'utf8' });
writeFileSync('dist/help.txt', help);
