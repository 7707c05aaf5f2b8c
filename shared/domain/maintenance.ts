/**
 * Preventive maintenance and inspection rounds (DOMAIN.md, "Inspection rounds and preventive
 * maintenance"; seed 巡检、维护): checklist templates, plans and their due dates, the on-time /
 * late / missed rule, readings out of range, the fault ticket a reading proposes and the
 * compliance figures. Pure functions of data and dates: main applies them before writing, the
 * server generates rounds with them, the tests state them. Plans and their due dates (calendar,
 * running hours, maintenance windows) are in maintenanceSchedule.ts, re-exported here.
 */
import type { CheckItem, ChecklistTemplateRecord, MaintenanceReadingRecord, MaintenanceRoundRecord, RoundTemplate } from '../schema/records/maintenance';
import { fail } from './maintenanceErrors';

export { MaintenanceRuleError, type MaintenanceIssue } from './maintenanceErrors';
export * from './maintenanceSchedule';

// ---------------------------------------------------------------------------------------------
// Templates

/** Checks a template's items beyond their schema: ranges the right way round, unique keys. */
export function checkTemplateItems(items: readonly CheckItem[]): void {
  const keys = new Set<string>();
  items.forEach((item, i) => {
    if (keys.has(item.key)) fail('item_keys_repeat', `items.${i}.key`);
    keys.add(item.key);
    if (item.type === 'number' && item.low !== null && item.high !== null && item.low > item.high) fail('range_low_above_high', `items.${i}.low`);
    if (item.type === 'number' && item.meter === 'running_hours') {
      if (item.unit.trim() !== 'h') fail('meter_not_hours', `items.${i}.unit`);
      if (items.findIndex((x) => x.type === 'number' && x.meter === 'running_hours') !== i) fail('meter_repeat', `items.${i}.meter`);
    }
    if (item.type === 'choice') {
      const values = item.options.map((o) => o.value);
      if (new Set(values).size !== values.length) fail('choice_values_repeat', `items.${i}.options`);
    }
  });
}

/**
 * The next version of a template. `baseVersion` is the version the editor started from: a
 * save over a version someone else saved meanwhile is refused rather than overwriting it.
 */
export function nextTemplateVersion(current: Pick<ChecklistTemplateRecord['body'], 'version'> | null, baseVersion: number | null): number {
  if (!current) return 1;
  if (baseVersion !== current.version) fail('template_stale', 'baseVersion');
  return current.version + 1;
}

/** What a round copies from the template when it is opened: the version it keeps. */
export const roundTemplateOf = (t: Pick<ChecklistTemplateRecord, 'id' | 'body'>): RoundTemplate => ({
  templateId: t.id,
  version: t.body.version,
  name: t.body.name,
  items: t.body.items,
  faults: t.body.faults,
});

/** Open rounds (started, not signed) that keep an older version than `version` of a template. */
export const roundsKeepingOlderVersion = (rounds: readonly MaintenanceRoundRecord[], templateId: string, version: number): MaintenanceRoundRecord[] =>
  rounds.filter((r) => r.body.templateId === templateId && r.status !== 'done' && r.body.template !== null && r.body.template.version < version);

// ---------------------------------------------------------------------------------------------
// On time, late, missed

export type RoundTiming = 'on_time' | 'late' | 'missed' | 'upcoming' | 'due' | 'overdue';

/**
 * DOMAIN.md: done on time within the window, late after it, missed when the next round falls
 * due. A round not done yet is upcoming (before its window), due (in it), overdue (after it,
 * still before the next) or missed. Done early, before the window, counts as on time. `today`
 * and the done date are calendar days in the organisation's zone.
 */
export function roundTiming(round: Pick<MaintenanceRoundRecord['body'], 'windowStart' | 'windowEnd' | 'nextDueDate'>, doneDate: string | null, today: string): RoundTiming {
  if (doneDate !== null) {
    if (doneDate <= round.windowEnd) return 'on_time';
    return doneDate < round.nextDueDate ? 'late' : 'missed';
  }
  if (today < round.windowStart) return 'upcoming';
  if (today <= round.windowEnd) return 'due';
  return today < round.nextDueDate ? 'overdue' : 'missed';
}

export interface ComplianceRow {
  key: string;
  onTime: number;
  late: number;
  missed: number;
  /** Not done and not yet missed: upcoming, due or overdue. */
  open: number;
  /** On time / (on time + late + missed); null when no round is decided yet. */
  rate: number | null;
}

