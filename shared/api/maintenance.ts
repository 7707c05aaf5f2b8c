import { z } from 'zod';
import type { RoundTiming } from '../domain/maintenance';
import type { Bilingual } from '../schema/records/maintenance';
import { checkItemSchema, FAULT_MODES, FREQUENCY_UNITS, MAX_RUNNING_HOURS, PLAN_SCOPES, type CheckItem, type Frequency, type PlanScope, type PlanStatus, type RoundStatus, type RoundWorkWindow, type WorkWindow } from '../schema/records/maintenance';
import { command, liveQuery, slice } from './define';
import { assigneesParams, assignRoundInput, calendarParams, type MaintenanceCalendar, type RoundAssignees } from './maintenanceCalendar';

/**
 * Preventive maintenance and inspection rounds (UI.md: #/maintenance, #/maintenance/plans/:id,
 * #/maintenance/rounds/:id; seed 巡检、维护). Managers and admins keep checklist templates and
 * plans; the server generates each plan's rounds; a technician of the plan's team does a round
 * offline: opens it (it keeps the template version it opened with), scans each asset, records
 * readings (out-of-range ones flagged at once), raises fault tickets from them, pauses and
 * resumes across days, and has the customer sign it off. Refused input is VALIDATION_FAILED
 * with a field whose message is a `maintenance` i18n key (`errors.<code>`, codes in
 * shared/domain/maintenance.ts).
 */
const docId = z.string().trim().min(1).max(64);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'validation.sha256Invalid');

export const saveTemplateInput = z
  .object({
    /** Absent: a new template. */
    templateId: docId.optional(),
    /** The version the editor started from: a save over a newer one is refused (template_stale). */
    baseVersion: z.number().int().min(1).nullable().default(null),
    name: z.object({ en: z.string().trim().min(1, 'errors.nameRequired').max(200), 'zh-CN': z.string().trim().min(1, 'errors.nameRequired').max(200) }).strict(),
    model: z.string().trim().max(80).default(''),
    items: z.array(checkItemSchema).min(1, 'errors.itemsRequired').max(100),
    faults: z.enum(FAULT_MODES).default('offer'),
  })
  .strict();

export const savePlanInput = z
  .object({
    planId: docId.optional(),
    name: z.string().trim().min(1, 'errors.nameRequired').max(200),
    templateId: docId,
    teamId: docId,
    customerId: docId,
    siteId: docId.nullable().default(null),
    /** The assets listed (default), every asset in service at the site, or every one of a model at the customer. */
    scope: z.enum(PLAN_SCOPES).default('assets'),
    model: z.string().trim().max(80).default(''),
    assetIds: z.array(docId).max(2000),
    /** Calendar units up to 366 (frequency_too_long past that); running hours up to MAX_RUNNING_HOURS. */
    frequency: z.object({ every: z.number().int().min(0).max(MAX_RUNNING_HOURS), unit: z.enum(FREQUENCY_UNITS) }).strict(),
    /** Weekdays 1-7 and hours; no day or an end before the start are refused with their codes (window_*). */
    workWindow: z
      .object({ weekdays: z.array(z.number().int().min(1).max(7)).max(7), from: z.string().regex(/^\d{2}:\d{2}$/, 'errors.timeInvalid'), to: z.string().regex(/^\d{2}:\d{2}$/, 'errors.timeInvalid') })
      .strict()
      .nullable()
      .default(null),
    startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.dateInvalid'),
    windowDays: z.number().int().min(0).max(60).nullable().default(null),
    assigneeId: docId.nullable().default(null),
  })
  .strict();

const byRound = z.object({ roundId: docId }).strict();

export const readingInput = z
  .object({
    roundId: docId,
    assetId: docId,
    itemKey: z.string().min(1).max(40),
    /** What was typed or picked: text for numbers, choices and text; true/false for yes/no; null for a photo item. */
    value: z.union([z.string().max(2000), z.boolean(), z.null()]),
    photos: z.array(sha256).max(10).default([]),
    note: z.string().max(2000).default(''),
    /** The language of a fault ticket the template creates at once. */
    locale: z.enum(['en', 'zh-CN']).default('en'),
  })
  .strict();

