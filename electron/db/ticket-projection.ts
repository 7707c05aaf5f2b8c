/**
 * The tickets' queue columns as a projection table in the local store (projection.ts in the
 * storage): everything the queues filter, sort and count by, and what the SLA state of a
 * queue row needs, without parsing a document. Written by the storage with every ticket
 * write; a store without it, or built by another `version`, is rebuilt when opened.
 */
import type { ProjectionSpec, ProjectionSpecs, SqlValue } from './sqlite-storage';

/** Column names, in row order; the SQL of the queue (services/queue/sql.ts) names them. */
export const TICKET_COLUMNS = [
  ['id', 'TEXT'],
  ['number', 'INTEGER'],
  ['provisional_number', 'TEXT'],
  ['status', 'TEXT'],
  ['severity', 'TEXT'],
  ['priority', 'TEXT'],
  ['type', 'TEXT'],
  ['customer_tier', 'TEXT'],
  ['pending_reason', 'TEXT'],
  ['team_id', 'TEXT'],
  ['assignee_id', 'TEXT'],
  ['customer_id', 'TEXT'],
  ['asset_id', 'TEXT'],
  ['product_line', 'TEXT'],
  ['region', 'TEXT'],
  ['functional_level', 'TEXT'],
  ['management_level', 'TEXT'],
  ['created_at', 'TEXT'],
  ['updated_at', 'TEXT'],
  ['sla_due_at', 'TEXT'],
  ['responded_at', 'TEXT'],
  ['restored_at', 'TEXT'],
  ['resolved_at', 'TEXT'],
  ['closed_at', 'TEXT'],
] as const;

/** Ticket fields of the columns above, in the same order. */
const FIELDS = [
  'id', 'number', 'provisionalNumber', 'status', 'severity', 'priority', 'type', 'customerTier', 'pendingReason', 'teamId', 'assigneeId', 'customerId', 'assetId',
  'productLine', 'region', 'functionalLevel', 'managementLevel', 'createdAt', 'updatedAt', 'slaDueAt', 'respondedAt', 'restoredAt', 'resolvedAt', 'closedAt',
] as const;

export type TicketColumn = (typeof TICKET_COLUMNS)[number][0];

const value = (v: unknown): SqlValue => (typeof v === 'string' || typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null);

export const ticketProjection: ProjectionSpec = {
  version: 1,
  columns: TICKET_COLUMNS,
  // The built-in views and the sortable columns; every one ends in the tie-breaker `id`.
  indexes: [
    ['id'],
    ['number'],
    ['provisional_number'],
    ['status', 'sla_due_at', 'id'],
    ['assignee_id', 'status', 'sla_due_at'],
    ['team_id', 'status', 'sla_due_at'],
    ['sla_due_at', 'id'],
    ['created_at', 'id'],
    ['updated_at', 'id'],
    ['severity', 'sla_due_at'],
    ['customer_id'],
    ['asset_id'],
  ],
  row: (doc) => FIELDS.map((f) => value(doc[f])),
};

export const cimsProjections: ProjectionSpecs = { tickets: ticketProjection };
