import type { Doc, WriteDecision } from '../../sync/registry';
import type { CimsContext } from '../context';

/**
 * Access to one kind of record in the shared `records` collection. The collection's rule
 * (index.ts) dispatches on `kind`; a kind without an entry is neither read nor written.
 */
export interface RecordKindAccess {
  canRead(ctx: CimsContext, record: Doc): boolean;
  /** `old` null = create. Called only for records whose stored and pushed kind agree. */
  canWrite(ctx: CimsContext, old: Doc | null, next: Doc, deleted: boolean): WriteDecision;
  /**
   * SQL predicate narrowing a pull to candidate records of this kind (may accept more than
   * canRead, never less). `col` is the JSONB document; absent = every record of the kind.
   */
  filterSql?(ctx: CimsContext, col: string, param: (value: unknown) => string): string;
  /**
   * Movements and counts: totals are sums of records, never an overwritten number
   * (RELIABILITY D5), so a stored record of such a kind is never changed or deleted.
   */
  appendOnly?: boolean;
}

export const has = (ctx: CimsContext, ...roles: string[]): boolean => roles.some((r) => ctx.roles.has(r));
export const ALLOW: WriteDecision = { allowed: true };
export const refuse = (fields: string[], reason: string): WriteDecision => ({ allowed: false, fields, reason });
