/**
 * What the problem services read from the store: tickets as the matching rules see them (with
 * their asset's model and fault category), people's names, and who is working.
 */
import type { PersonOption, ProblemTicket } from '../../../shared/api/problems';
import { faultCategoryOf, type TicketFacts } from '../../../shared/domain/problems';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import type { Asset, Person, Problem, Ticket } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import type { SettingsStore } from '../../core/settings';
import { workerOf, type Worker } from '../ticketWork/viewer';

/** Roles that write problems (server/access/rules.ts problemAccess). */
export const PROBLEM_WRITERS = ['admin', 'manager', 'expert', 'engineer'] as const;
export const mayWriteProblems = (w: Worker): boolean => PROBLEM_WRITERS.some((r) => w.roles.has(r));

/** The viewer's calendar date (the machine's zone): action due dates are local dates. */
export const localDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export const personOption = (p: Person): PersonOption => ({ id: p.id, name: p.displayName, ...(p.displayNameZh ? { nameZh: p.displayNameZh } : {}) });

export const createProblemFacts = (db: CimsDatabase, settings: SettingsStore, currentUser: () => SessionUser | null) => {
  const worker = () => workerOf(db, settings, currentUser());

  const people = async (): Promise<Map<string, Person>> => new Map((await db.people.find().exec()).map((d) => [d.id, d.toJSON() as Person]));

  const problems = async (): Promise<Problem[]> => (await db.problems.find().exec()).map((d) => d.toJSON() as Problem);

  const problem = async (id: string): Promise<Problem | null> => ((await db.problems.findOne(id).exec())?.toJSON() as Problem | undefined) ?? null;

  const modelsOf = async (tickets: readonly Ticket[]): Promise<Map<string, string>> => {
    const assetIds = [...new Set(tickets.map((t) => t.assetId).filter((a) => a !== ''))];
    if (assetIds.length === 0) return new Map();
    const docs = await db.assets.find({ selector: { id: { $in: assetIds } } }).exec();
    return new Map(docs.map((d) => [d.id, (d.toJSON() as Asset).model]));
  };

  /** The tickets the worker may see, as facts for the rules. */
  const factsOf = async (w: Worker, tickets: readonly Ticket[]): Promise<{ ticket: Ticket; facts: TicketFacts }[]> => {
    const visible = tickets.filter((t) => canReadTicket(w, t));
    const models = await modelsOf(visible);
    return visible.map((ticket) => ({
      ticket,
      facts: { id: ticket.id, status: ticket.status, createdAt: ticket.createdAt, productLine: ticket.productLine, assetModel: models.get(ticket.assetId) ?? null, cause: faultCategoryOf(ticket.tags) },
    }));
  };

  const ticketsByIds = async (ids: readonly string[]): Promise<Map<string, Ticket>> => {
    if (ids.length === 0) return new Map();
    const found = await db.tickets.findByIds([...ids]).exec();
    return new Map([...found.values()].map((d) => [d.id, d.toJSON() as Ticket]));
  };

  /** Linked tickets in the order given; one out of sight shows as such, without its content. */
  const ticketViews = async (w: Worker, ids: readonly string[]): Promise<ProblemTicket[]> => {
    const byId = await ticketsByIds(ids);
    const facts = new Map((await factsOf(w, [...byId.values()])).map((f) => [f.ticket.id, f]));
    return ids.map((id) => {
      const f = facts.get(id);
      if (!f) return { id, number: '', title: '', status: null, productLine: '', assetModel: null, cause: null, createdAt: null, visible: false };
      return { id, number: displayTicketNumber(f.ticket), title: f.ticket.title, status: f.ticket.status, productLine: f.ticket.productLine, assetModel: f.facts.assetModel, cause: f.facts.cause, createdAt: f.ticket.createdAt, visible: true };
    });
  };

  return { worker, people, problems, problem, factsOf, ticketsByIds, ticketViews };
};
export type ProblemFacts = ReturnType<typeof createProblemFacts>;
