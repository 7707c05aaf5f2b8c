import { useEffect, useMemo } from 'react';
import type { ReportAnswer, ReportName, ReportQuery } from '../../../../../shared/api/reports';
import { useCommand } from '../../../data/useCommand';

/**
 * Runs a report whenever its name or query changes. The answer says whether the figures
 * came from the server or, offline, from this computer's data.
 */
export const useReport = <N extends ReportName>(report: N, query: ReportQuery) => {
  const { run, result, error, pending } = useCommand('reports.run', { errors: 'inline' });
  const key = JSON.stringify([report, query]);
  const input = useMemo(() => ({ report, query }), [key]); // eslint-disable-line react-hooks/exhaustive-deps -- keyed by value
  useEffect(() => {
    void run(input);
  }, [run, input]);
  const answer = result?.report === report ? (result as ReportAnswer<N>) : undefined;
  return { answer, error, pending };
};

/** The current month and the five before it: the default period of a report. */
export const defaultPeriod = (now = Date.now()): Pick<ReportQuery, 'from' | 'to'> => {
  const d = new Date(now);
  const to = d.toISOString().slice(0, 7);
  const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 5, 1)).toISOString().slice(0, 7);
  return { from, to };
};

export const monthsBack = (n: number, now = Date.now()): string => {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
};
