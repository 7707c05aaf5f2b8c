import { z } from 'zod';

/**
 * The shape of every paged live query: the grid asks for one page of rows with a sort and
 * filters, main answers the rows and the total, and pushes both again after each change.
 */
export interface Page<Row> {
  rows: Row[];
  total: number;
}

export const MAX_PAGE_SIZE = 500;

/**
 * Parameters of a paged query over the given sortable fields and filter schema. Sorting
 * is by one field at a time (what an index can answer); ties break on id.
 */
export const pageParams = <F extends readonly [string, ...string[]], Filter extends z.ZodType>(
  sortFields: F,
  filter: Filter,
) =>
  z
    .object({
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
      sort: z
        .object({ field: z.enum(sortFields), direction: z.enum(['asc', 'desc']) })
        .strict()
        .optional(),
      filter: filter.optional(),
    })
    .strict();
