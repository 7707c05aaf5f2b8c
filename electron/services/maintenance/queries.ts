/**
 * Maintenance live queries: the viewer's rounds today and this week with plans and templates,
 * one round with its readings, one plan with its rounds, compliance figures and an asset's
 * readings over time. Each re-emits after a change of the maintenance records, assets,
 * customers, people, tickets or the signed-in user: a reading synced from a colleague shows at once.
 */
import { combineLatest, debounceTime, map, merge, of, type Observable } from 'rxjs';
import { type AssetReadingSeries, type ComplianceFigures, type ComplianceView, type MaintenanceHome, type PlanOptions, type PlanSummary, type RoundSummary, type RoundView } from '../../../shared/api/maintenance';
import { compliance, latestReadings, missingReadings } from '../../../shared/domain/maintenance';
import type { Asset, Person } from '../../../shared/schema';
import type { MaintenanceRoundRecord } from '../../../shared/schema/records';
import type { CimsDatabase } from '../../db/open';
import { recordChanges$ } from '../../db/record-changes';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { isKeeper, isMine, worksFor, type MaintenanceStore, type MaintenanceViewer } from './store';
import { addDays, doneDay, planSummary, readingView, repeatedFaultsOf, roundSummary, siteDay, templateView } from './views';

const KINDS = ['checklistTemplate', 'maintenancePlan', 'maintenanceRound', 'maintenanceReading', 'maintenanceFault'] as const;

