import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HARNESS_SOCKET_PATH, serverMessageSchema } from '../../shared/api/harness';
import { createCore, type Core } from '../core/core';
import { startHarness, type Harness } from './server';

const validInput = { title: 'Fan alarm on shelf 2', severity: 'minor', type: 'fault', channel: 'email', newCustomerName: 'Telco A', contact: { name: 'Ops desk' }, problemReport: false };

describe('browser harness', () => {
  let dir: string;
  let core: Core;
  let harness: Harness;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-harness-'));
    const staticDir = join(dir, 'static');
    core = await createCore({ dataDir: join(dir, 'data'), shell: 'harness', version: '0.0.0' });
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>CIMS</title>');
    await writeFile(join(dir, 'secret.txt'), 'not for the browser');
    harness = await startHarness({ router: core.router, staticDir });
  });
  afterAll(async () => {
    await harness.close();
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  const connect = (options: { token?: string; origin?: string } = {}) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${harness.port}${HARNESS_SOCKET_PATH}?token=${options.token ?? harness.token}`, {
        origin: options.origin ?? harness.origin,
      });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });

  // Every answer must be a message of the shared schema, which the renderer parses it with.
  const decode = (data: unknown) => serverMessageSchema.parse(JSON.parse(String(data)));

  const request = (ws: WebSocket, message: unknown) =>
    new Promise<Record<string, unknown>>((resolve) => {
      ws.once('message', (data) => resolve(decode(data)));
      ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    });

  it('serves the renderer with a strict CSP and no files outside its folder', async () => {
    const index = await fetch(`${harness.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${harness.port}`);
    // Raw paths: fetch() would normalise the dots away before sending.
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/static/../../secret.txt']) {
      const status = await new Promise<number>((resolve, reject) =>
        get({ host: '127.0.0.1', port: harness.port, path }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject),
      );
      expect(status, path).toBe(404);
    }
  });

  it('runs a command and streams a live query over the socket', async () => {
    const ws = await connect();
    const live: unknown[] = [];
    ws.on('message', (data) => {
      const message = decode(data);
      if (message.type === 'live') live.push(message.result);
    });
    ws.send(JSON.stringify({ type: 'subscribe', id: 1, name: 'tickets.list', params: { limit: 5 } }));
    const created = await new Promise<Record<string, unknown>>((resolve) => {
      ws.on('message', (data) => {
        const message = decode(data);
        if (message.type === 'result') resolve(message);
      });
      ws.send(JSON.stringify({ type: 'command', id: 2, name: 'tickets.create', input: validInput }));
    });
    expect(created).toMatchObject({ id: 2, result: { ok: true, value: { title: validInput.title } } });
    await expect.poll(() => (live.at(-1) as { value?: unknown[] } | undefined)?.value?.length).toBe(1);
    ws.close();
  });

  it('refuses a wrong token and another Origin (B2)', async () => {
    await expect(connect({ token: 'wrong' })).rejects.toThrow('HTTP 403');
    await expect(connect({ token: '' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: 'null' })).rejects.toThrow('HTTP 403');
  });

  it('answers an upgrade with a malformed URL with 400 and keeps serving', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = tcpConnect(harness.port, '127.0.0.1', () => {
        socket.write(
          `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${harness.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer.startsWith('HTTP/1.1 400')).toBe(true);
    const ws = await connect();
    ws.close();
  });

  it('answers malformed messages with a coded error and writes nothing (B1)', async () => {
    const before = await core.db.tickets.count().exec();
    const ws = await connect();
    expect(await request(ws, 'not json')).toMatchObject({ type: 'error', error: { code: 'VALIDATION_FAILED' } });
    expect(await request(ws, { type: 'command', id: 1, name: 'tickets.create', input: validInput, extra: 1 })).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await request(ws, { type: 'command', id: 3, name: 'tickets.create', input: { ...validInput, priority: 'P1' } })).toMatchObject({
      id: 3,
      result: { ok: false, error: { code: 'VALIDATION_FAILED' } },
    });
    expect(await request(ws, { type: 'command', id: 4, name: 'tickets.create', input: { ...validInput, severity: 7 } })).toMatchObject({
      result: { ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'severity' }] } },
    });
    expect(await request(ws, { type: 'command', id: 5, name: 'constructor', input: {} })).toMatchObject({
      result: { ok: false, error: { code: 'UNKNOWN_COMMAND' } },
    });
    expect(await core.db.tickets.count().exec()).toBe(before);
    ws.close();
  });
});
