import { reportErrorCodes } from '../../../shared/domain/report-codes';
import type { ReportAnswer, ReportName, ReportQuery, ReportResults, reportsApi } from '../../../shared/api/reports';
import { DomainError } from '../../core/errors';
import type { SliceHandlers } from '../../core/router';
import { SyncHttpError } from '../../sync/http';
import type { LocalReports } from './local';
import { reportWorkbook } from './xlsx';

export interface ReportServer {
  report<N extends ReportName>(name: N, query: ReportQuery): Promise<ReportResults[N]>;
}

/** Failures after which the local figures are the best answer: no server, or no session. */
const useLocal = (e: SyncHttpError) => e.isNetwork || e.code === 'SIGNED_OUT' || e.code === 'SESSION_ENDED' || e.status >= 500;

const refused = (e: SyncHttpError): DomainError => {
  const code = (reportErrorCodes as readonly string[]).includes(e.code) ? (e.code as (typeof reportErrorCodes)[number]) : null;
  if (code) return new DomainError(code, e.message);
  if (e.code === 'FORBIDDEN') return new DomainError('FORBIDDEN', e.message);
  if (e.code === 'SYNC_VERSION_MISMATCH') return new DomainError('UPDATE_REQUIRED', e.message);
  if (e.code === 'BAD_REQUEST' || e.code === 'VALIDATION_FAILED') return new DomainError('VALIDATION_FAILED', e.message);
  return new DomainError('INTERNAL', e.message);
};

/**
 * `reports.run`: the server's figures over all data in the user's scope when it answers;
 * this device's data otherwise. The answer says which, so the screen can tell the user.
 */
export const reportsHandlers = (server: ReportServer, local: LocalReports, now: () => number = Date.now): SliceHandlers<typeof reportsApi> => ({
  commands: {
    'reports.run': async ({ report, query }): Promise<ReportAnswer> => {
      try {
        return { report, source: 'server', data: await server.report(report, query) };
      } catch (error) {
        if (!(error instanceof SyncHttpError)) throw error;
        if (!useLocal(error)) throw refused(error);
      }
      return local.run(report, query, now());
    },
    'reports.xlsx': (input) => reportWorkbook(input),
  },
  liveQueries: {},
});
