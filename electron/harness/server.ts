/**
 * The browser harness: the same main-process core as the desktop app, served to a browser
 * over a loopback WebSocket. A per-launch token and an Origin check keep other local pages
 * and processes out (RELIABILITY B2).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Router } from '../core/router';
import { zodIssues } from '../core/router';
import {
  clientMessageSchema,
  HARNESS_SOCKET_PATH,
  HARNESS_TOKEN_PARAM,
  MAX_HARNESS_MESSAGE_BYTES,
  type ServerMessage,
} from '../../shared/api/harness';
import { serveStatic } from './static-files';
import { contentSecurityPolicy } from '../security/csp';

export interface HarnessOptions {
  router: Router;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface Harness {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const startHarness = async (options: HarnessOptions): Promise<Harness> => {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  let origin = '';
  const server: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_HARNESS_MESSAGE_BYTES });

  server.on('request', (req, res) => {
    void serveStatic(options.staticDir, { 'content-security-policy': contentSecurityPolicy(origin) })(req, res);
  });

  server.on('upgrade', (req, socket, head) => {
    // A request line that is no URL (e.g. `//[`) is refused, never allowed to throw here:
    // an exception in this handler would end the process that holds the user's store.
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      return;
    }
    const given = url.searchParams.get(HARNESS_TOKEN_PARAM) ?? '';
    if (url.pathname !== HARNESS_SOCKET_PATH || req.headers.origin !== origin || !sameToken(given, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.router));
  });

  await new Promise<void>((resolvePromise) => server.listen(options.port ?? 0, host, resolvePromise));
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
};

const serveSocket = (ws: WebSocket, router: Router): void => {
  const subscriptions = new Map<number, () => void>();
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  ws.on('message', (data, isBinary) => {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      raw = undefined;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      send({
        type: 'error',
        error: { code: 'VALIDATION_FAILED', message: 'Malformed message', fields: zodIssues(parsed.error) },
      });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'command':
        void router.dispatch(message.name, message.input).then((result) => send({ type: 'result', id: message.id, result }));
        break;
      case 'subscribe': {
        subscriptions.get(message.id)?.();
        const result = router.subscribe(message.name, message.params, (update) =>
          send({ type: 'live', id: message.id, result: update }),
        );
        if (result.ok) subscriptions.set(message.id, result.value);
        else send({ type: 'live', id: message.id, result });
        break;
      }
      case 'unsubscribe':
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
        break;
    }
  });

  ws.on('close', () => {
    for (const stop of subscriptions.values()) stop();
    subscriptions.clear();
  });
};
