import type {
  CommandInput,
  CommandName,
  CommandResult,
  LiveQueryName,
  LiveQueryParams,
  LiveQueryResult,
} from './contract';
import type { Result } from './result';

/**
 * What the preload exposes as `window.cims`: one named function per command, built from
 * the contract map, and a subscription for live queries. Never `ipcRenderer` itself.
 */
export interface CimsBridge {
  commands: { [N in CommandName]: (input: CommandInput<N>) => Promise<Result<CommandResult<N>>> };
  subscribe<N extends LiveQueryName>(
    name: N,
    params: LiveQueryParams<N>,
    listener: (result: Result<LiveQueryResult<N>>) => void,
  ): () => void;
}

/** The renderer's view of the core, whichever shell carries it (IPC or WebSocket). */
export interface Transport {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandResult<N>>>;
  subscribe<N extends LiveQueryName>(
    name: N,
    params: LiveQueryParams<N>,
    listener: (result: Result<LiveQueryResult<N>>) => void,
  ): () => void;
}
