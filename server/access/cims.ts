import { collections, type CollectionName } from '../../shared/schema';
import type { Queryable } from '../db/db';
import { SERVER_OWNED_FIELDS } from '../../shared/sync/merge';
import { assignNumberOnCreate, createRegistry, type Doc, type CollectionAccess, type CollectionSpec, type Registry, type SyncUser, type ValidationResult } from '../sync/registry';
import { assetGuard } from './assets';
import { loadContext, type CimsContext } from './context';
import { recordsAccess, recordsGuard } from './records';
import { assessmentApprovalGuard } from './records/assessment';
import {
  assessmentAccess,
  assessmentAccessKey,
  canReadTicket,
  problemAccess,
  referenceData,
  serverOwned,
  ticketAccess,
  ticketAccessKey,
  ticketEventAccess,
} from './rules';

/** Validates with the collection's shared zod schema; the first issue names the field. */
export function zodValidator(name: CollectionName) {
  const schema = collections[name].zod;
  return (doc: Record<string, unknown>): ValidationResult => {
    const r = schema.safeParse(doc);
    if (r.success) return { ok: true, doc: r.data as Doc };
    const issue = r.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    return { ok: false, message: `${field ? field + ': ' : ''}${issue?.message ?? 'invalid'}`, ...(field ? { field } : {}) };
  };
}

const access: Record<CollectionName, CollectionAccess<CimsContext>> = {
  tickets: ticketAccess,
  ticketEvents: ticketEventAccess,
  customers: referenceData(['technician', 'engineer'], ['admin', 'manager']),
  assets: referenceData(['technician', 'engineer', 'expert'], ['admin', 'manager']),
  people: serverOwned(),
  teams: serverOwned(),
  policies: serverOwned(),
  problems: problemAccess,
  assessmentCycles: serverOwned('assessor'),
  assessments: assessmentAccess,
  records: recordsAccess,
};

/** The registry of the CIMS collections with their access rules. */
export function cimsRegistry(): Registry<CimsContext> {
  const specs: CollectionSpec<CimsContext>[] = (Object.keys(collections) as CollectionName[]).map((name) => {
    const spec: CollectionSpec<CimsContext> = { name, validate: zodValidator(name), access: access[name] };
    if (name === 'tickets') {
      spec.serverFields = SERVER_OWNED_FIELDS.tickets;
      spec.accessKey = ticketAccessKey;
      // Human-readable numbers are assigned when a ticket first reaches the server.
      spec.beforeStore = assignNumberOnCreate('number:tickets', 'number');
    }
    // The receive time is the server's: a pushed value never counts (nor makes a conflict).
    if (name === 'ticketEvents') spec.serverFields = SERVER_OWNED_FIELDS.ticketEvents;
    if (name === 'assessments') {
      spec.accessKey = assessmentAccessKey;
      // Out of calibration only with the one-up approval of a reward or an improvement plan.
      spec.guard = assessmentApprovalGuard;
    }
    if (name === 'records') spec.guard = recordsGuard;
    // Customer accounts are configuration an admin or manager edits: each change is audited.
    if (name === 'customers') spec.auditAs = 'customer';
    // Unique codes and RFID tags, no ancestor cycles: rules over the other stored assets.
    if (name === 'assets') spec.guard = assetGuard;
    return spec;
  });
  return createRegistry(specs, (q: Queryable, user: SyncUser, collection?: string) => loadContext(q, user, collection, canReadTicket));
}
