import { z } from 'zod';
import type { TrainingCsvColumn, TrainingCsvErrorCode } from '../domain/training';
import { TRAINING_KINDS, type TrainingKind, type TrainingStatus } from '../schema/records/training';
import { command, liveQuery, slice } from './define';
import type { PersonRef } from './assessments';

/**
 * Training records (issue "Quarterly staff assessment", item 6): courses and certifications
 * per person, entered by the person and confirmed by a manager above them, imported from
 * CSV, listed beside the KPI panel and as expiring certifications for managers. Messages are
 * i18n keys of the `training` namespace.
 */
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const date = (message: string) => z.string().regex(DATE_RE, message);
const docId = z.string().trim().min(1).max(64);

export const trainingForm = z
  .object({
    trainingKind: z.enum(TRAINING_KINDS, 'validation.kind'),
    title: z.string().trim().min(1, 'validation.titleRequired').max(200, 'validation.tooLong'),
    provider: z.string().trim().max(200, 'validation.tooLong'),
    startsOn: date('validation.date'),
    endsOn: date('validation.date'),
    hours: z.number('validation.hours').min(0, 'validation.hours').max(2000, 'validation.hours'),
    result: z.string().trim().max(200, 'validation.tooLong'),
    /** Certifications only; '' = none. */
    expiresOn: z.union([date('validation.date'), z.literal('')]),
    note: z.string().max(2000, 'validation.tooLong'),
  })
  .strict()
  .refine((f) => f.endsOn >= f.startsOn, { message: 'validation.endsBeforeStart', path: ['endsOn'] })
  .refine((f) => f.expiresOn === '' || f.expiresOn >= f.endsOn, { message: 'validation.expiresBeforeEnd', path: ['expiresOn'] });
export type TrainingForm = z.input<typeof trainingForm>;

export const saveTrainingInput = z
  .object({
    /** null = a new record. */
    id: docId.nullable(),
    /** The person the record is about (the signed-in user for their own). */
    personId: docId,
    form: trainingForm,
  })
  .strict();

export const decideTrainingInput = z.object({ id: docId, decision: z.enum(['confirm', 'reject']) }).strict();
export const removeTrainingInput = z.object({ id: docId }).strict();

/** Files over 2 MB are refused before parsing (a year of a large team's courses is far less). */
export const MAX_TRAINING_CSV_CHARS = 2 * 1024 * 1024;
export const trainingCsvInput = z.object({ csv: z.string().max(MAX_TRAINING_CSV_CHARS, 'validation.csvTooLarge') }).strict();

export interface TrainingRow {
  id: string;
  person: PersonRef;
  trainingKind: TrainingKind;
  title: string;
  provider: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  result: string;
  expiresOn: string | null;
  status: TrainingStatus;
  note: string;
  enteredBy: PersonRef;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  /** What the viewer may do with it now (the server allows the same). */
  can: { edit: boolean; decide: boolean; remove: boolean };
}

export interface ExpiringRow {
  row: TrainingRow;
  daysLeft: number;
}

export interface TrainingView {
  /** People whose records the viewer may see, the viewer first: the person picker. */
  people: PersonRef[];
  person: PersonRef;
  /** The records are the viewer's own (a new one then waits for a manager's decision). */
  own: boolean;
  rows: TrainingRow[];
  /** The viewer may add a record for this person. */
  canAdd: boolean;
}

export interface TrainingTeamView {
  /** Records of people below the viewer waiting for a decision, oldest first. */
  pending: TrainingRow[];
  /** Certifications of people below the viewer that lapse within 60 days or lapsed lately. */
  expiring: ExpiringRow[];
}

export interface TrainingCsvPreview {
  rows: { line: number; username: string; title: string; errors: { field: TrainingCsvColumn; code: TrainingCsvErrorCode }[] }[];
  valid: number;
  invalid: number;
}

export const trainingApi = slice({
  commands: {
    'training.save': command<{ id: string }>()(saveTrainingInput),
    'training.decide': command<{ id: string }>()(decideTrainingInput),
    'training.remove': command<{ id: string }>()(removeTrainingInput),
    /** Checks a CSV file; writes nothing. */
    'training.previewCsv': command<TrainingCsvPreview>()(trainingCsvInput),
    /** Writes every row of a CSV file, or none when any row has an error. */
    'training.importCsv': command<{ imported: number }>()(trainingCsvInput),
  },
  liveQueries: {
    /** One person's records (null = the viewer's own). */
    'training.person': liveQuery<TrainingView | null>()(z.object({ personId: docId.nullable() }).strict()),
    'training.team': liveQuery<TrainingTeamView>()(z.object({}).strict()),
    /** Confirmed training of a person inside a period: the KPI panel's line. */
    'training.period': liveQuery<{ count: number; hours: number; titles: string[] }>()(z.object({ personId: docId, from: date('validation.date'), to: date('validation.date') }).strict()),
  },
});
