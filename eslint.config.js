// Layering is enforced here, not by convention (see the handbook's ARCHITECTURE.md):
// shared <- electron, shared <- renderer, shared <- server. Each runtime folder has an
// allow-list of what it may import (cims/allowed-imports, in eslint/allowed-imports.js),
// import cycles fail, and each rule has a test in test/lint/ that proves it fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { readFileSync } from 'node:fs';
import { allowedImports } from './eslint/allowed-imports.js';

// The packages each runtime folder may import, besides relative files of its own folder and
// shared/. Adding a library is one line in one of these lists.
// `@scope/*` allows the whole scope; a name also allows its subpaths (`react-dom/client`).
const rendererPackages = [
  'react',
  'react-dom',
  '@mui/*',
  '@emotion/*',
  'i18next',
  'react-i18next',
  'react-hook-form',
  '@hookform/resolvers',
  'react-router',
  'react-router-dom',
  'notistack',
  'papaparse',
  'zod',
  'rxjs',
  '@dnd-kit/*',
  'signature_pad',
  '@fontsource/noto-sans-sc',
];
const electronPackages = ['rxdb', 'rxjs', 'better-sqlite3', 'eventsource-parser', 'zod', 'ws', 'uuid', 'exceljs', 'papaparse', 'safe-stable-stringify'];
// The server's packages are listed once, in package.json (the server bundle installs them).
const serverPackages = JSON.parse(readFileSync(`${import.meta.dirname}/package.json`, 'utf8')).serverDependencies;
// shared/ runs in every process, so only pure libraries.
const sharedPackages = ['zod'];
// Test code (never shipped) may also use the test tools.
const testPackages = ['vitest', 'fast-check'];
const rendererTestPackages = ['@testing-library/*', 'jsdom'];

const testFiles = ['**/*.test.{ts,tsx}', '**/test-*.{ts,tsx}', '**/testing/**', 'renderer/src/test/**'];

const rule = (options) => ({ 'cims/allowed-imports': ['error', options] });

const shared = {
  layer: 'shared',
  folders: ['shared'],
  packages: sharedPackages,
  packageList: 'sharedPackages',
  // Collection definitions carry RxDB's schema type; a type import is erased at compile time.
  typeOnlyPackages: ['rxdb'],
  nodeMessage: 'shared/ runs in every process: no Node API.',
  packageMessages: {
    electron: 'shared/ runs in every process: no Electron API.',
    'react-dom': 'shared/ runs in every process: no DOM API.',
  },
};
const renderer = {
  layer: 'renderer',
  folders: ['renderer', 'shared'],
  packages: rendererPackages,
  packageList: 'rendererPackages',
  nodeMessage: 'renderer/ runs in the browser: no Node API.',
  folderMessages: { electron: 'renderer/ talks to main only through the API contract in shared/api.' },
  packageMessages: { electron: 'renderer/ must not import electron.' },
};
const electron = {
  layer: 'electron',
  folders: ['electron', 'shared'],
  packages: electronPackages,
  packageList: 'electronPackages',
  nodeBuiltins: true,
  packageMessages: {
    electron:
      'Only electron/main.ts, electron/preload.ts and electron/platform/ import electron, so the rest runs in plain Node.',
  },
};
// The shell starts the app (Electron window or the browser harness) and wires services in;
// services never reach back into it, so they run the same under both.
const services = {
  ...electron,
  forbidden: [
    {
      regex: '^electron/((main|preload)(\\.[cm]?[jt]s)?$|(platform|harness)(/|$))',
      message:
        'electron/services/ must not import the shell (main, preload, platform/, harness/): services run the same under Electron and the harness.',
    },
  ],
};
const server = {
  layer: 'server',
  folders: ['server', 'shared'],
  packages: serverPackages,
  packageList: 'serverPackages',
  nodeBuiltins: true,
  packageMessages: { electron: 'server/ must not import electron.' },
};
const withTests = (options, extra) => ({
  ...options,
  packages: [...options.packages, ...testPackages, ...extra],
});

const runtimeFiles = ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'server/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'bench/results/**',
      'test/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    plugins: { cims: { rules: { 'allowed-imports': allowedImports } } },
  },
  { files: ['shared/**/*.ts'], rules: rule(shared) },
  // The schema test loads the derived schemas into a real RxDB.
  { files: testFiles.map((f) => `shared/${f}`), rules: rule(withTests(shared, ['rxdb'])) },
  {
    files: ['shared/**/*.ts'],
    ignores: testFiles.map((f) => `shared/${f}`),
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'process',
          'Buffer',
          'require',
          '__dirname',
        ].map((name) => ({
          name,
          message: 'shared/ runs in every process: no Node or DOM globals.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...rule(renderer),
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  { files: testFiles.map((f) => `renderer/${f}`), rules: rule(withTests(renderer, rendererTestPackages)) },
  { files: ['electron/**/*.ts'], languageOptions: { globals: globals.node }, rules: rule(electron) },
  // The browser harness is a dev and test shell: it prints the service report with the test Chromium.
  { files: ['electron/harness/**/*.ts'], ignores: testFiles.map((f) => `electron/${f}`), rules: rule({ ...electron, packages: [...electron.packages, 'playwright-core'] }) },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/platform/**/*.ts'],
    rules: rule({ ...electron, packages: [...electron.packages, 'electron', 'electron-updater', 'electron-log'], packageMessages: {} }),
  },
  { files: ['electron/services/**/*.ts'], rules: rule(services) },
  {
    files: testFiles.map((f) => `electron/${f}`),
    ignores: ['electron/services/**'],
    rules: rule(withTests(electron, [])),
  },
  { files: testFiles.map((f) => `electron/services/${f}`), rules: rule(withTests(services, [])) },
  { files: ['server/**/*.ts'], languageOptions: { globals: globals.node }, rules: rule(server) },
  { files: testFiles.map((f) => `server/${f}`), rules: rule(withTests(server, ['s3rver', 'smtp-server'])) },
  // Import cycles: a module graph with a loop has an initialisation order that depends on
  // which file is loaded first. Type-only imports are erased, so they cannot form one.
  {
    files: [...runtimeFiles, 'test/lint/fixtures/cycle/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.ts', 'bench/**/*.ts', 'eslint/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.config.{ts,js}', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