/**
 * Rounds done on time, late and missed, grouped by `keyOf` (team, customer, due month...).
 * `doneDateOf` gives a round's done day in the organisation's zone.
 */
export function compliance<R extends Pick<MaintenanceRoundRecord, 'status' | 'body'>>(
  rounds: readonly R[],
  keyOf: (r: R) => string,
  doneDateOf: (r: R) => string | null,
  /** Today, or today where each round is (its site's day). */
  today: string | ((r: R) => string),
): ComplianceRow[] {
  const rows = new Map<string, ComplianceRow>();
  for (const r of rounds) {
    const key = keyOf(r);
    const row = rows.get(key) ?? { key, onTime: 0, late: 0, missed: 0, open: 0, rate: null };
    const timing = roundTiming(r.body, r.status === 'done' ? doneDateOf(r) : null, typeof today === 'string' ? today : today(r));
    if (timing === 'on_time') row.onTime++;
    else if (timing === 'late') row.late++;
    else if (timing === 'missed') row.missed++;
    else row.open++;
    const decided = row.onTime + row.late + row.missed;
    row.rate = decided === 0 ? null : row.onTime / decided;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

// ---------------------------------------------------------------------------------------------
// Readings

export type ReadingValue = boolean | number | string | null;

/** Parses what the technician typed or picked for an item; refused input throws a coded error. */
export function parseReading(item: CheckItem, raw: string | boolean | null, photoCount: number): ReadingValue {
  if (item.photoRequired && photoCount === 0) fail('reading_photo_required', 'photos');
  switch (item.type) {
    case 'yesno':
      if (typeof raw !== 'boolean') fail('reading_wrong_type', 'value');
      return raw;
    case 'number': {
      const s = typeof raw === 'string' ? raw.trim().replace(',', '.').replace(/^−/, '-') : '';
      // Number('') is 0 and Number('1e3') is 1000: only plain decimals count as a reading.
      if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) fail('reading_not_a_number', 'value');
      return Number(s);
    }
    case 'choice':
      if (typeof raw !== 'string' || !item.options.some((o) => o.value === raw)) fail('reading_unknown_choice', 'value');
      return raw;
    case 'text':
      return typeof raw === 'string' ? raw.trim() : fail('reading_wrong_type', 'value');
    case 'photo':
      if (photoCount === 0) fail('reading_photo_required', 'photos');
      return null;
  }
}

export type FaultReason = 'out_of_range' | 'safety_no' | 'fault_choice';

/** Why a reading is a fault, or null when it is normal. A range bound left empty does not limit. */
export function faultReason(item: CheckItem, value: ReadingValue): FaultReason | null {
  if (item.type === 'number' && typeof value === 'number') {
    if ((item.low !== null && value < item.low) || (item.high !== null && value > item.high)) return 'out_of_range';
    return null;
  }
  if (item.type === 'yesno' && value === false && item.safety) return 'safety_no';
  if (item.type === 'choice' && typeof value === 'string' && item.options.some((o) => o.value === value && o.fault)) return 'fault_choice';
  return null;
}

export const isOutOfRange = (item: CheckItem, value: ReadingValue): boolean => faultReason(item, value) !== null;

type Reading = Pick<MaintenanceReadingRecord, 'id' | 'ref' | 'ref2' | 'body'>;

/** The reading that counts per (asset, item): the latest by time, then by id. Older ones stay as history. */
export function latestReadings<T extends Reading>(readings: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of readings) {
    const key = `${r.ref2}|${r.body.itemKey}`;
    const had = out.get(key);
    if (!had || r.body.at > had.body.at || (r.body.at === had.body.at && r.id > had.id)) out.set(key, r);
  }
  return out;
}

/** Items of the round's template still without a reading on an asset. */
export function missingReadings(template: RoundTemplate, assetIds: readonly string[], readings: readonly Reading[]): { assetId: string; itemKey: string }[] {
  const latest = latestReadings(readings);
  const out: { assetId: string; itemKey: string }[] = [];
  for (const assetId of assetIds) for (const item of template.items) if (!latest.has(`${assetId}|${item.key}`)) out.push({ assetId, itemKey: item.key });
  return out;
}

// ---------------------------------------------------------------------------------------------
// From reading to fault

export type Severity = 'minor' | 'major';
export type Locale = 'en' | 'zh-CN';

export interface FaultProposal {
  reason: FaultReason;
  /** DOMAIN.md: minor by default; a "no" on a safety item is major. */
  severity: Severity;
  title: string;
  description: string;
}

