/**
 * What the problem screens read, live: the list with its filters, the overdue actions per
 * owner, one problem, candidate tickets for a new problem, the before / after check, and the
 * problems of a ticket. Problems are few (hundreds, not millions): they are read whole and
 * filtered here; tickets are read by index (open ones of the last 90 days, or a date window).
 */
import { auditTime, combineLatest, map, merge, startWith, timer, type Observable } from 'rxjs';
import type {
  CandidateList,
  candidatesParams,
  EffectivenessView,
  effectivenessParams,
  listParams,
  OverdueOwner,
  PersonOption,
  ProblemDetail,
  ProblemList,
  ProblemRow,
  TicketProblem,
} from '../../../shared/api/problems';
import { candidateTickets, CANDIDATE_WINDOW_DAYS, effectiveness, effectivenessPivot, kindOf, overdueByOwner } from '../../../shared/domain/problems';
import { OPEN_STATUSES } from '../../../shared/domain/lifecycle';
import type { Person, Problem, Ticket } from '../../../shared/schema';
import type { z } from 'zod';
import type { CimsDatabase } from '../../db/open';
import { liveFrom, type Emit, type OnError, type Stop } from '../../core/live';
import { localDate, mayWriteProblems, personOption, type ProblemFacts } from './facts';

type Params<S extends z.ZodType> = z.output<S>;
const DAY = 86_400_000;
/** A burst of writes (a resolve over many tickets, a sync pull) recomputes once. */
const SETTLE_MS = 150;
/** Overdue is a matter of the date: recomputed this often without any change. */
const REFRESH_MS = 60_000;

const nameOf = (people: Map<string, Person>, id: string): string => people.get(id)?.displayName ?? '';
/** The Chinese name where the person has one, for screens in zh-CN. */
const zhOf = (people: Map<string, Person>, id: string): { ownerNameZh?: string } => {
  const zh = people.get(id)?.displayNameZh;
  return zh ? { ownerNameZh: zh } : {};
};

