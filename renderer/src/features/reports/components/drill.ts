import { reportDrill, type ReportDrillInput } from '../../../../../shared/api/queue';
import type { QueueFilterFields } from '../../queue/components/QueueFilters';

/** What a report figure is about: its figure and period, and the report row's scope. */
export type DrillTarget = Partial<ReportDrillInput> & {
  productLine?: string | undefined;
  severity?: string | undefined;
  teamId?: string | undefined;
  status?: string | undefined;
};

const DRILL_KEYS = ['figure', 'month', 'age', 'clock', 'tier'] as const;
const FILTER_KEYS = ['productLine', 'severity', 'teamId', 'status'] as const;

/**
 * The tickets behind a report figure: the queue of all tickets with the figure in the query
 * string. The queue turns it back into its filters and the figure's own rule (the same
 * per-ticket rules as the report, in main), so a report cell opens the records it counts.
 */
export const drillLink = (target: DrillTarget): string => {
  const entries = Object.entries(target).filter((e): e is [string, string] => typeof e[1] === 'string');
  return `/queue/all?${new URLSearchParams(entries).toString()}`;
};

/** The queue's filters and the figure of a drill-down link; a figure that does not parse is dropped. */
export const drillFromSearch = (search: URLSearchParams): { filters: QueueFilterFields; drill: ReportDrillInput | undefined } => {
  const filters: Record<string, string[]> = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value) filters[key] = [value];
  }
  const asked = Object.fromEntries(DRILL_KEYS.flatMap((k) => (search.get(k) ? [[k, search.get(k)]] : [])));
  const drill = reportDrill.safeParse(asked);
  return { filters: filters as QueueFilterFields, drill: drill.success ? drill.data : undefined };
};
