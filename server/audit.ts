import type { Queryable } from './db/db';

export interface AuditEntry {
  action: string;
  outcome: 'ok' | 'failed' | 'refused' | 'throttled';
  actorId?: string | null;
  actor?: string | null;
  ip?: string | null;
  target?: string | null;
  detail?: Record<string, unknown> | null;
}

/** Appends to the audit log: logins, admin actions, refused requests. */
export async function audit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    'insert into audit_log (action, outcome, actor_id, actor, ip, target, detail) values ($1, $2, $3, $4, $5, $6, $7)',
    [e.action, e.outcome, e.actorId ?? null, e.actor ?? null, e.ip ?? null, e.target ?? null, e.detail ? JSON.stringify(e.detail) : null],
  );
}

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  outcome: string;
  actor_id: string | null;
  actor: string | null;
  ip: string | null;
  target: string | null;
  detail: Record<string, unknown> | null;
}

export async function auditEntries(q: Queryable, action?: string): Promise<AuditRow[]> {
  const r = action
    ? await q.query<AuditRow>('select * from audit_log where action = $1 order by id', [action])
    : await q.query<AuditRow>('select * from audit_log order by id');
  return r.rows;
}
