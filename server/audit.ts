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

/** A change an admin made that went through: who, from where, on what, and its detail. */
export const auditChange = (q: Queryable, actor: { id: string | null; name: string; ip?: string | null }, action: string, target: string, detail: Record<string, unknown>): Promise<void> =>
  audit(q, { action, outcome: 'ok', actorId: actor.id, actor: actor.name, ip: actor.ip ?? null, target, detail });

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

export interface AuditFilters {
  action?: string;
  actor?: string;
  outcome?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

/** The audit viewer's page: newest first, filtered in SQL so the log can grow without bound. */
export async function queryAudit(q: Queryable, f: AuditFilters) {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    args.push(value);
    where.push(sql.replaceAll('?', `$${args.length}`));
  };
  // An action filter matches the action and its sub-actions: `user` finds user.add, user.roles ...
  if (f.action) add(`(action = ? or action like ? || '.%')`, f.action);
  if (f.actor) add('actor = ?', f.actor.toLowerCase());
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.from) add('at >= ?', f.from);
  if (f.to) add('at < ?', f.to);
  if (f.before) add('id < ?', f.before);
  args.push(f.limit);
  const r = await q.query<AuditRow>(`select * from audit_log ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit $${args.length}`, args);
  return r.rows.map((e) => ({
    id: Number(e.id),
    at: new Date(e.at).toISOString(),
    action: e.action,
    outcome: e.outcome,
    actorId: e.actor_id,
    actor: e.actor,
    ip: e.ip,
    target: e.target,
    detail: e.detail,
  }));
}