export const photoInput = z
  .object({
    roundId: docId,
    mimeType: z.enum(['image/jpeg', 'image/png']),
    dataBase64: z.string().min(1).max(14_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'validation.base64Invalid'),
  })
  .strict();

export const raiseFaultInput = z.object({ readingId: docId, locale: z.enum(['en', 'zh-CN']) }).strict();

export const signOffInput = z
  .object({
    roundId: docId,
    signerName: z.string().trim().min(1, 'errors.signer_required').max(200),
    /** PNG data URL from the signature pad. */
    signaturePng: z.string().min(1).max(2_000_000),
  })
  .strict();

export const makeRoundReportInput = z.object({ roundId: docId, locale: z.enum(['en', 'zh-CN']) }).strict();

export interface TemplateView {
  id: string;
  name: Bilingual;
  model: string;
  version: number;
  items: CheckItem[];
  faults: 'offer' | 'create';
  status: 'active' | 'retired';
  /** Open rounds that keep an older version. */
  openRoundsOnOlderVersion: number;
}

export interface PlanSummary {
  id: string;
  name: string;
  status: PlanStatus;
  templateId: string;
  templateName: Bilingual | null;
  teamId: string;
  teamName: string;
  customerId: string;
  customerName: string;
  siteId: string | null;
  siteName: string | null;
  scope: PlanScope;
  /** The model of a `model` plan, else ''. */
  model: string;
  assetIds: string[];
  frequency: Frequency;
  startDate: string;
  windowDays: number;
  workWindow: WorkWindow | null;
  assigneeId: string | null;
  nextDue: string | null;
}

export interface RoundSummary {
  id: string;
  planId: string;
  planName: string;
  status: RoundStatus;
  timing: RoundTiming;
  dueDate: string;
  windowStart: string;
  windowEnd: string;
  customerName: string;
  siteName: string | null;
  assets: number;
  /** Items with a reading / items to read (all assets). */
  done: number;
  total: number;
  faults: number;
  assigneeId: string | null;
  /** When the customer lets us work (days, hours and their zone); null = any time. */
  workWindow: RoundWorkWindow | null;
}

export interface ReadingView {
  id: string;
  itemKey: string;
  value: boolean | number | string | null;
  outOfRange: boolean;
  photos: string[];
  note: string;
  by: string;
  byName: string;
  at: string;
  /** The fault ticket raised from it (its number), or null. */
  ticketNumber: string | null;
  ticketId: string | null;
}

export interface RoundAssetView {
  assetId: string;
  assetCode: string;
  serial: string;
  model: string;
  /** The reading that counts per item key (the latest). */
  readings: Record<string, ReadingView>;
  /** Earlier readings of this round, newest first. */
  history: ReadingView[];
}

export interface RoundView {
  summary: RoundSummary;
  /** The template as the round keeps it; before opening, the current one (for a preview). */
  template: { id: string; version: number; name: Bilingual; items: CheckItem[]; faults: 'offer' | 'create' } | null;
  /** The current version of the template, when newer than the round's. */
  newerTemplateVersion: number | null;
  assets: RoundAssetView[];
  missing: { assetId: string; itemKey: string }[];
  openedBy: string | null;
  openedAt: string | null;
  pausedAt: string | null;
  signedBy: string | null;
  signedAt: string | null;
  customerSigner: string;
  signatureSha256: string;
  can: { work: boolean; signOff: boolean };
}