export const createMaintenanceQueries = (db: CimsDatabase, store: MaintenanceStore, viewer$: Observable<MaintenanceViewer | null>, clock: () => Date = () => new Date()) => {
  const tick = <T>(o: Observable<T>) => o.pipe(map(() => null));
  const changes$ = merge(of(null), tick(recordChanges$(db, KINDS)), tick(db.assets.$), tick(db.customers.$), tick(db.people.$), tick(db.tickets.$)).pipe(debounceTime(30));
  const watch = <R>(compute: (viewer: MaintenanceViewer | null) => Promise<R>, emit: Emit<R>, onError: OnError) =>
    liveFrom(combineLatest([viewer$, changes$]), ([viewer]) => compute(viewer), emit, onError);

  const context = async () => {
    const [plans, templates, customers, sites, readings, faults, teams, rounds] = await Promise.all([
      store.plans(),
      store.templates(),
      store.customerNames(),
      store.sites(),
      store.readings(),
      store.faults(),
      store.teams(),
      store.rounds(),
    ]);
    return {
      plans: new Map(plans.map((p) => [p.id, p])),
      templates: new Map(templates.map((t) => [t.id, t])),
      customers,
      sites,
      readings,
      faults,
      teams,
      doneRounds: new Set(rounds.filter((r) => r.status === 'done').map((r) => r.id)),
      now: clock().getTime(),
      // The organisation's day, for the week ahead on the home screen.
      today: siteDay(sites, null, clock().getTime()),
    };
  };

  const byDue = (a: RoundSummary, b: RoundSummary) => a.dueDate.localeCompare(b.dueDate) || a.planName.localeCompare(b.planName);

  const home = async (v: MaintenanceViewer | null): Promise<MaintenanceHome> => {
    if (!v) return { today: [], week: [], plans: [], templates: [], can: { manage: false }, viewerId: null };
    const ctx = await context();
    const rounds = await store.rounds();
    const weekEnd = addDays(ctx.today, 7);
    const mine = rounds.filter((r) => r.status !== 'done' && isMine(v, r)).map((r) => roundSummary(r, ctx));
    // Rounds assigned to the viewer by name come before their team's.
    const mineFirst = (a: RoundSummary, b: RoundSummary) => Number(b.assigneeId === v.id) - Number(a.assigneeId === v.id) || byDue(a, b);
    const today = mine.filter((r) => r.status === 'in_progress' || r.status === 'paused' || r.timing === 'due' || r.timing === 'overdue').sort(mineFirst);
    const week = mine.filter((r) => !today.includes(r) && r.timing === 'upcoming' && r.windowStart <= weekEnd).sort(mineFirst);
    const keeper = isKeeper(v);
    const plans: PlanSummary[] = [...ctx.plans.values()]
      .filter((p) => keeper || worksFor(v, p.ref2))
      .map((p) => planSummary(p, ctx))
      .sort((a, b) => a.name.localeCompare(b.name));
    const templates = keeper ? [...ctx.templates.values()].map((t) => templateView(t, rounds)).sort((a, b) => a.name.en.localeCompare(b.name.en)) : [];
    return { today, week, plans, templates, can: { manage: keeper }, viewerId: v.id };
  };

  const round = async (v: MaintenanceViewer | null, id: string): Promise<RoundView | null> => {
    if (!v) return null;
    const r = await store.round(id).catch(() => null);
    if (!r) return null;
    const ctx = await context();
    const readings = ctx.readings.filter((x) => x.ref === r.id);
    const current = ctx.templates.get(r.body.templateId);
    const template = r.body.template ?? (current ? { templateId: current.id, version: current.body.version, name: current.body.name, items: current.body.items, faults: current.body.faults } : null);
    const [assets, names] = await Promise.all([store.assets(r.body.assetIds), store.names()]);
    const faultOf = new Map(ctx.faults.map((f) => [f.ref, f]));
    const tickets = await store.tickets(ctx.faults.filter((f) => readings.some((x) => x.id === f.ref)).map((f) => f.ref2));
    const latest = latestReadings(readings);
    const view = (x: (typeof readings)[number]) => readingView(x, names, faultOf.get(x.id), tickets);
    return {
      summary: roundSummary(r, ctx),
      template: template ? { id: template.templateId, version: template.version, name: template.name, items: template.items, faults: template.faults } : null,
      newerTemplateVersion: r.body.template && current && current.body.version > r.body.template.version ? current.body.version : null,
      assets: r.body.assetIds.map((assetId) => {
        const a = assets.get(assetId);
        const own = readings.filter((x) => x.ref2 === assetId);
        const counted = new Set(own.filter((x) => latest.get(`${assetId}|${x.body.itemKey}`) === x).map((x) => x.id));
        return {
          assetId,
          assetCode: a?.assetCode ?? '',
          serial: a?.serial ?? '',
          model: a?.model ?? '',
          readings: Object.fromEntries(own.filter((x) => counted.has(x.id)).map((x) => [x.body.itemKey, view(x)])),
          history: own.filter((x) => !counted.has(x.id)).sort((x, y) => y.body.at.localeCompare(x.body.at)).map(view),
        };
      }),
      missing: template ? missingReadings(template, r.body.assetIds, readings) : [],
      openedBy: r.body.openedBy,
      openedAt: r.body.openedAt,
      pausedAt: r.body.pausedAt,
      signedBy: r.body.signedBy,
      signedAt: r.body.signedAt,
      customerSigner: r.body.customerSigner,
      signatureSha256: r.body.signatureSha256,
      can: { work: r.status !== 'done' && worksFor(v, r.ref2), signOff: r.status !== 'done' && r.status !== 'planned' && worksFor(v, r.ref2) },
    };
  };

  const plan = async (v: MaintenanceViewer | null, id: string) => {
    if (!v) return null;
    const p = await store.plan(id).catch(() => null);
    if (!p) return null;
    const ctx = await context();
    const rounds = (await store.rounds(p.id)).map((r) => roundSummary(r, ctx)).sort(byDue);
    return { plan: planSummary(p, ctx), rounds };
  };

  const complianceOf = async (v: MaintenanceViewer | null): Promise<ComplianceView> => {
    if (!v) return { byTeam: [], byCustomer: [], byMonth: [], repeatedFaults: [] };
    const ctx = await context();
    const rounds = (await store.rounds()).filter((r) => isKeeper(v) || worksFor(v, r.ref2));
    // Only the faults of rounds this viewer may see.
    const visible = new Set(rounds.map((r) => r.id));
    const faults = ctx.faults.filter((f) => visible.has(f.body.roundId));
    const repeatedFaults = repeatedFaultsOf(rounds, faults, await store.assets(faults.map((f) => f.body.assetId)), ctx.now);
    const figures = (keyOf: (r: MaintenanceRoundRecord) => string, labelOf: (key: string) => string): ComplianceFigures[] =>
      compliance(rounds, keyOf, (r) => doneDay(r, ctx.sites), (r) => siteDay(ctx.sites, r.body.siteId, ctx.now)).map((row) => ({ ...row, label: labelOf(row.key) }));
    return {
      byTeam: figures((r) => r.ref2, (k) => ctx.teams.get(k)?.name ?? k),
      byCustomer: figures((r) => r.body.customerId, (k) => ctx.customers.get(k) ?? k),
      byMonth: figures((r) => r.body.dueDate.slice(0, 7), (k) => k),
      repeatedFaults,
    };
  };

  const assetReadings = async (v: MaintenanceViewer | null, assetId: string): Promise<AssetReadingSeries[]> => {
    if (!v) return [];
    const readings = (await store.readings()).filter((x) => x.ref2 === assetId && typeof x.body.value === 'number');
    const rounds = new Map((await store.rounds()).map((r) => [r.id, r]));
    const series = new Map<string, AssetReadingSeries>();
    for (const x of readings.sort((a, b) => a.body.at.localeCompare(b.body.at))) {
      const item = rounds.get(x.ref)?.body.template?.items.find((i) => i.key === x.body.itemKey);
      if (!item || item.type !== 'number') continue;
      const s = series.get(item.key) ?? { itemKey: item.key, label: item.label, unit: item.unit, low: item.low, high: item.high, points: [] };
      // The range shown is the latest round's.
      Object.assign(s, { label: item.label, unit: item.unit, low: item.low, high: item.high });
      s.points.push({ at: x.body.at, value: x.body.value as number, outOfRange: x.body.outOfRange, roundId: x.ref });
      series.set(item.key, s);
    }
    return [...series.values()];
  };

  const planOptions = async (v: MaintenanceViewer | null, siteId: string | null): Promise<PlanOptions> => {
    if (!v || !isKeeper(v)) return { teams: [], staff: [], models: [], sites: [], assets: [], templates: [] };
    const [teams, sites, templates, people, all] = await Promise.all([store.teams(), store.sites(), store.templates(), db.people.find().exec(), db.assets.find().exec()]);
    const registered = all.map((d) => d.toJSON() as Asset).filter((a) => a.status !== 'retired');
    const assets = siteId ? registered.filter((a) => a.siteId === siteId) : [];
    const models = new Map(registered.map((a) => [`${a.customerId}|${a.model}`, { customerId: a.customerId, model: a.model }]));
    return {
      teams: [...teams.values()].filter((t) => t.active).map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name)),
      // Rounds go to field staff: active technicians and engineers of a team.
      staff: people
        .map((d) => d.toJSON() as Person)
        .filter((p) => p.active && p.teamId !== null && p.roles.some((r) => r === 'technician' || r === 'engineer'))
        .map((p) => ({ id: p.id, name: p.displayName, teamId: p.teamId! }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      models: [...models.values()].sort((a, b) => a.model.localeCompare(b.model)),
      sites: [...sites.entries()].map(([id, s]) => ({ customerId: s.customerId, customerName: s.customerName, siteId: id, siteName: s.siteName })).sort((a, b) => a.customerName.localeCompare(b.customerName) || a.siteName.localeCompare(b.siteName)),
      assets: assets.filter((a) => a.status !== 'retired').map((a) => ({ id: a.id, assetCode: a.assetCode, model: a.model, status: a.status })).sort((a, b) => a.assetCode.localeCompare(b.assetCode)),
      templates: templates.filter((t) => t.status === 'active').map((t) => ({ id: t.id, name: t.body.name, version: t.body.version })),
    };
  };

  return {
    planOptions,
    watchPlanOptions: (siteId: string | null, emit: Emit<PlanOptions>, onError: OnError) => watch((v) => planOptions(v, siteId), emit, onError),
    home,
    round,
    plan,
    compliance: complianceOf,
    assetReadings,
    watchHome: (emit: Emit<MaintenanceHome>, onError: OnError) => watch(home, emit, onError),
    watchRound: (id: string, emit: Emit<RoundView | null>, onError: OnError) => watch((v) => round(v, id), emit, onError),
    watchPlan: (id: string, emit: Emit<{ plan: PlanSummary; rounds: RoundSummary[] } | null>, onError: OnError) => watch((v) => plan(v, id), emit, onError),
    watchCompliance: (emit: Emit<ComplianceView>, onError: OnError) => watch(complianceOf, emit, onError),
    watchAssetReadings: (assetId: string, emit: Emit<AssetReadingSeries[]>, onError: OnError) => watch((v) => assetReadings(v, assetId), emit, onError),
  };
};
