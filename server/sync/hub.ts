import type { Logger } from 'pino';
import type { StreamEvent } from '../../shared/sync/protocol';
import type { Db } from '../db/db';
import { changesSince, maxSeq, SYNC_CHANNEL } from './engine';
import { visibleForm } from './read-door';
import type { AccessContext, Registry } from './registry';

interface Subscriber {
  ctx: AccessContext;
  loadedAt: number;
  send(event: StreamEvent): void;
  close(): void;
}

interface CollectionState {
  lastSeq: number | null;
  chain: Promise<void>;
  subs: Set<Subscriber>;
}

const FETCH_LIMIT = 1000;
/** Access facts (team, manager chain, visible tickets) are reloaded when older than this. */
const CONTEXT_TTL_MS = 2000;

/**
 * Live fan-out. Every commit that stores docs sends NOTIFY {collection, seq}; each server
 * process LISTENs, reads the new rows once per collection and sends each subscriber what
 * their access rules let them see. So a change pushed to one process is streamed by all.
 */
export class StreamHub {
  private readonly states = new Map<string, CollectionState>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly registry: Registry<AccessContext>,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(
      SYNC_CHANNEL,
      (payload) => this.onNotify(payload),
      // Notifications may have been missed while the listener was down: everyone re-pulls.
      () => this.broadcast({ kind: 'RESYNC' }),
    );
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
    for (const s of this.states.values()) {
      for (const sub of s.subs) sub.close();
      s.subs.clear();
    }
  }

  subscriberCount(): number {
    let n = 0;
    for (const s of this.states.values()) n += s.subs.size;
    return n;
  }

  /** Registers a stream; sends RESYNC first so the client pulls what it missed (S3). */
  async subscribe(collection: string, ctx: AccessContext, send: (e: StreamEvent) => void, close: () => void): Promise<() => void> {
    const state = this.state(collection);
    const sub: Subscriber = { ctx, loadedAt: Date.now(), send, close };
    await this.enqueue(state, async () => {
      if (state.lastSeq === null) state.lastSeq = await maxSeq(this.db, collection);
      state.subs.add(sub);
    });
    send({ kind: 'RESYNC' });
    return () => {
      state.subs.delete(sub);
    };
  }

  private state(collection: string): CollectionState {
    let s = this.states.get(collection);
    if (!s) this.states.set(collection, (s = { lastSeq: null, chain: Promise.resolve(), subs: new Set() }));
    return s;
  }

  private enqueue(state: CollectionState, task: () => Promise<void>): Promise<void> {
    const next = state.chain.then(task);
    state.chain = next.catch((err: unknown) => this.log.error({ err }, 'stream fan-out failed'));
    return next;
  }

  private broadcast(event: StreamEvent): void {
    for (const s of this.states.values()) for (const sub of s.subs) sub.send(event);
  }

  private onNotify(payload: string): void {
    let msg: { collection?: unknown; seq?: unknown };
    try {
      msg = JSON.parse(payload) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg.collection !== 'string' || typeof msg.seq !== 'number') return;
    const collection = msg.collection;
    const upTo = msg.seq;
    const state = this.states.get(collection);
    const spec = this.registry.get(collection);
    if (!state || !spec) return;
    void this.enqueue(state, async () => {
      if (state.subs.size === 0) {
        state.lastSeq = null;
        return;
      }
      while (state.lastSeq !== null && state.lastSeq < upTo) {
        const rows = await changesSince(this.db, collection, state.lastSeq, FETCH_LIMIT);
        if (rows.length === 0) break;
        const last = rows[rows.length - 1]!;
        const checkpoint = { seq: last.seq, id: last.id };
        for (const sub of state.subs) {
          if (Date.now() - sub.loadedAt > CONTEXT_TTL_MS) {
            sub.ctx = await this.registry.context(this.db, sub.ctx.user, collection);
            sub.loadedAt = Date.now();
          }
          const documents = rows.map((r) => visibleForm(spec, sub.ctx, r)).filter((d) => d !== null);
          if (documents.length > 0) sub.send({ kind: 'change', documents, checkpoint });
        }
        state.lastSeq = last.seq;
      }
    }).catch(() => undefined);
  }
}
