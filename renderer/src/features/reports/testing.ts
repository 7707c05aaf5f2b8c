/**
 * For the reports' component tests: main's `reports.run` answered from the hand-made quarter
 * of shared/domain/testing/report-fixture.ts with the shared report functions.
 */
import type { CommandInput, CommandResult } from '../../../../shared/api/contract';
import type { ReportAnswer } from '../../../../shared/api/reports';
import { fail, ok, type Result } from '../../../../shared/api/result';
import { backlogReport, csatReport, escalationReport, problemsReport, slaReport, tl9000Report, type ReportData } from '../../../../shared/domain/reports';
import { newId } from '../../../../shared/domain/testing/builders';
import { reportFixture } from '../../../../shared/domain/testing/report-fixture';

const compute = { tl9000: tl9000Report, sla: slaReport, backlog: backlogReport, escalations: escalationReport, csat: csatReport, problems: problemsReport };

/** The fixture's quarter as of `now`, in two teams of two regions. */
export const reportData = (now: number): ReportData => {
  const fx = reportFixture({ T1: newId(), T2: newId(), east: 'cn-east', south: 'cn-south', now });
  return { tickets: Object.values(fx.tickets), events: fx.events, assets: fx.assets, customers: fx.customers, policies: fx.policies, problems: fx.problems };
};

/** A `reports.run` handler over the data: a reversed range is refused as main refuses it. */
export const answerReports =
  (data: ReportData, now: number, source: 'server' | 'local' = 'server') =>
  ({ report, query }: CommandInput<'reports.run'>): Result<CommandResult<'reports.run'>> =>
    query.to < query.from ? fail('RANGE_REVERSED', 'reversed') : ok({ report, source, data: compute[report](data, query, now) } as ReportAnswer);