export interface ComplianceView {
  byTeam: ComplianceFigures[];
  byCustomer: ComplianceFigures[];
  byMonth: ComplianceFigures[];
  /** One model failing the same check at several sites lately: proposed as a problem (RCA). */
  repeatedFaults: RepeatedFault[];
}
export interface RepeatedFault {
  model: string;
  itemKey: string;
  /** Fault readings in the last REPEATED_FAULT_DAYS days, and the sites they came from. */
  readings: number;
  sites: number;
  /** The fault tickets they raised, for the problem's linked tickets. */
  ticketIds: string[];
}
/** How far back repeated faults are looked for. */
export const REPEATED_FAULT_DAYS = 90;
export interface ComplianceFigures {
  key: string;
  label: string;
  onTime: number;
  late: number;
  missed: number;
  open: number;
  rate: number | null;
}

export interface AssetReadingPoint {
  at: string;
  value: number;
  outOfRange: boolean;
  roundId: string;
}
export interface AssetReadingSeries {
  itemKey: string;
  label: Bilingual;
  unit: string;
  low: number | null;
  high: number | null;
  points: AssetReadingPoint[];
}

export interface MaintenanceHome {
  /** Rounds of the viewer (assigned, or their team's), not done, due up to the end of next week. */
  today: RoundSummary[];
  week: RoundSummary[];
  /** Managers and admins: every plan; others: their team's. */
  plans: PlanSummary[];
  templates: TemplateView[];
  can: { manage: boolean };
  /** The signed-in person: rounds assigned to them come first and are marked. */
  viewerId: string | null;
}

/**
 * What the plan form offers: teams with their active field staff, sites, the assets registered
 * at the chosen site, and the asset models each customer has (for a plan of a model).
 */
export interface PlanOptions {
  teams: { id: string; name: string }[];
  /** Active technicians and engineers, by team: whom a plan's rounds may be assigned to. */
  staff: { id: string; name: string; teamId: string }[];
  models: { customerId: string; model: string }[];
  sites: { customerId: string; customerName: string; siteId: string; siteName: string }[];
  assets: { id: string; assetCode: string; model: string; status: string }[];
  templates: { id: string; name: Bilingual; version: number }[];
}

export interface RaisedFault {
  ticketId: string;
  ticketNumber: string;
  severity: 'minor' | 'major';
}

export interface RecordedReading {
  readingId: string;
  outOfRange: boolean;
  /** The fault ticket created at once (template set to "create"), else null. */
  fault: RaisedFault | null;
}

export const maintenanceApi = slice({
  commands: {
    'maintenance.saveTemplate': command<TemplateView>()(saveTemplateInput),
    'maintenance.savePlan': command<PlanSummary>()(savePlanInput),
    'maintenance.openRound': command<RoundSummary>()(byRound),
    'maintenance.pauseRound': command<RoundSummary>()(byRound),
    'maintenance.recordReading': command<RecordedReading>()(readingInput),
    'maintenance.addPhoto': command<{ sha256: string }>()(photoInput),
    'maintenance.raiseFault': command<RaisedFault>()(raiseFaultInput),
    'maintenance.signOff': command<RoundSummary>()(signOffInput),
    'maintenance.makeReport': command<{ fileName: string; base64: string; sizeBytes: number }>()(makeRoundReportInput),
    /** A manager or admin assigns a round to a technician of its team, or back to the team (maintenanceCalendar.ts). */
    'maintenance.assignRound': command<RoundSummary>()(assignRoundInput),
  },
  liveQueries: {
    'maintenance.home': liveQuery<MaintenanceHome>()(z.object({}).strict()),
    'maintenance.round': liveQuery<RoundView | null>()(byRound),
    'maintenance.plan': liveQuery<{ plan: PlanSummary; rounds: RoundSummary[] } | null>()(z.object({ planId: docId }).strict()),
    'maintenance.compliance': liveQuery<ComplianceView>()(z.object({}).strict()),
    'maintenance.assetReadings': liveQuery<AssetReadingSeries[]>()(z.object({ assetId: docId }).strict()),
    'maintenance.planOptions': liveQuery<PlanOptions>()(z.object({ siteId: docId.nullable() }).strict()),
    'maintenance.calendar': liveQuery<MaintenanceCalendar>()(calendarParams),
    'maintenance.assignees': liveQuery<RoundAssignees | null>()(assigneesParams),
  },
});
