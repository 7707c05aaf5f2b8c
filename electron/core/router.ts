/**
 * Turns the contract into a dispatcher: every input is decoded with its schema before a
 * handler sees it, and every outcome is a Result value. Both shells (Electron IPC and the
 * browser harness WebSocket) sit on top of this, so they share one validation path.
 */
import type { z } from 'zod';
import {
  commands,
  isCommandName,
  isLiveQueryName,
  liveQueries,
  type CommandName,
  type CommandResult,
  type LiveQueryName,
  type LiveQueryResult,
} from '../../shared/api/contract';
import type { ApiSlice } from '../../shared/api/define';
import { fail, ok, type FieldIssue, type Result } from '../../shared/api/result';
import { toResultError } from './errors';

type ParsedInput<N extends CommandName> = z.output<(typeof commands)[N]['input']>;
type ParsedParams<N extends LiveQueryName> = z.output<(typeof liveQueries)[N]['params']>;

export type CommandHandlers = {
  [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandResult<N>>;
};

/** A live query handler calls `emit` with a fresh result after every relevant change. */
export type LiveQueryHandlers = {
  [N in LiveQueryName]: (
    params: ParsedParams<N>,
    emit: (value: LiveQueryResult<N>) => void,
    onError: (error: unknown) => void,
  ) => () => void;
};

/**
 * The handlers of one feature, typed against its slice of the contract: a command or live
 * query of the slice without a handler is a compile error.
 */
export interface SliceHandlers<S extends ApiSlice> {
  commands: {
    [N in keyof S['commands']]: (
      input: z.output<S['commands'][N]['input']>,
    ) => Promise<Exclude<S['commands'][N]['_result'], undefined>>;
  };
  liveQueries: {
    [N in keyof S['liveQueries']]: (
      params: z.output<S['liveQueries'][N]['params']>,
      emit: (value: Exclude<S['liveQueries'][N]['_result'], undefined>) => void,
      onError: (error: unknown) => void,
    ) => () => void;
  };
}

export interface ContractHandlers {
  commands: CommandHandlers;
  liveQueries: LiveQueryHandlers;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Merges the features' handlers; `createRouter` then checks that every name has one. */
export const mergeHandlers = <const H extends readonly { commands: object; liveQueries: object }[]>(
  ...parts: H
): { commands: UnionToIntersection<H[number]['commands']>; liveQueries: UnionToIntersection<H[number]['liveQueries']> } => ({
  commands: Object.assign({}, ...parts.map((p) => p.commands)),
  liveQueries: Object.assign({}, ...parts.map((p) => p.liveQueries)),
});

export interface Router {
  dispatch(name: unknown, input: unknown): Promise<Result<unknown>>;
  subscribe(name: unknown, params: unknown, listener: (result: Result<unknown>) => void): Result<() => void>;
}

export const zodIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : ''),
    code: issue.code,
    message: issue.message,
  }));

/** A live query's name and parameters as its schema reads them, or why it is refused. */
export const checkLiveQuery = (name: unknown, params: unknown): Result<{ name: LiveQueryName; params: unknown }> => {
  if (!isLiveQueryName(name)) return fail('UNKNOWN_QUERY', `Unknown live query: ${String(name).slice(0, 80)}`);
  const parsed = liveQueries[name].params.safeParse(params);
  if (!parsed.success) return fail('VALIDATION_FAILED', `Invalid parameters for ${name}`, zodIssues(parsed.error));
  return ok({ name, params: parsed.data });
};

export const createRouter = ({ commands: handlers, liveQueries: live }: ContractHandlers): Router => ({
  async dispatch(name, input) {
    if (!isCommandName(name)) return fail('UNKNOWN_COMMAND', `Unknown command: ${String(name).slice(0, 80)}`);
    const parsed = commands[name].input.safeParse(input);
    if (!parsed.success) return fail('VALIDATION_FAILED', `Invalid input for ${name}`, zodIssues(parsed.error));
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      return { ok: false, error: toResultError(error) };
    }
  },

  subscribe(name, params, listener) {
    const checked = checkLiveQuery(name, params);
    if (!checked.ok) return checked;
    const handler = live[checked.value.name] as (
      params: unknown,
      emit: (value: unknown) => void,
      onError: (error: unknown) => void,
    ) => () => void;
    // A result equal to the last one sent is not sent again: a query computed again on a timer
    // or after a change that does not touch it (the queue's SLA recheck every half minute)
    // made the screen render all its rows again for nothing. After an error the next result
    // is always sent, so the screen leaves its error state.
    let last: string | undefined;
    try {
      const stop = handler(
        checked.value.params,
        (value) => {
          const text = JSON.stringify(value);
          if (text !== undefined && text === last) return;
          last = text;
          listener(ok(value));
        },
        (error) => {
          last = undefined;
          listener({ ok: false, error: toResultError(error) });
        },
      );
      return ok(stop);
    } catch (error) {
      return { ok: false, error: toResultError(error) };
    }
  },
});