const formatValue = (item: CheckItem, value: ReadingValue, locale: Locale): string => {
  if (item.type === 'yesno') return value ? (locale === 'zh-CN' ? '是' : 'yes') : locale === 'zh-CN' ? '否' : 'no';
  if (item.type === 'choice') return item.options.find((o) => o.value === value)?.label[locale] ?? String(value);
  if (item.type === 'number') return `${String(value)}${item.unit ? ` ${item.unit}` : ''}`;
  return String(value ?? '');
};

export const rangeText = (item: CheckItem): string => {
  if (item.type !== 'number') return '';
  const unit = item.unit ? ` ${item.unit}` : '';
  if (item.low !== null && item.high !== null) return `${item.low} … ${item.high}${unit}`;
  if (item.low !== null) return `≥ ${item.low}${unit}`;
  if (item.high !== null) return `≤ ${item.high}${unit}`;
  return '';
};

/**
 * The fault ticket a reading proposes, or null when the reading is normal. The title and text
 * are in the language of the person raising it; the ticket links asset, round and reading.
 */
export function faultProposal(
  item: CheckItem,
  value: ReadingValue,
  ctx: { assetCode: string; roundDue: string; templateName: string; locale: Locale },
): FaultProposal | null {
  const reason = faultReason(item, value);
  if (!reason) return null;
  const label = item.label[ctx.locale];
  const shown = formatValue(item, value, ctx.locale);
  const range = rangeText(item);
  const zh = ctx.locale === 'zh-CN';
  const title = zh ? `巡检异常：${ctx.assetCode} ${label} = ${shown}` : `Inspection fault: ${ctx.assetCode} ${label} = ${shown}`;
  const lines = zh
    ? [`巡检 ${ctx.templateName}（应于 ${ctx.roundDue}）发现异常。`, `资产：${ctx.assetCode}`, `检查项：${label}`, `读数：${shown}`, ...(range ? [`正常范围：${range}`] : [])]
    : [`Found on the inspection round ${ctx.templateName} (due ${ctx.roundDue}).`, `Asset: ${ctx.assetCode}`, `Item: ${label}`, `Reading: ${shown}`, ...(range ? [`Normal range: ${range}`] : [])];
  return { reason, severity: reason === 'safety_no' ? 'major' : 'minor', title, description: lines.join('\n') };
}

/**
 * Repeated faults of one model across sites, proposed to the problem manager as a problem
 * (RCA): a model with at least `minReadings` fault readings on at least `minSites` sites.
 */
export function repeatedFaultModels(
  faults: readonly { model: string; siteId: string | null; itemKey: string }[],
  minReadings = 3,
  minSites = 2,
): { model: string; itemKey: string; readings: number; sites: number }[] {
  const groups = new Map<string, { model: string; itemKey: string; readings: number; sites: Set<string> }>();
  for (const f of faults) {
    const key = `${f.model}|${f.itemKey}`;
    const g = groups.get(key) ?? { model: f.model, itemKey: f.itemKey, readings: 0, sites: new Set<string>() };
    g.readings++;
    g.sites.add(f.siteId ?? '');
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter((g) => g.readings >= minReadings && g.sites.size >= minSites)
    .map((g) => ({ model: g.model, itemKey: g.itemKey, readings: g.readings, sites: g.sites.size }))
    .sort((a, b) => b.readings - a.readings || a.model.localeCompare(b.model));
}

// ---------------------------------------------------------------------------------------------
// Round life

/** Whether a round may take readings: opened (in progress or paused), not signed. */
export function checkRoundOpen(round: Pick<MaintenanceRoundRecord, 'status'>): void {
  if (round.status === 'done') fail('round_done', 'status');
  if (round.status === 'planned') fail('round_not_open', 'status');
}

/** A reading belongs to the round's own template version and assets. */
export function checkReadingFits(round: Pick<MaintenanceRoundRecord, 'body'>, assetId: string, itemKey: string, templateVersion?: number): CheckItem {
  const t = round.body.template;
  if (!t) return fail('round_not_open', 'status');
  if (!round.body.assetIds.includes(assetId)) fail('asset_not_in_round', 'assetId');
  if (templateVersion !== undefined && templateVersion !== t.version) fail('template_version_changed', 'templateVersion');
  const item = t.items.find((i) => i.key === itemKey);
  return item ?? fail('item_not_in_round', 'itemKey');
}
