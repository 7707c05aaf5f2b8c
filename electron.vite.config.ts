import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { injectCspMeta } from './electron/security/csp';

/**
 * The page's Content-Security-Policy meta tag comes from electron/security/csp.ts, the same
 * module the browser harness builds its header from, so index.html holds no copy of it. Runs
 * last, so it sees Vite's own script tags and still puts the policy ahead of them.
 */
const cspMeta = (): Plugin => ({
  name: 'cims-csp-meta',
  transformIndexHtml: { order: 'post', handler: (html) => injectCspMeta(html) },
});

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The local store's worker thread is its own entry: worker-storage.ts starts
      // out/main/storage-worker.js from beside main.js.
      rollupOptions: { input: { main: resolve('electron/main.ts'), 'storage-worker': resolve('electron/db/storage-worker.ts') } },
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
      // electron-vite leaves the renderer unminified by default; the first screen loads faster minified.
      minify: true,
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
