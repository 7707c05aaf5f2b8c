import type { Transport } from '../../../shared/api/bridge';
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

  const sendRaw = (message: unknown) => {
    const text = JSON.stringify(message);
    if (socket?.readyState === WebSocket.OPEN) socket.send(text);
    else outbox.push(text);
  };

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      for (const [id, sub] of subscriptions) socket?.send(JSON.stringify({ type: 'subscribe', id, name: sub.name, params: sub.params }));
      for (const text of outbox.splice(0)) socket?.send(text);
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { type: string; id?: number; result?: Result<never> };
      if (message.id === undefined || !message.result) return;
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'live') {
        subscriptions.get(message.id)?.listener(message.result);
      }
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

/** The harness passes its per-launch token in the URL fragment; keep it out of history. */
export const harnessUrlFromLocation = (location: Location, storage: Storage): string | null => {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem('cims.harnessToken', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = fromHash ?? storage.getItem('cims.harnessToken');
  if (!token) return null;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api?token=${encodeURIComponent(token)}`;
};
