import type { z } from 'zod';

/**
 * A command: an input schema and the type of its result. The result type is a phantom
 * (never read at run time) so both sides of the contract infer it from one declaration.
 */
export interface CommandSpec<I extends z.ZodType, R> {
  readonly input: I;
  readonly _result?: R;
}

/** A live query: parameters in, a result pushed again after every change. */
export interface LiveQuerySpec<P extends z.ZodType, R> {
  readonly params: P;
  readonly _result?: R;
}

export const command = <R>() => <I extends z.ZodType>(input: I): CommandSpec<I, R> => ({ input });
export const liveQuery = <R>() => <P extends z.ZodType>(params: P): LiveQuerySpec<P, R> => ({ params });
