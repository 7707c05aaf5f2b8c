/**
 * `npm run start:web`: runs the main-process core in plain Node and serves the renderer to
 * a browser over loopback. With no server configured it also starts the embedded central
 * server with the demo organisation and signs in to it, so one command shows a working system.
 *
 * Environment: CIMS_DATA_DIR (default .data/harness), CIMS_HARNESS_PORT (default: random),
 * CIMS_SERVER_URL (an existing server; `none` for local-only), CIMS_DEMO_USER (default manager),
 * CIMS_SERVER_START_TIMEOUT_MS (how long the embedded server may take to start; default 120 s).
 */
import { resolve } from 'node:path';
import { signInToDemo } from '../core/demo-sign-in';
import { routerWhenStarted, startApp, storeFile } from '../core/start';
import { describeStartupError } from '../i18n/startup';
import { defaultExportFolder } from '../services/recovery/recovery';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server';
import { createHarnessPrinter } from './print';
import { startHarness } from './server';

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const dataDir = resolve(process.env.CIMS_DATA_DIR ?? '.data/harness');
const staticDir = resolve(process.env.CIMS_RENDERER_DIR ?? 'out/renderer');
const port = Number(process.env.CIMS_HARNESS_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`CIMS_HARNESS_PORT must be a port number (0-65535), got "${process.env.CIMS_HARNESS_PORT}"`);
const configuredServer = process.env.CIMS_SERVER_URL;
// Generating the demo organisation takes longer on a busy machine (CI runners shared by many jobs).
const startTimeout = Number(process.env.CIMS_SERVER_START_TIMEOUT_MS) || undefined;

let embedded: EmbeddedServer | null = null;
if (!configuredServer) {
  console.log('Starting the embedded server with the demo organisation (the first start takes a little longer)…');
  embedded = await startEmbeddedServer({ dataDir: resolve(dataDir, 'server'), onOutput: (line) => console.log(line), startTimeoutMs: startTimeout }).catch((error: Error) =>
    fail(error.message),
  );
}

// The service report PDF: the print view in a headless Chromium, once the harness has its address.
let harnessUrl = '';
const printer = createHarnessPrinter(() => harnessUrl);
const clientDir = resolve(dataDir, 'client');
const serverUrl = embedded?.url ?? (configuredServer === 'none' ? null : configuredServer ?? null);
// A damaged store starts the recovery screen instead (RELIABILITY D4); its export goes to a
// folder under the data folder, the browser having no file dialog to choose one.
const starting = startApp({
  dataDir: clientDir,
  shell: 'harness',
  version: process.env.npm_package_version ?? '0.0.0',
  printToPdf: printer.print,
  chooseExportFolder: async () => defaultExportFolder(clientDir),
  onCore: async (core) => {
    // The server (or local-only work) was chosen on the command line: no welcome screen.
    await core.settings.update({ setupDone: true, serverUrl: serverUrl ?? core.settings.get().serverUrl });
    if (embedded) console.log(await signInToDemo(core, embedded.url, process.env.CIMS_DEMO_USER));
  },
});
// The page is served while the store opens: it loads meanwhile, and its commands wait for the core.
const harness = await startHarness({ router: routerWhenStarted(starting), staticDir, port });
harnessUrl = harness.url;

console.log(`CIMS is running. Data: ${dataDir}${serverUrl ? `; server: ${serverUrl}` : '; local only'}`);
console.log(`Open ${harness.url}`);
// Machine-readable line for tests and scripts that start the harness as a child process.
console.log(`CIMS_HARNESS_URL=${harness.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await harness.close();
  await printer.close();
  await (await starting.catch(() => null))?.close();
  await embedded?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

const app = await starting.catch(async (error: unknown) => {
  await harness.close();
  await embedded?.stop();
  const { title, message } = describeStartupError(error, 'en');
  return fail(`${title}\n${message}`);
});
if (app.recovery()) console.log(`The local store is damaged: ${storeFile(clientDir)}; the app opens on the recovery screen.`);
