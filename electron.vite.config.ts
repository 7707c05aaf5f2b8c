import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { injectCspMeta } from './electron/security/csp';
import { buildStorageWorker } from './scripts/build-storage-worker';

/**
 * The page's Content-Security-Policy meta tag comes from electron/security/csp.ts, the same
 * module the browser harness builds its header from, so index.html holds no copy of it. Runs
 * last, so it sees Vite's own script tags and still puts the policy ahead of them.
 */
const cspMeta = (): Plugin => ({
  name: 'cims-csp-meta',
  transformIndexHtml: { order: 'post', handler: (html) => injectCspMeta(html) },
});

/**
 * The local store's worker thread, built after main as one file of its own (see
 * scripts/build-storage-worker.ts): the packed app starts it from app.asar.unpacked, where no
 * chunk of main's and no package but better-sqlite3 lies beside it.
 */
const storageWorker = (): Plugin => ({
  name: 'cims-storage-worker',
  apply: 'build',
  async writeBundle(options) {
    await buildStorageWorker(options.dir ?? resolve('out/main'), resolve('.'));
  },
});

export default defineConfig({
  main: {
    plugins: [storageWorker()],
    build: {
      outDir: 'out/main',
      // electron-updater and electron-log stay packages of their own in the packed app.
      rollupOptions: { input: { main: resolve('electron/main.ts') }, external: ['electron-updater', 'electron-log/main'] },
    },
  },
  preload: {
    // A sandboxed preload cannot require() node_modules and must be CommonJS: bundle
    // everything it uses into one file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), cspMeta()],
    build: {
      // electron-vite leaves the renderer unminified by default; the first screen loads faster
      // minified. CIMS_RENDERER_UNMINIFIED=1 keeps the names, for the page profiles of bench:ui.
      minify: !process.env.CIMS_RENDERER_UNMINIFIED,
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
