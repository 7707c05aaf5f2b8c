import { meterItemOf, planScopeOf, type MeterReading } from '../../shared/domain/maintenance';
import type { Customer } from '../../shared/schema';
import type { ChecklistTemplateRecord, MaintenancePlanRecord, MaintenanceRoundRecord } from '../../shared/schema/records/maintenance';
import type { Queryable } from '../db/db';

/**
 * What the round generator reads besides the plans, one query per kind of fact and only for the
 * plans that need it: the assets in service of site and model plans, the zones of the plans'
 * sites (for their maintenance windows), and for running-hours plans their rounds and the
 * readings of their templates' meters.
 */
export interface PlanFacts {
  /** Assets of a site or model plan, in service now, by plan id (sorted, so rounds compare equal). */
  assetsOf: Map<string, string[]>;
  /** The zone a plan's window hours are in: its site's, else its customer's, else the organisation's. */
  zoneOf: (plan: MaintenancePlanRecord) => string;
  /** Running-hours plans: the latest sign-off of a done round, whether one is open, the meter readings. */
  hours: Map<string, { lastDoneAt: string | null; open: boolean; readings: MeterReading[]; meter: string | null }>;
}

export async function planFacts(q: Queryable, plans: readonly MaintenancePlanRecord[], orgZone: string): Promise<PlanFacts> {
  const customerIds = [...new Set(plans.map((p) => p.body.customerId))];
  const customers = customerIds.length
    ? (await q.query<{ doc: Customer & { id: string } }>(`select doc from sync_docs where collection = 'customers' and not deleted and id = any($1::text[])`, [customerIds])).rows.map((r) => r.doc)
    : [];
  const siteZone = new Map(customers.flatMap((c) => c.sites.map((s) => [s.id, s.timeZone] as const)));
  const customerZone = new Map(customers.map((c) => [c.id, c.timeZone]));
  const zoneOf = (p: MaintenancePlanRecord) => (p.body.siteId ? siteZone.get(p.body.siteId) : undefined) ?? customerZone.get(p.body.customerId) ?? orgZone;

  const assetsOf = new Map<string, string[]>();
  const scoped = plans.filter((p) => planScopeOf(p.body) !== 'assets');
  if (scoped.length > 0) {
    const rows = (
      await q.query<{ id: string; customer: string; site: string; model: string }>(
        `select id, doc->>'customerId' as customer, doc->>'siteId' as site, doc->>'model' as model from sync_docs
          where collection = 'assets' and not deleted and doc->>'status' = 'in_service' and doc->>'customerId' = any($1::text[]) order by id`,
        [[...new Set(scoped.map((p) => p.body.customerId))]],
      )
    ).rows;
    for (const p of scoped) {
      const model = (p.body.model ?? '').trim();
      const match = planScopeOf(p.body) === 'site' ? (r: (typeof rows)[number]) => r.site === p.body.siteId : (r: (typeof rows)[number]) => r.model === model;
      assetsOf.set(p.id, rows.filter((r) => r.customer === p.body.customerId && match(r)).map((r) => r.id));
    }
  }

  const hours = new Map<string, { lastDoneAt: string | null; open: boolean; readings: MeterReading[]; meter: string | null }>();
  const byHours = plans.filter((p) => p.body.frequency.unit === 'running_hours');
  if (byHours.length > 0) {
    const planIds = byHours.map((p) => p.id);
    const [rounds, templates] = await Promise.all([
      q.query<{ doc: MaintenanceRoundRecord }>(`select doc from sync_docs where collection = 'records' and not deleted and doc->>'kind' = 'maintenanceRound' and doc->>'ref' = any($1::text[])`, [planIds]),
      q.query<{ doc: ChecklistTemplateRecord }>(`select doc from sync_docs where collection = 'records' and not deleted and id = any($1::text[])`, [[...new Set(byHours.map((p) => p.ref))]]),
    ]);
    const meterOf = new Map(templates.rows.map((r) => [r.doc.id, meterItemOf(r.doc.body.items)?.key ?? null]));
    const assetsOfPlan = (p: MaintenancePlanRecord) => assetsOf.get(p.id) ?? p.body.assetIds;
    const keys = [...new Set([...meterOf.values()].filter((k): k is string => k !== null))];
    const assets = [...new Set(byHours.flatMap(assetsOfPlan))];
    // Every reading of a meter item on these assets counts, whichever round took it.
    const readings =
      keys.length > 0 && assets.length > 0
        ? (
            await q.query<{ id: string; asset: string; key: string; at: string; value: unknown }>(
              `select id, doc->>'ref2' as asset, doc->'body'->>'itemKey' as key, doc->'body'->>'at' as at, doc->'body'->'value' as value from sync_docs
                where collection = 'records' and not deleted and doc->>'kind' = 'maintenanceReading' and doc->'body'->>'itemKey' = any($1::text[]) and doc->>'ref2' = any($2::text[])`,
              [keys, assets],
            )
          ).rows
        : [];
    for (const p of byHours) {
      const mine = rounds.rows.map((r) => r.doc).filter((r) => r.ref === p.id);
      const done = mine.filter((r) => r.status === 'done' && r.body.signedAt).map((r) => r.body.signedAt!);
      const meter = meterOf.get(p.ref) ?? null;
      const on = new Set(assetsOfPlan(p));
      hours.set(p.id, {
        lastDoneAt: done.length > 0 ? done.reduce((a, b) => (a > b ? a : b)) : null,
        open: mine.some((r) => r.status !== 'done'),
        meter,
        readings: readings
          .filter((r) => r.key === meter && on.has(r.asset))
          .map((r) => ({ id: r.id, assetId: r.asset, at: r.at, hours: typeof r.value === 'number' ? r.value : Number.NaN })),
      });
    }
  }
  return { assetsOf, zoneOf, hours };
}
