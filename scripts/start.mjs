// `npm start`: builds and runs the desktop app. Where the Electron binary could not be
// installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no access to its download host) it says so
// in one line and points to the browser harness instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronBinary = (() => {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
})();

if (!electronBinary) {
  console.error('CIMS: the Electron binary is not installed on this machine; run `npm run start:web` to use CIMS in a browser.');
  process.exit(1);
}

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('npx', ['electron-vite', 'build']);
run(electronBinary, ['.']);
