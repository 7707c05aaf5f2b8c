import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db';

// bigint (int8) columns come back as JS numbers: our sequences stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query(sql, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await q.query(sql);
    },
  };
}

/** PostgreSQL through a `pg` Pool, plus one dedicated connection for LISTEN. */
export async function openPg(connectionString: string, options: { max?: number } = {}): Promise<Db> {
  const max = options.max ?? 10;
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {
    // An idle client died (server restart); the pool replaces it on next use.
  });
  await pool.query('select 1');
  const base = wrap(pool);

  const handlers = new Map<string, Set<{ onPayload: (p: string) => void; onReconnect?: () => void }>>();
  let listener: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  async function connectListener(isReconnect: boolean): Promise<pg.Client> {
    const client = new pg.Client({ connectionString });
    client.on('notification', (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h.onPayload(msg.payload ?? '');
    });
    client.on('error', () => {
      listener = null;
      connecting = null;
      if (!closed) scheduleReconnect();
    });
    await client.connect();
    for (const ch of handlers.keys()) await client.query(`LISTEN ${quoteIdent(ch)}`);
    listener = client;
    if (isReconnect) for (const set of handlers.values()) for (const h of set) h.onReconnect?.();
    return client;
  }

  function scheduleReconnect(): void {
    setTimeout(() => {
      if (closed || connecting) return;
      connecting = connectListener(true).catch(() => {
        connecting = null;
        scheduleReconnect();
        return null as unknown as pg.Client;
      });
    }, 500).unref();
  }

  async function getListener(): Promise<pg.Client> {
    if (listener) return listener;
    connecting ??= connectListener(false);
    return connecting;
  }

  return {
    kind: 'pg',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onReconnect) {
      const entry = { onPayload, onReconnect };
      let set = handlers.get(channel);
      const first = !set;
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(entry);
      const client = await getListener();
      if (first) await client.query(`LISTEN ${quoteIdent(channel)}`);
      return async () => {
        set.delete(entry);
        if (set.size === 0) {
          handlers.delete(channel);
          await listener?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
        }
      };
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    async close() {
      // Idempotent: a stop path and its caller may both close.
      if (closed) return;
      closed = true;
      await listener?.end().catch(() => undefined);
      listener = null;
      await pool.end();
    },
  };
}

function quoteIdent(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}
