/**
 * Assigning a round: a manager or admin names the technician of the round's team who does it,
 * or gives it back to the team. Checked as the server checks it (server/access/records/
 * maintenance.ts: only managers and admins change `assigneeId`), plus that the person is a
 * technician of the round's team; written to the local store first, so it works offline and
 * syncs later. Refusals are coded (`maintenance` i18n `errors.<code>`); nothing is written.
 */
import type { z } from 'zod';
import type { RoundSummary } from '../../../shared/api/maintenance';
import type { assignRoundInput } from '../../../shared/api/maintenanceCalendar';
import { recordSchema } from '../../../shared/schema/records';
import type { Person } from '../../../shared/schema';
import type { MaintenanceRoundRecord } from '../../../shared/schema/records';
import { DomainError } from '../../core/errors';
import type { CimsDatabase } from '../../db/open';
import { isAssignable } from './calendar';
import { isKeeper, type MaintenanceStore, type MaintenanceViewer } from './store';
import { roundSummary } from './views';

const refusal = (code: 'FORBIDDEN' | 'VALIDATION_FAILED', field: string, why: string, message: string) =>
  new DomainError(code, message, [{ path: field, code: why, message: `errors.${why}` }]);

export const createAssignCommand =
  (deps: { db: CimsDatabase; store: MaintenanceStore; viewer: () => Promise<MaintenanceViewer | null>; clock?: () => Date }) =>
  async (input: z.output<typeof assignRoundInput>): Promise<RoundSummary> => {
    const { db, store, viewer, clock = () => new Date() } = deps;
    const v = await viewer();
    if (!v) throw new DomainError('UNAUTHORIZED', 'Sign in to assign rounds');
    if (!isKeeper(v)) throw refusal('FORBIDDEN', 'assigneeId', 'assign_forbidden', 'Rounds are assigned by managers and admins');
    const round = await store.round(input.roundId);
    if (round.status === 'done') throw refusal('VALIDATION_FAILED', 'roundId', 'round_done', 'A signed round is not reassigned');
    if (input.assigneeId !== null) {
      const person = (await db.people.findOne(input.assigneeId).exec())?.toJSON() as Person | undefined;
      if (!person || !isAssignable(person, round.ref2)) throw refusal('VALIDATION_FAILED', 'assigneeId', 'round_assignee_not_in_team', 'The person is not a technician of the round’s team');
    }
    const next: MaintenanceRoundRecord = { ...round, updatedAt: clock().toISOString(), body: { ...round.body, assigneeId: input.assigneeId } };
    if (round.body.assigneeId !== input.assigneeId) {
      if (!recordSchema.safeParse(next).success) throw refusal('VALIDATION_FAILED', 'assigneeId', 'invalid', 'The round does not pass the schema');
      await db.records.upsert(next);
    }
    const stored = round.body.assigneeId !== input.assigneeId ? next : round;
    const [plans, templates, customers, sites, readings] = await Promise.all([store.plans(), store.templates(), store.customerNames(), store.sites(), store.readings(round.id)]);
    return roundSummary(stored, { plans: new Map(plans.map((p) => [p.id, p])), templates: new Map(templates.map((t) => [t.id, t])), customers, sites, readings, faults: [], now: clock().getTime() });
  };
