// Layering is enforced here, not by convention (see the handbook's ARCHITECTURE.md):
// shared <- electron, shared <- renderer, shared <- server. Each rule below has a test in
// test/lint/boundaries.test.ts that proves it fires on a wrong import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].filter(
  (m) => !m.startsWith('_'),
);

// A top-level folder is reached from another one only by climbing out with `../`.
const layer = (name, message) => ({ regex: `^(\\.\\./)+${name}(/|$)`, message });

const rendererForbidden = [
  layer('electron', 'renderer/ talks to main only through the API contract in shared/api.'),
  layer('server', 'renderer/ must not import server/ code.'),
];
const serverForbidden = [
  layer('electron', 'server/ must not import electron/ code.'),
  layer('renderer', 'server/ must not import renderer/ code.'),
];
const sharedForbidden = [
  layer('electron', 'shared/ must not import electron/ code.'),
  layer('server', 'shared/ must not import server/ code.'),
  layer('renderer', 'shared/ must not import renderer/ code.'),
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'bench/results/**', 'test/lint/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'renderer/ must not import electron.' }], patterns: rendererForbidden },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'server/ must not import electron.' }], patterns: serverForbidden },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/platform/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/main.ts, electron/preload.ts and electron/platform/ import electron, so the rest runs in plain Node.' }],
          patterns: [layer('renderer', 'electron/ must not import renderer/ code.'), layer('server', 'electron/ must not import server/ code.')],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in every process: no Node API.' })),
            { name: 'electron', message: 'shared/ runs in every process: no Electron API.' },
            { name: 'react-dom', message: 'shared/ runs in every process: no DOM API.' },
          ],
          patterns: sharedForbidden,
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'shared/ runs in every process: no Node or DOM globals.',
        })),
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.config.{ts,js}', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