export const createProblemQueries = (db: CimsDatabase, facts: ProblemFacts, identity$: Observable<unknown>, clock: () => Date = () => new Date()) => {
  const today = () => localDate(clock());
  const live = <R>(sources: Observable<unknown>[], compute: () => Promise<R>, emit: Emit<R>, onError: OnError): Stop => {
    const changes = merge(...sources).pipe(auditTime(SETTLE_MS), map(() => null), startWith(null));
    return liveFrom(combineLatest([changes, timer(0, REFRESH_MS), identity$]), compute, emit, onError);
  };

  const row = (p: Problem, people: Map<string, Person>, day: string): ProblemRow => {
    const open = p.actions.filter((a) => a.status === 'open' || a.status === 'in_progress');
    return {
      id: p.id,
      title: p.title,
      status: p.status,
      causeCategory: p.causeCategory,
      productLine: p.productLine,
      ownerId: p.ownerId,
      ownerName: nameOf(people, p.ownerId),
      ...zhOf(people, p.ownerId),
      tickets: p.ticketIds.length,
      actions: p.actions.length,
      openActions: open.length,
      overdueActions: open.filter((a) => a.dueDate < day).length,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  };

  const list = async (params: Params<typeof listParams>): Promise<ProblemList> => {
    const [problems, people] = await Promise.all([facts.problems(), facts.people()]);
    const day = today();
    const text = params.text.toLowerCase();
    const rows = problems
      .map((p) => ({ p, r: row(p, people, day) }))
      .filter(({ p, r }) =>
        (params.status.length === 0 || params.status.includes(p.status)) &&
        (params.causeCategory.length === 0 || params.causeCategory.includes(p.causeCategory)) &&
        (!params.productLine || p.productLine === params.productLine) &&
        (!params.ownerId || p.ownerId === params.ownerId || p.actions.some((a) => a.ownerId === params.ownerId)) &&
        (!params.overdueOnly || r.overdueActions > 0) &&
        (!text || [p.title, p.description, p.rootCause, ...p.whys].some((s) => s.toLowerCase().includes(text))),
      )
      .map(({ r }) => r);
    const { field, direction } = params.sort;
    const sign = direction === 'asc' ? 1 : -1;
    rows.sort((a, b) => sign * String(a[field]).localeCompare(String(b[field])) || a.id.localeCompare(b.id));
    const owners = [...new Set(problems.flatMap((p) => [p.ownerId, ...p.actions.map((a) => a.ownerId)]))]
      .map((id) => people.get(id))
      .filter((p): p is Person => p !== undefined)
      .map(personOption)
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      rows: rows.slice(params.offset, params.offset + params.limit),
      total: rows.length,
      options: { productLines: [...new Set(problems.map((p) => p.productLine).filter((l) => l !== ''))].sort(), owners },
    };
  };

  const overdue = async (): Promise<OverdueOwner[]> => {
    const [problems, people] = await Promise.all([facts.problems(), facts.people()]);
    return overdueByOwner(problems, today()).map((o) => ({ ownerId: o.ownerId, ownerName: nameOf(people, o.ownerId), ...zhOf(people, o.ownerId), actions: o.actions }));
  };

  const detail = async (id: string): Promise<ProblemDetail | null> => {
    const p = await facts.problem(id);
    if (!p) return null;
    const [w, people] = await Promise.all([facts.worker(), facts.people()]);
    const owner = people.get(p.ownerId);
    const day = today();
    return {
      id: p.id,
      title: p.title,
      description: p.description,
      status: p.status,
      causeCategory: p.causeCategory,
      productLine: p.productLine,
      owner: owner ? personOption(owner) : null,
      whys: p.whys,
      rootCause: p.rootCause,
      actions: p.actions.map((a) => ({ ...a, ownerName: nameOf(people, a.ownerId), ...zhOf(people, a.ownerId), overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueDate < day })),
      tickets: await facts.ticketViews(w, p.ticketIds),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      mayEdit: mayWriteProblems(w),
    };
  };

  const candidates = async (params: Params<typeof candidatesParams>): Promise<CandidateList> => {
    const now = clock().getTime();
    const w = await facts.worker();
    const chosen = await facts.factsOf(w, [...(await facts.ticketsByIds(params.ticketIds)).values()]);
    const kind = kindOf(
      chosen.map((c) => c.facts),
      { productLine: params.productLine, causeCategory: params.causeCategory },
    );
    const since = new Date(now - CANDIDATE_WINDOW_DAYS * DAY).toISOString();
    const open = (await db.tickets.find({ selector: { status: { $in: [...OPEN_STATUSES] }, createdAt: { $gte: since } } }).exec()).map((d) => d.toJSON() as Ticket);
    const pool = await facts.factsOf(w, open);
    const found = candidateTickets(kind, pool.map((p) => p.facts), { now, exclude: new Set(params.ticketIds) });
    const views = new Map((await facts.ticketViews(w, found.map((c) => c.ticketId))).map((v) => [v.id, v]));
    return {
      selected: await facts.ticketViews(w, params.ticketIds),
      candidates: found.map((c) => ({ ...views.get(c.ticketId)!, reasons: c.reasons })),
    };
  };

  const check = async (params: Params<typeof effectivenessParams>): Promise<EffectivenessView | null> => {
    const p = await facts.problem(params.id);
    if (!p) return null;
    const defaultPivot = effectivenessPivot(p.actions);
    const pivot = params.pivot ?? defaultPivot;
    if (!pivot) return { pivot: null, defaultPivot: null };
    const w = await facts.worker();
    const linked = await facts.factsOf(w, [...(await facts.ticketsByIds(p.ticketIds)).values()]);
    const kind = kindOf(linked.map((l) => l.facts), { productLine: p.productLine });
    const at = Date.parse(`${pivot}T00:00:00.000Z`);
    const window = { $gte: new Date(at - params.periodDays * DAY).toISOString(), $lt: new Date(at + params.periodDays * DAY).toISOString() };
    const docs = await db.tickets.find({ selector: { createdAt: window } }).exec();
    const tickets = await facts.factsOf(w, docs.map((d) => d.toJSON() as Ticket));
    return { ...effectiveness({ kind, tickets: tickets.map((t) => t.facts), pivot, periodDays: params.periodDays, now: clock().getTime() }), defaultPivot };
  };

  const forTicket = async (ticketId: string): Promise<TicketProblem[]> =>
    (await facts.problems())
      .filter((p) => p.ticketIds.includes(ticketId))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((p) => ({ id: p.id, title: p.title, status: p.status }));

  const people = async (): Promise<PersonOption[]> =>
    [...(await facts.people()).values()]
      .filter((p) => p.active && !(p.roles.length === 1 && p.roles[0] === 'assessor'))
      .map(personOption)
      .sort((a, b) => a.name.localeCompare(b.name));

  return {
    list,
    overdue,
    detail,
    candidates,
    check,
    forTicket,
    people,
    watch: {
      list: (params: Params<typeof listParams>, emit: Emit<ProblemList>, onError: OnError) => live([db.problems.$, db.people.$], () => list(params), emit, onError),
      overdue: (emit: Emit<OverdueOwner[]>, onError: OnError) => live([db.problems.$, db.people.$], overdue, emit, onError),
      detail: (id: string, emit: Emit<ProblemDetail | null>, onError: OnError) => live([db.problems.$, db.tickets.$, db.people.$], () => detail(id), emit, onError),
      candidates: (params: Params<typeof candidatesParams>, emit: Emit<CandidateList>, onError: OnError) => live([db.tickets.$, db.assets.$], () => candidates(params), emit, onError),
      check: (params: Params<typeof effectivenessParams>, emit: Emit<EffectivenessView | null>, onError: OnError) => live([db.problems.$, db.tickets.$], () => check(params), emit, onError),
      forTicket: (ticketId: string, emit: Emit<TicketProblem[]>, onError: OnError) => live([db.problems.$], () => forTicket(ticketId), emit, onError),
      people: (emit: Emit<PersonOption[]>, onError: OnError) => live([db.people.$], people, emit, onError),
    },
  };
};
export type ProblemQueries = ReturnType<typeof createProblemQueries>;
