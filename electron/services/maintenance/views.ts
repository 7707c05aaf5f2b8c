/** What the maintenance screens show of a record: summaries built from the store's records. */
import { REPEATED_FAULT_DAYS, type PlanSummary, type ReadingView, type RepeatedFault, type RoundSummary, type TemplateView } from '../../../shared/api/maintenance';
import { dueRounds, latestReadings, planScopeOf, repeatedFaultModels, roundId, roundsKeepingOlderVersion, roundTiming, windowDaysOf } from '../../../shared/domain/maintenance';
import type { Asset, Team, Ticket } from '../../../shared/schema';
import type { ChecklistTemplateRecord, MaintenanceFaultRecord, MaintenancePlanRecord, MaintenanceReadingRecord, MaintenanceRoundRecord } from '../../../shared/schema/records';
import { localDate } from '../../../shared/domain/calendar';
import { ORGANISATION_TIME_ZONE } from '../../../shared/domain/policyForms';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import type { SiteFacts } from './store';

/**
 * The calendar day `ms` falls on at a site, in the site's own zone (the organisation's when the
 * site is not known here): a round signed at 07:30 in Shanghai is done that day, not the day
 * before as UTC would have it.
 */
export const siteDay = (sites: ReadonlyMap<string, SiteFacts>, siteId: string | null | undefined, ms: number): string =>
  localDate(ms, (siteId ? sites.get(siteId)?.timeZone : undefined) ?? ORGANISATION_TIME_ZONE);
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const templateView = (t: ChecklistTemplateRecord, rounds: readonly MaintenanceRoundRecord[]): TemplateView => ({
  id: t.id,
  name: t.body.name,
  model: t.ref,
  version: t.body.version,
  items: t.body.items,
  faults: t.body.faults,
  status: t.status,
  openRoundsOnOlderVersion: roundsKeepingOlderVersion(rounds, t.id, t.body.version).length,
});

export const planSummary = (
  p: MaintenancePlanRecord,
  ctx: { templates: Map<string, ChecklistTemplateRecord>; teams: Map<string, Team>; customers: Map<string, string>; sites: Map<string, SiteFacts>; now: number; doneRounds?: ReadonlySet<string> },
): PlanSummary => {
  const today = siteDay(ctx.sites, p.body.siteId, ctx.now);
  // The next due date from today whose round is not done yet (a round done early moves it on).
  const next = p.status === 'active' ? (dueRounds(p.body, today, addDays(today, 800)).find((d) => !ctx.doneRounds?.has(roundId(p.id, d.dueDate)))?.dueDate ?? null) : null;
  return {
    id: p.id,
    name: p.body.name,
    status: p.status,
    templateId: p.ref,
    templateName: ctx.templates.get(p.ref)?.body.name ?? null,
    teamId: p.ref2,
    teamName: ctx.teams.get(p.ref2)?.name ?? '',
    customerId: p.body.customerId,
    customerName: ctx.customers.get(p.body.customerId) ?? '',
    siteId: p.body.siteId,
    siteName: p.body.siteId ? (ctx.sites.get(p.body.siteId)?.siteName ?? null) : null,
    scope: planScopeOf(p.body),
    model: p.body.model ?? '',
    assetIds: p.body.assetIds,
    workWindow: p.body.workWindow ?? null,
    frequency: p.body.frequency,
    startDate: p.body.startDate,
    windowDays: windowDaysOf(p.body),
    assigneeId: p.body.assigneeId,
    nextDue: next,
  };
};

/** The day a round was signed off, at its site. */
export const doneDay = (r: MaintenanceRoundRecord, sites: ReadonlyMap<string, SiteFacts>): string | null =>
  r.status === 'done' && r.body.signedAt ? siteDay(sites, r.body.siteId, Date.parse(r.body.signedAt)) : null;

export const roundSummary = (
  r: MaintenanceRoundRecord,
  ctx: {
    plans: Map<string, MaintenancePlanRecord>;
    templates: Map<string, ChecklistTemplateRecord>;
    customers: Map<string, string>;
    sites: Map<string, SiteFacts>;
    readings: readonly MaintenanceReadingRecord[];
    faults: readonly MaintenanceFaultRecord[];
    now: number;
  },
): RoundSummary => {
  const items = (r.body.template ?? (ctx.templates.get(r.body.templateId) ? { items: ctx.templates.get(r.body.templateId)!.body.items } : { items: [] })).items;
  const keys = new Set(items.map((i) => i.key));
  const assets = new Set(r.body.assetIds);
  const latest = [...latestReadings(ctx.readings.filter((x) => x.ref === r.id)).values()].filter((x) => assets.has(x.ref2) && keys.has(x.body.itemKey));
  const readingIds = new Set(ctx.readings.filter((x) => x.ref === r.id).map((x) => x.id));
  return {
    id: r.id,
    planId: r.ref,
    planName: ctx.plans.get(r.ref)?.body.name ?? '',
    status: r.status,
    timing: roundTiming(r.body, doneDay(r, ctx.sites), siteDay(ctx.sites, r.body.siteId, ctx.now)),
    dueDate: r.body.dueDate,
    windowStart: r.body.windowStart,
    windowEnd: r.body.windowEnd,
    customerName: ctx.customers.get(r.body.customerId) ?? '',
    siteName: r.body.siteId ? (ctx.sites.get(r.body.siteId)?.siteName ?? null) : null,
    assets: r.body.assetIds.length,
    done: latest.length,
    total: items.length * r.body.assetIds.length,
    faults: ctx.faults.filter((f) => readingIds.has(f.ref)).length,
    assigneeId: r.body.assigneeId,
    workWindow: r.body.workWindow ?? null,
  };
};

export const readingView = (x: MaintenanceReadingRecord, names: Map<string, string>, fault: MaintenanceFaultRecord | undefined, tickets: Map<string, Ticket>): ReadingView => {
  const ticket = fault ? tickets.get(fault.ref2) : undefined;
  return {
    id: x.id,
    itemKey: x.body.itemKey,
    value: x.body.value,
    outOfRange: x.body.outOfRange,
    photos: x.body.photos,
    note: x.body.note,
    by: x.body.by,
    byName: names.get(x.body.by) ?? '',
    at: x.body.at,
    ticketId: fault?.ref2 ?? null,
    ticketNumber: ticket ? displayTicketNumber(ticket) : fault ? '' : null,
  };
};

/**
 * Models failing the same check at several sites in the last REPEATED_FAULT_DAYS days, with the
 * fault tickets they raised: what the compliance screen proposes as a problem (RCA).
 */
export const repeatedFaultsOf = (
  rounds: readonly MaintenanceRoundRecord[],
  faults: readonly MaintenanceFaultRecord[],
  assets: ReadonlyMap<string, Asset>,
  now: number,
): RepeatedFault[] => {
  const siteOf = new Map(rounds.map((r) => [r.id, r.body.siteId]));
  const since = now - REPEATED_FAULT_DAYS * 86_400_000;
  const found = faults.flatMap((f) => {
    const model = assets.get(f.body.assetId)?.model;
    return model && siteOf.has(f.body.roundId) && Date.parse(f.body.at) >= since ? [{ model, itemKey: f.body.itemKey, siteId: siteOf.get(f.body.roundId) ?? null, ticketId: f.ref2 }] : [];
  });
  return repeatedFaultModels(found).map((g) => ({
    ...g,
    ticketIds: [...new Set(found.filter((x) => x.model === g.model && x.itemKey === g.itemKey).map((x) => x.ticketId))],
  }));
};
