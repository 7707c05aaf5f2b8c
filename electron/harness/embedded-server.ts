/**
 * Starts the central server as a child process with its embedded PGlite database and the
 * demo organisation, so one command gives a new user a working system. The server is its own
 * program (server/), started through its CLI, never imported here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  dataDir: string;
  port?: number;
  demo?: boolean;
  /** Lines the server prints (demo logins, errors), for the launcher to show. */
  onOutput?: (line: string) => void;
  startTimeoutMs?: number;
}

export const startEmbeddedServer = (options: EmbeddedServerOptions): Promise<EmbeddedServer> => {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', tsx, resolve('server/cli.ts'), ...(options.demo === false ? [] : ['--demo'])],
    {
      env: { ...process.env, PORT: String(options.port ?? 0), HOST: '127.0.0.1', CIMS_DATA_DIR: options.dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolvePromise, reject) => {
    let buffered = '';
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The embedded server did not start within ${(options.startTimeoutMs ?? 120_000) / 1000} s:\n${output}`));
    }, options.startTimeoutMs ?? 120_000);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output += `${line}\n`;
        const match = /^CIMS_SERVER_URL=(\S+)/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolvePromise({ url: match[1], stop });
        } else if (!line.startsWith('{')) {
          options.onOutput?.(line);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The embedded server exited with code ${code}:\n${output}`));
    });
  });
};
