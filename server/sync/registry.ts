import type { Queryable } from '../db/db';

/** A stored document without RxDB's `_deleted` (that lives in its own column). */
export type Doc = Record<string, unknown> & { id: string };

/** The authenticated caller as access rules see it. */
export interface SyncUser {
  id: string;
  username: string;
  roles: string[];
  teamId: string | null;
}

/** Per-request facts the access rules need (loaded once per pull/push/stream by the registry). */
export interface AccessContext {
  user: SyncUser;
}

export type ValidationResult = { ok: true; doc: Doc } | { ok: false; message: string; field?: string };

export type WriteDecision = { allowed: true } | { allowed: false; fields: string[]; reason: string };

export interface CollectionAccess<C extends AccessContext> {
  canRead(ctx: C, doc: Doc): boolean;
  /**
   * Optional SQL predicate narrowing pull scans before `canRead` runs. `col` is the JSONB
   * expression to test (the doc or its previous version); `param` binds a value and returns
   * its placeholder. Must never exclude a doc `canRead` accepts.
   */
  filterSql?(ctx: C, col: string, param: (value: unknown) => string): string;
  /**
   * Fields the server sets on a pushed doc before `canWrite` judges it (author of a create,
   * times clamped to the server clock). The result is what gets stored.
   */
  prepare?(ctx: C, old: Doc | null, next: Doc): Doc;
  /** `old` null = create. `next._deleted`-style deletion arrives as `deleted` true. */
  canWrite(ctx: C, old: Doc | null, next: Doc, deleted: boolean): WriteDecision;
}

export interface CollectionSpec<C extends AccessContext = AccessContext> {
  name: string;
  validate(doc: Record<string, unknown>): ValidationResult;
  access: CollectionAccess<C>;
  /** Fields only the server writes: client values are ignored and never cause a conflict. */
  serverFields?: readonly string[];
  /**
   * Projection of the fields that decide who may read a doc. When it changes, the previous
   * version is kept so users who lose sight of the doc are told to drop it (Z1).
   */
  accessKey?(doc: Doc): string;
  /**
   * Rules that need other stored documents (unique codes, no cycles in a hierarchy), judged
   * after `canWrite` inside the push transaction, under the collection's counter lock, so
   * two concurrent pushes cannot both pass. `batch` holds this push's rows as they stand,
   * accepted ones included. A refusal is answered like an access refusal (a conflict).
   */
  guard?(tx: Queryable, old: Doc | null, next: Doc, batch: ReadonlyMap<string, { doc: Doc; deleted: boolean }>): Promise<WriteDecision>;
  /** Runs inside the write transaction before a doc is stored (e.g. ticket numbers). */
  beforeStore?(tx: Queryable, old: Doc | null, next: Doc): Promise<Doc>;
  /**
   * Configuration kept as synced documents (customers): every accepted push of one is written
   * to the audit log in the push's own transaction, as `<auditAs>.add|update|delete` with the
   * document before and after.
   */
  auditAs?: string;
}

export interface Registry<C extends AccessContext = AccessContext> {
  get(name: string): CollectionSpec<C> | undefined;
  names(): string[];
  /** Loads what the access rules need to know about a user (team, manager chain, region...). */
  context(q: Queryable, user: SyncUser, collection?: string): Promise<C>;
}

export function createRegistry<C extends AccessContext>(
  specs: CollectionSpec<C>[],
  context: (q: Queryable, user: SyncUser, collection?: string) => Promise<C>,
): Registry<C> {
  const map = new Map(specs.map((s) => [s.name, s]));
  return { get: (n) => map.get(n), names: () => [...map.keys()], context };
}

/**
 * Hook assigning a per-collection counter value to `field` when a doc first arrives without
 * one (human-readable ticket numbers). The counter row lock serialises it across processes.
 */
export function assignNumberOnCreate(counter: string, field: string) {
  return async (tx: Queryable, old: Doc | null, next: Doc): Promise<Doc> => {
    const kept = old?.[field];
    if (kept !== undefined && kept !== null) return { ...next, [field]: kept };
    const r = await tx.query<{ seq: number }>(
      `insert into sync_counters (collection, seq) values ($1, 1)
       on conflict (collection) do update set seq = sync_counters.seq + 1 returning seq`,
      [counter],
    );
    return { ...next, [field]: Number(r.rows[0]!.seq) };
  };
}
