import { z } from 'zod';
import { ACTION_KINDS, ACTION_STATUSES, CAUSE_CATEGORIES, PROBLEM_STATUSES } from './enums';
import { id, isoTime, localDate, name, text, timestamps } from './primitives';

export const actionSchema = z.strictObject({
  id: id(),
  kind: z.enum(ACTION_KINDS),
  description: name(2000),
  ownerId: id(),
  dueDate: localDate(),
  status: z.enum(ACTION_STATUSES),
  // Effectiveness check after the action is done: did the fault stop recurring?
  effective: z.boolean().nullable(),
  checkedAt: isoTime().nullable(),
});

export const problemSchema = z.strictObject({
  ...timestamps,
  title: name(300),
  description: text(20_000),
  status: z.enum(PROBLEM_STATUSES),
  causeCategory: z.enum(CAUSE_CATEGORIES),
  productLine: text(60),
  ownerId: id(),
  ticketIds: z.array(id()).max(5000),
  assetIds: z.array(id()).max(5000),
  // 5-whys chain, first "why" first.
  whys: z.array(name(1000)).max(5),
  rootCause: text(5000),
  actions: z.array(actionSchema).max(100),
});
export type Problem = z.infer<typeof problemSchema>;
export type ProblemAction = z.infer<typeof actionSchema>;
