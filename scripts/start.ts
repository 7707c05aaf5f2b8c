// `npm start`: builds the desktop app, starts the embedded central server with the demo
// organisation, and runs Electron signed in to it. Where the Electron binary could not be
// installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no access to its download host) it says so in
// one line and points to the browser harness instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { startEmbeddedServer } from '../electron/harness/embedded-server';

const electronBinary = ((): string | null => {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
})();

if (!electronBinary) {
  console.error('CIMS: the Electron binary is not installed on this machine; run `npm run start:web` to use CIMS in a browser.');
  process.exit(1);
}

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log('Starting the embedded server with the demo organisation…');
const server = await startEmbeddedServer({
  dataDir: resolve(process.env.CIMS_DATA_DIR ?? '.data/desktop-server'),
  onOutput: (line) => console.log(line),
});
const app = spawn(electronBinary, ['.'], { stdio: 'inherit', env: { ...process.env, CIMS_DEMO_SERVER_URL: server.url } });
app.on('exit', (code) => {
  void server.stop().then(() => process.exit(code ?? 0));
});
