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
  return {
    async run<N extends ReportName>(report: N, query: ReportQuery, now: number): Promise<ReportAnswer<N>> {
      const [tickets, events, assets, customers, policies, problems] = await Promise.all([
        all<Ticket>('tickets'),
        all<TicketEvent>('ticketEvents'),
        all<Asset>('assets'),
        all<Customer>('customers'),
        all<Policy>('policies'),
        all<Problem>('problems'),
      ]);
      const data: ReportData = { tickets, events, assets, customers, policies, problems };
      const problem = reportFilterProblem(query, now, knownProductLines(data));
      if (problem) throw new DomainError(problem.code, problem.message);
      return { report, source: 'local', data: compute[report](data, query, now) };
    },
  };
}
export type LocalReports = ReturnType<typeof createLocalReports>;
