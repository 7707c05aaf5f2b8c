import { reportErrorCodes } from '../../../shared/domain/report-codes';
import type { ReportAnswer, ReportName, ReportQuery, ReportResults, reportsApi, ReviewPackInput } from '../../../shared/api/reports';
import { DomainError } from '../../core/errors';
import type { SliceHandlers } from '../../core/router';
import type { PrintToPdf } from '../fieldwork/report';
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

/** What the review pack is printed with: the shell's printer (none where it cannot print) and the organisation's name for its cover. */
export interface ReviewPackPrinting {
  print: PrintToPdf | null;
  organisation: () => Promise<string>;
}

/** The review pack's print view: the period and scope of the query, the language and the cover's organisation. */
export const reviewPackRoute = ({ query, locale }: ReviewPackInput, organisation: string): string => {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  params.set('lang', locale);
  params.set('org', organisation);
  params.set('print', '1');
  return `/reports/review-pack?${params.toString()}`;
};

/**
 * `reports.run`: the server's figures over all data in the user's scope when it answers;
 * this device's data otherwise. The answer says which, so the screen can tell the user.
 * `reports.reviewPackPdf`: every report of a period in one PDF, printed from its print view.
 */
export const reportsHandlers = (
  server: ReportServer,
  local: LocalReports,
  now: () => number = Date.now,
  printing: ReviewPackPrinting = { print: null, organisation: async () => '' },
): SliceHandlers<typeof reportsApi> => {
  const run = async <N extends ReportName>(report: N, query: ReportQuery): Promise<ReportAnswer> => {
    try {
      return { report, source: 'server', data: await server.report(report, query) };
    } catch (error) {
      if (!(error instanceof SyncHttpError)) throw error;
      if (!useLocal(error)) throw refused(error);
    }
    return local.run(report, query, now());
  };
  return {
    commands: {
      'reports.run': ({ report, query }) => run(report, query),
      'reports.xlsx': (input) => reportWorkbook(input),
      'reports.reviewPackPdf': async (input) => {
        // The query is checked as every report checks it (range, months, product line, scope)
        // before anything is printed: a refused query fails here with its code.
        await run('tl9000', input.query);
        if (!printing.print) throw new DomainError('CONFLICT', 'this shell cannot print', [{ path: 'locale', code: 'pdf_unavailable', message: 'pdf_unavailable' }]);
        const bytes = await printing.print(reviewPackRoute(input, await printing.organisation()));
        if (bytes.byteLength < 5 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new DomainError('INTERNAL', 'the print view did not give a PDF');
        return { fileName: `review-pack-${input.query.from}-${input.query.to}-${input.locale}.pdf`, base64: Buffer.from(bytes).toString('base64') };
      },
    },
    liveQueries: {},
  };
};
