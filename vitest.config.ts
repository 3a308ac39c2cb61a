import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that need the build (dist/), the packed tarball, or a program from Debian (tmux, sipp): `npm run test:e2e`
 * (which builds first). `npm run test:unit` (`--mode unit`) runs all the others, from the sources, without a
 * build. `npm test` runs both.
 */
const E2E = [
  'test/e2e/**/*.test.ts',
  'test/smoke/**/*.test.ts',
  'test/build/**/*.test.ts',
  'test/commands/doctor.test.ts',
  'test/commands/rotate.test.ts',
  'test/recipes/compiled.test.ts',
  'test/probe/probe-sipp.test.ts',
];

export default defineConfig(({ mode }) => ({
  test: {
    include: mode === 'e2e' ? E2E : ['test/**/*.test.{ts,tsx}'],
    exclude: mode === 'unit' ? [...configDefaults.exclude, ...E2E] : configDefaults.exclude,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time (vitest's default here would be one, on a 2-CPU machine): most of the time is
    // spent waiting on child processes (the CLI, the sandbox, tmux, sipp). Measured on 2 CPUs: 236 s against
    // 410 s one at a time (that run shared the machine with a few other tests). Fixed at 2, so a run behaves the
    // same on any machine.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
}));
