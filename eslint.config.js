import tseslint from 'typescript-eslint';

/** The door: the only core modules a front end (or the presentation module) may import. */
const NOT_THE_DOOR = '/core/(?!engine/(index|light|types)\\.js$)';
const DOOR_MESSAGE = 'Front ends reach the core only through its door: core/engine/index.js (light.js for what loads before the engine) and core/engine/types.js. Add what you need there.';
const UI = ['ink', 'react', 'ink-select-input', 'ink-text-input', 'ink-spinner'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.exotrunk/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The core decides; the front ends ask and show. No UI in the core, ever, and no import from a layer above it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: UI, patterns: [{ group: ['**/ui/**', '**/commands/**', '**/present/**', '**/sandbox/**'], message: 'The core imports nothing from the layers above it (present, ui, commands, the sandbox).' }] }],
    },
  },
  {
    // The local Exotel stand-in is a conformance check of the core: it shares only the error taxonomy with it.
    files: ['src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: UI, patterns: ['**/ui/**', '**/commands/**', '**/present/**'] }],
    },
  },
  {
    // One door: the wizard, the headless commands and the presentation module use the engine's public module only.
    files: ['src/ui/**/*.{ts,tsx}', 'src/commands/**/*.ts', 'src/present/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: NOT_THE_DOOR, message: DOOR_MESSAGE }] }],
      'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/${NOT_THE_DOOR.replaceAll('/', '\\/')}/]`, message: DOOR_MESSAGE }],
    },
  },
  {
    // Both front ends share the presentation module, so it renders nothing itself: no Ink, no React, no front end.
    files: ['src/present/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: UI, patterns: [{ regex: NOT_THE_DOOR, message: DOOR_MESSAGE }, { group: ['**/ui/**', '**/commands/**'], message: 'The presentation module serves both front ends and imports neither.' }] }],
    },
  },
);
