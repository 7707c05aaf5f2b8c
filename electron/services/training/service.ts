/**
 * Training records in the main process: commands check the same domain rules the server
 * applies (shared/domain/training.ts) before they write to the local store, so the UI never
 * offers what sync would refuse, and work entered offline waits there for the network. Every
 * answer holds only records the viewer may see (Z5).
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import type { decideTrainingInput, removeTrainingInput, saveTrainingInput, TrainingCsvPreview, TrainingRow, TrainingTeamView, TrainingView } from '../../../shared/api/training';
import { managerChain, type Viewer } from '../../../shared/domain/assessment';
import { checkTrainingRows, expiringCertifications, MAX_TRAINING_CSV_ROWS, trainingInPeriod, trainingWriteRefusal, TRAINING_CSV_COLUMNS, type CheckedTrainingRow, type TrainingActor, type TrainingCsvColumn } from '../../../shared/domain/training';
import { validateDocument, type TrainingRecord } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { newId } from '../../core/settings';
import { loadOrg, personRef, type Org } from '../assessments/org';

type Input<S extends z.ZodType> = z.output<S>;

export interface TrainingServiceOptions {
  db: CimsDatabase;
  viewer: () => Viewer | null;
  clock?: () => Date;
}

const REFUSALS = {
  notVisible: 'Training records are kept by the person, the managers above them and the assessors',
  confirmedLocked: 'A confirmed training record is changed by a manager only',
  selfDecision: 'Nobody confirms their own training record',
  otherPerson: 'A training record stays with its person',
} as const;

export const createTrainingService = ({ db, viewer, clock = () => new Date() }: TrainingServiceOptions) => {
  const me = (): Viewer => {
    const v = viewer();
    if (!v) throw new DomainError('UNAUTHORIZED', 'Sign in to keep training records');
    return v;
  };
  const actorFor = (v: Viewer, org: Org, personId: string): TrainingActor => ({
    self: personId === v.id,
    managerAbove: managerChain(personId, [...org.people.values()]).includes(v.id),
    assessor: v.roles.includes('assessor'),
  });
  const allRecords = async (): Promise<TrainingRecord[]> => (await db.records.find({ selector: { kind: 'training' } }).exec()).map((d) => d.toJSON() as TrainingRecord);
  const stored = async (id: string): Promise<TrainingRecord> => {
    const doc = await db.records.findOne(id).exec();
    if (!doc || doc.kind !== 'training') throw new DomainError('NOT_FOUND', 'No such training record');
    return doc.toJSON() as TrainingRecord;
  };
  const write = async (v: Viewer, org: Org, old: TrainingRecord | null, next: TrainingRecord | null): Promise<void> => {
    const refusal = trainingWriteRefusal(actorFor(v, org, (old ?? next)!.ref), old, next);
    if (refusal) throw new DomainError('FORBIDDEN', REFUSALS[refusal]);
    if (next) {
      const checked = validateDocument('records', next);
      if (!checked.ok) throw new DomainError('VALIDATION_FAILED', `training: ${checked.errors.join('; ')}`);
      await db.records.upsert(next);
    } else {
      await (await db.records.findOne(old!.id).exec())?.remove();
    }
  };

  const rowOf = (v: Viewer, org: Org, r: TrainingRecord): TrainingRow => {
    const actor = actorFor(v, org, r.ref);
    const decided = { ...r, status: 'confirmed' as const, body: { ...r.body, decidedBy: v.id, decidedAt: r.updatedAt } };
    return {
      id: r.id,
      person: personRef(org, r.ref),
      trainingKind: r.body.trainingKind,
      title: r.body.title,
      provider: r.body.provider,
      startsOn: r.body.startsOn,
      endsOn: r.body.endsOn,
      hours: r.body.hours,
      result: r.body.result,
      expiresOn: r.body.expiresOn,
      status: r.status,
      note: r.body.note,
      enteredBy: personRef(org, r.body.enteredBy),
      decidedBy: r.body.decidedBy ? personRef(org, r.body.decidedBy) : null,
      decidedAt: r.body.decidedAt,
      can: {
        edit: trainingWriteRefusal(actor, r, { ...r, status: 'submitted' }) === null,
        decide: r.status === 'submitted' && trainingWriteRefusal(actor, r, decided) === null,
        remove: trainingWriteRefusal(actor, r, null) === null,
      },
    };
  };
  const byDate = (a: TrainingRecord, b: TrainingRecord) => b.body.endsOn.localeCompare(a.body.endsOn) || b.id.localeCompare(a.id);

  /** Resolves a CSV user name to a person the importer keeps records for. */
  const csvPeople = (v: Viewer, org: Org) => {
    const byName = new Map([...org.people.values()].map((p) => [p.username.toLowerCase(), p.id]));
    return (username: string): string | null | 'notYours' => {
      const id = byName.get(username.toLowerCase());
      if (!id) return null;
      const actor = actorFor(v, org, id);
      // Importing is a manager's or an assessor's work: it confirms what it writes.
      return !actor.self && (actor.managerAbove || actor.assessor) ? id : 'notYours';
    };
  };
  const checkCsv = (v: Viewer, org: Org, csv: string): { rows: CheckedTrainingRow[]; usernames: string[]; titles: string[] } => {
    const parsed = Papa.parse<Partial<Record<TrainingCsvColumn, string>>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim(), preview: MAX_TRAINING_CSV_ROWS });
    const header = parsed.meta.fields ?? [];
    const missing = TRAINING_CSV_COLUMNS.filter((c) => c !== 'expiresOn' && c !== 'provider' && c !== 'result' && !header.includes(c));
    if (missing.length > 0) throw new DomainError('VALIDATION_FAILED', `Missing columns: ${missing.join(', ')}`, missing.map((c) => ({ path: `csv.${c}`, code: 'missingColumn', message: 'csv.missingColumn' })));
    if (parsed.data.length === 0) throw new DomainError('VALIDATION_FAILED', 'The file has no rows', [{ path: 'csv', code: 'noRows', message: 'csv.noRows' }]);
    return { rows: checkTrainingRows(parsed.data, csvPeople(v, org)), usernames: parsed.data.map((r) => (r.username ?? '').trim()), titles: parsed.data.map((r) => (r.title ?? '').trim()) };
  };

  return {
    async save(input: Input<typeof saveTrainingInput>): Promise<{ id: string }> {
      const v = me();
      const org = await loadOrg(db);
      const old = input.id ? await stored(input.id) : null;
      const now = clock().toISOString();
      const f = input.form;
      const body = { trainingKind: f.trainingKind, title: f.title, provider: f.provider, startsOn: f.startsOn, endsOn: f.endsOn, hours: f.hours, result: f.result, expiresOn: f.expiresOn === '' ? null : f.expiresOn, note: f.note };
      // An edit goes back to the person's managers for a decision, unless a manager makes it.
      const byManager = !actorFor(v, org, input.personId).self;
      const next: TrainingRecord = old
        ? { ...old, updatedAt: now, ref: input.personId, status: byManager ? old.status : 'submitted', body: { ...old.body, ...body, ...(byManager ? {} : { decidedBy: null, decidedAt: null }) } }
        : { id: newId(), createdAt: now, updatedAt: now, kind: 'training', ref: input.personId, ref2: '', status: 'submitted', body: { ...body, enteredBy: v.id, decidedBy: null, decidedAt: null } };
      await write(v, org, old, next);
      return { id: next.id };
    },

    async decide(input: Input<typeof decideTrainingInput>): Promise<{ id: string }> {
      const v = me();
      const org = await loadOrg(db);
      const old = await stored(input.id);
      if (old.status !== 'submitted') throw new DomainError('CONFLICT', 'This training record has been decided already');
      const now = clock().toISOString();
      await write(v, org, old, { ...old, updatedAt: now, status: input.decision === 'confirm' ? 'confirmed' : 'rejected', body: { ...old.body, decidedBy: v.id, decidedAt: now } });
      return { id: old.id };
    },

    async remove(input: Input<typeof removeTrainingInput>): Promise<{ id: string }> {
      const v = me();
      const org = await loadOrg(db);
      await write(v, org, await stored(input.id), null);
      return { id: input.id };
    },

    async previewCsv(csv: string): Promise<TrainingCsvPreview> {
      const v = me();
      const { rows, usernames, titles } = checkCsv(v, await loadOrg(db), csv);
      return {
        rows: rows.map((r, i) => ({ line: r.line, username: usernames[i] ?? '', title: titles[i] ?? '', errors: r.errors })),
        valid: rows.filter((r) => r.draft).length,
        invalid: rows.filter((r) => !r.draft).length,
      };
    },

    /** All or nothing: a file with any bad row writes nothing. Imported records are confirmed by the importer. */
    async importCsv(csv: string): Promise<{ imported: number }> {
      const v = me();
      const org = await loadOrg(db);
      const { rows } = checkCsv(v, org, csv);
      const bad = rows.filter((r) => !r.draft);
      if (bad.length > 0) throw new DomainError('VALIDATION_FAILED', `${bad.length} row(s) have errors; nothing was imported`);
      const now = clock().toISOString();
      const docs: TrainingRecord[] = rows.map((r) => {
        const d = r.draft!;
        return {
          id: newId(),
          createdAt: now,
          updatedAt: now,
          kind: 'training',
          ref: d.personId,
          ref2: '',
          status: 'confirmed',
          body: { trainingKind: d.trainingKind, title: d.title, provider: d.provider, startsOn: d.startsOn, endsOn: d.endsOn, hours: d.hours, result: d.result, expiresOn: d.expiresOn, note: '', enteredBy: v.id, decidedBy: v.id, decidedAt: now },
        };
      });
      docs.forEach((doc, i) => {
        const refusal = trainingWriteRefusal(actorFor(v, org, doc.ref), null, doc);
        const checked = validateDocument('records', doc);
        if (refusal || !checked.ok) throw new DomainError('VALIDATION_FAILED', `line ${rows[i]!.line}: ${refusal ?? (checked.ok ? '' : checked.errors.join('; '))}`);
      });
      // One bulk write: the rows land together or not at all.
      const result = await db.records.bulkInsert(docs);
      if (result.error.length > 0) throw new DomainError('STORAGE_FAILED', `${result.error.length} row(s) could not be stored`);
      return { imported: docs.length };
    },

    async person(personId: string | null): Promise<TrainingView | null> {
      const v = viewer();
      if (!v) return null;
      const org = await loadOrg(db);
      const target = personId ?? v.id;
      if (!org.people.has(target) && target !== v.id) return null;
      const actor = actorFor(v, org, target);
      if (!(actor.self || actor.managerAbove || actor.assessor)) return null;
      const people = [...org.people.values()]
        .filter((p) => p.id === v.id || p.active)
        .filter((p) => {
          const a = actorFor(v, org, p.id);
          return a.self || a.managerAbove || a.assessor;
        })
        .sort((a, b) => (a.id === v.id ? -1 : b.id === v.id ? 1 : a.displayName.localeCompare(b.displayName)))
        .map((p) => personRef(org, p.id));
      const records = (await allRecords()).filter((r) => r.ref === target).sort(byDate);
      return { people, person: personRef(org, target), own: target === v.id, rows: records.map((r) => rowOf(v, org, r)), canAdd: true };
    },

    async team(): Promise<TrainingTeamView> {
      const v = viewer();
      if (!v) return { pending: [], expiring: [] };
      const org = await loadOrg(db);
      // Records of people below the viewer (assessors: everyone but themselves).
      const below = (await allRecords()).filter((r) => {
        const a = actorFor(v, org, r.ref);
        return !a.self && (a.managerAbove || a.assessor);
      });
      const today = clock().toISOString().slice(0, 10);
      return {
        pending: below.filter((r) => r.status === 'submitted').sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((r) => rowOf(v, org, r)),
        expiring: expiringCertifications(below, today).map((e) => ({ row: rowOf(v, org, e.record), daysLeft: e.daysLeft })),
      };
    },

    async period(personId: string, from: string, to: string): Promise<{ count: number; hours: number; titles: string[] }> {
      const v = viewer();
      if (!v) return { count: 0, hours: 0, titles: [] };
      const org = await loadOrg(db);
      const actor = actorFor(v, org, personId);
      if (!(actor.self || actor.managerAbove || actor.assessor)) return { count: 0, hours: 0, titles: [] };
      const q = trainingInPeriod((await allRecords()).filter((r) => r.ref === personId), from, to);
      return { count: q.count, hours: q.hours, titles: q.records.map((r) => r.body.title) };
    },
  };
};
export type TrainingService = ReturnType<typeof createTrainingService>;
