import type { Transport } from '../../../shared/api/bridge';
import {
  HARNESS_SOCKET_PATH,
  HARNESS_TOKEN_PARAM,
  serverMessageSchema,
  type ClientMessage,
  type ServerMessage,
} from '../../../shared/api/harness';
import { fail, type Result } from '../../../shared/api/result';

type Pending = (result: Result<never>) => void;
interface Subscription {
  name: string;
  params: unknown;
  listener: (result: Result<never>) => void;
}

const RETRY_MS = [250, 500, 1000, 2000, 5000];

/**
 * Speaks to the browser harness over its loopback WebSocket. Reconnects with backoff and
 * re-subscribes live queries, so a restarted harness recovers the view by itself.
 */
export const wsTransport = (url: string): Transport => {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, Pending>();
  const subscriptions = new Map<number, Subscription>();
  const outbox: string[] = [];

  const sendRaw = (message: ClientMessage) => {
    const text = JSON.stringify(message);
    if (socket?.readyState === WebSocket.OPEN) socket.send(text);
    else outbox.push(text);
  };

  const answer = (id: number, result: Result<never>) => {
    const resolve = pending.get(id);
    pending.delete(id);
    resolve?.(result);
  };

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      for (const [id, sub] of subscriptions) {
        const message: ClientMessage = { type: 'subscribe', id, name: sub.name, params: sub.params };
        socket?.send(JSON.stringify(message));
      }
      for (const text of outbox.splice(0)) socket?.send(text);
    };
    socket.onmessage = (event) => {
      const message = readServerMessage(event.data);
      if (!message.ok) {
        // A reply we cannot read still answers its command, as a failure, so no caller waits forever.
        const failed = fail('TRANSPORT_FAILED', 'Malformed message from the core');
        if (message.id !== undefined && pending.has(message.id)) answer(message.id, failed);
        else if (message.id !== undefined) subscriptions.get(message.id)?.listener(failed);
        return;
      }
      const m = message.value;
      // The value's type is the contract's for the name this id was sent with.
      if (m.type === 'result') answer(m.id, m.result as Result<never>);
      else if (m.type === 'live') subscriptions.get(m.id)?.listener(m.result as Result<never>);
      // `error`: the core could not read one of our messages; they are built from the
      // contract's types, so there is nothing to answer and no caller to tell.
    };
    socket.onclose = () => {
      // Commands in flight may or may not have run; report them as failed rather than retry blindly.
      for (const resolve of pending.values()) resolve(fail('TRANSPORT_FAILED', 'Connection to the core closed'));
      pending.clear();
      const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      attempt += 1;
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    invoke: (name, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve as Pending);
        sendRaw({ type: 'command', id, name, input });
      }),
    subscribe: (name, params, listener) => {
      const id = nextId++;
      subscriptions.set(id, { name, params, listener: listener as Subscription['listener'] });
      sendRaw({ type: 'subscribe', id, name, params });
      return () => {
        subscriptions.delete(id);
        sendRaw({ type: 'unsubscribe', id });
      };
    },
  };
};

type Read = { ok: true; value: ServerMessage } | { ok: false; id?: number };

/** Parses one message from the core with the shared schema; keeps the id of a bad one if it has one. */
export const readServerMessage = (data: unknown): Read => {
  let raw: unknown;
  try {
    raw = JSON.parse(String(data));
  } catch {
    return { ok: false };
  }
  const parsed = serverMessageSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? { ok: false, id } : { ok: false };
};

/** The harness passes its per-launch token in the URL fragment; keep it out of history. */
export const harnessUrlFromLocation = (location: Location, storage: Storage): string | null => {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem('cims.harnessToken', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = fromHash ?? storage.getItem('cims.harnessToken');
  if (!token) return null;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${HARNESS_SOCKET_PATH}?${HARNESS_TOKEN_PARAM}=${encodeURIComponent(token)}`;
};
