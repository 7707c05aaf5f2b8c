/**
 * The tickets behind a report figure: the queue of all tickets with the figure's filters in
 * the query string (product line, severity, month, overdue fixes), so a report cell opens
 * the records it counts.
 */
export const drillLink = (filters: Record<string, string | undefined>): string => {
  const entries = Object.entries(filters).filter((e): e is [string, string] => e[1] !== undefined);
  return `/queue/all?${new URLSearchParams(entries).toString()}`;
};
