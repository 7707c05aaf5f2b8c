import type { ReportAnswer, ReportName, ReportQuery, ReportResults } from '../../../shared/api/reports';
import {
  backlogReport,
  csatReport,
  escalationReport,
  knownProductLines,
  problemsReport,
  reportFilterProblem,
  slaReport,
  tl9000Report,
  type ReportData,
  type ReportFilter,
} from '../../../shared/domain/reports';
import type { Asset, Customer, Policy, Problem, Ticket, TicketEvent } from '../../../shared/schema';
import { ticketsBehind, type ReportDrill } from '../../../shared/domain/drill';
import { DomainError } from '../../core/errors';
import type { CimsDatabase } from '../../db/open';

const compute: { [N in ReportName]: (data: ReportData, f: ReportFilter, now: number) => ReportResults[N] } = {
  tl9000: tl9000Report,
  sla: slaReport,
  backlog: backlogReport,
  escalations: escalationReport,
  csat: csatReport,
  problems: problemsReport,
};

/**
 * Reports over this device's store, with the same functions and rules as the server's. The
 * store holds only what the signed-in user may read (the server filters every pull), so
 * the scope is already applied.
 */
export function createLocalReports(db: CimsDatabase) {
  // Typed by hand: a call on the union of every collection's RxDB type costs the compiler dearly.
  type Readable = { find(): { exec(): Promise<{ toJSON(): unknown }[]> } };
  async function all<T>(collection: string): Promise<T[]> {
    const docs = await (db.collections as unknown as Record<string, Readable>)[collection]!.find().exec();
    return docs.map((d) => d.toJSON() as T);
  }
  async function load(): Promise<ReportData> {
    const [tickets, events, assets, customers, policies, problems] = await Promise.all([
      all<Ticket>('tickets'),
      all<TicketEvent>('ticketEvents'),
      all<Asset>('assets'),
      all<Customer>('customers'),
      all<Policy>('policies'),
      all<Problem>('problems'),
    ]);
    return { tickets, events, assets, customers, policies, problems };
  }
  return {
    async run<N extends ReportName>(report: N, query: ReportQuery, now: number): Promise<ReportAnswer<N>> {
      const data = await load();
      const problem = reportFilterProblem(query, now, knownProductLines(data));
      if (problem) throw new DomainError(problem.code, problem.message);
      return { report, source: 'local', data: compute[report](data, query, now) };
    },
    /**
     * The ids of the tickets behind a figure, by the same rules as the figure. A drilled queue
     * asks again after every change: only what the figure reads is loaded (no assets or
     * problems; timelines only for the figures that count events).
     */
    async ticketsBehind(drill: ReportDrill, now: number): Promise<string[]> {
      const needsEvents = drill.figure === 'escalated' || drill.figure.startsWith('sla');
      const [tickets, events, customers, policies] = await Promise.all([
        all<Ticket>('tickets'),
        needsEvents ? all<TicketEvent>('ticketEvents') : Promise.resolve([]),
        all<Customer>('customers'),
        all<Policy>('policies'),
      ]);
      return ticketsBehind({ tickets, events, assets: [], customers, policies, problems: [] }, drill, now);
    },
  };
}
export type LocalReports = ReturnType<typeof createLocalReports>;
