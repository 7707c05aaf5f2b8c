import { streamEventSchema, SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER, type StreamEvent } from '../../shared/sync/protocol';

export interface SseClient {
  events: StreamEvent[];
  /** Resolves when an event matching `pred` has arrived (or rejects after `timeoutMs`). */
  waitFor(pred: (e: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  status: number;
  close(): void;
  closed: Promise<void>;
}

/** A minimal Server-Sent Events reader over fetch, for tests. `url` is `server.url + routePath('stream', ...)`. */
export async function openStream(url: string, token: string): Promise<SseClient> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, [SYNC_VERSION_HEADER]: String(SYNC_PROTOCOL_VERSION) }, signal: ac.signal });
  const events: StreamEvent[] = [];
  const waiters: { pred: (e: StreamEvent) => boolean; resolve: (e: StreamEvent) => void; reject: (err: unknown) => void }[] = [];
  let broken: unknown = null;
  const closed = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = chunk.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!data) continue;
          // Decoded as the desktop client decodes it: a server event off the protocol fails the test.
          const ev = streamEventSchema.parse(JSON.parse(data)) as StreamEvent;
          events.push(ev);
          for (const w of [...waiters]) if (w.pred(ev)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(ev);
          }
        }
      }
    } catch (err) {
      // Aborted by close(), or an event off the protocol: that one fails whoever waits.
      if (!ac.signal.aborted) {
        broken = err;
        for (const w of waiters.splice(0)) w.reject(err);
      }
    }
  })();
  return {
    events,
    status: res.status,
    closed,
    close: () => ac.abort(),
    waitFor(pred, timeoutMs = 5000) {
      const hit = events.find(pred);
      if (hit) return Promise.resolve(hit);
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(events).slice(0, 500)}`)), timeoutMs);
        waiters.push({ pred, resolve: (e) => (clearTimeout(t), resolve(e)), reject: (err) => (clearTimeout(t), reject(err)) });
      });
    },
  };
}
