import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified by default; the first screen loads faster minified.
      minify: true,
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
