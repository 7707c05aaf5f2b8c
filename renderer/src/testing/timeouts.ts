/**
 * How long a test waits for a lazily loaded page: its module is fetched and transformed on
 * first visit, which takes longer than Testing Library's one-second default on a busy machine.
 */
export const pageLoad = { timeout: 15_000 } as const;
