/**
 * `npm run start:web`: runs the main-process core in plain Node and serves the renderer to
 * a browser over loopback. For machines without an Electron binary, and for end-to-end tests.
 */
import { resolve } from 'node:path';
import { createCore } from '../core/core';
import { startHarness } from './server';

const dataDir = resolve(process.env.CIMS_DATA_DIR ?? '.data/harness');
const staticDir = resolve(process.env.CIMS_RENDERER_DIR ?? 'out/renderer');
const port = Number(process.env.CIMS_HARNESS_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`CIMS_HARNESS_PORT must be a port number (0-65535), got "${process.env.CIMS_HARNESS_PORT}"`);
  process.exit(2);
}

const core = await createCore({ dataDir, shell: 'harness', version: process.env.npm_package_version ?? '0.0.0' });
const harness = await startHarness({ router: core.router, staticDir, port });

console.log(`CIMS is running. Data: ${dataDir}`);
console.log(`Open ${harness.url}`);
// Machine-readable line for tests and scripts that start the harness as a child process.
console.log(`CIMS_HARNESS_URL=${harness.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await harness.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
