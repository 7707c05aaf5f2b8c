import { useCallback, useState } from 'react';
import type { CommandInput, CommandName, CommandResult } from '../../../shared/api/contract';
import type { ApiError, Result } from '../../../shared/api/result';
import { useData } from './context';
import { useNotify } from './notify';

export interface CommandOptions<N extends CommandName> {
  /**
   * Where a failure is shown. 'notify' (the default): the app-wide snackbar. 'inline': the
   * caller shows `error` itself, next to the form that caused it.
   */
  errors?: 'notify' | 'inline';
  /** A message for the app-wide snackbar on success, or null for none. */
  success?: (value: CommandResult<N>) => string | null;
}

export interface CommandState<N extends CommandName> {
  run: (input: CommandInput<N>) => Promise<Result<CommandResult<N>>>;
  pending: boolean;
  error: ApiError | null;
  result: CommandResult<N> | undefined;
  reset: () => void;
}

/** Runs a command of the core with pending, error and result state; no outcome is dropped. */
export const useCommand = <N extends CommandName>(name: N, options: CommandOptions<N> = {}): CommandState<N> => {
  const { transport } = useData();
  const notify = useNotify();
  const { errors = 'notify', success } = options;
  const [state, setState] = useState<{ pending: boolean; error: ApiError | null; result: CommandResult<N> | undefined }>({
    pending: false,
    error: null,
    result: undefined,
  });

  const run = useCallback(
    async (input: CommandInput<N>) => {
      setState((s) => ({ ...s, pending: true, error: null }));
      const outcome = await transport.invoke(name, input);
      if (outcome.ok) {
        setState({ pending: false, error: null, result: outcome.value });
        const message = success?.(outcome.value);
        if (message) notify.success(message);
      } else {
        setState((s) => ({ ...s, pending: false, error: outcome.error }));
        if (errors === 'notify') notify.error(outcome.error);
      }
      return outcome;
    },
    [transport, name, notify, errors, success],
  );
  const reset = useCallback(() => setState({ pending: false, error: null, result: undefined }), []);
  return { run, ...state, reset };
};
