/**
 * A core stand-in for component tests: answers commands from handlers the test gives, and
 * pushes live query results when the test says so. It counts subscriptions, so a test can
 * check that screens share them.
 */
import type { Transport } from '../../../shared/api/bridge';
import type {
  CommandInput,
  CommandName,
  CommandResult,
  LiveQueryName,
  LiveQueryParams,
  LiveQueryResult,
} from '../../../shared/api/contract';
import { fail, ok, type ApiError, type Result } from '../../../shared/api/result';
import type { SyncStatusView } from '../../../shared/api/sync';

type CommandHandlers = { [N in CommandName]?: (input: CommandInput<N>) => Result<CommandResult<N>> | Promise<Result<CommandResult<N>>> };
type LiveValues = { [N in LiveQueryName]?: LiveQueryResult<N> };

interface Subscription {
  name: LiveQueryName;
  params: unknown;
  listener: (result: Result<never>) => void;
}

export const localOnlyStatus: SyncStatusView = {
  state: 'local-only',
  pendingLocalChanges: 0,
  lastSuccessAt: null,
  lastError: null,
  initialSync: null,
};

export class FakeTransport implements Transport {
  readonly calls: { name: CommandName; input: unknown }[] = [];
  readonly opened: { name: LiveQueryName; params: unknown }[] = [];
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly handlers: CommandHandlers = {},
    private readonly values: LiveValues = { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'setup.current': { firstRun: false, serverUrl: null } },
  ) {}

  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandResult<N>>> {
    this.calls.push({ name, input });
    const handler = this.handlers[name] as ((input: CommandInput<N>) => Result<CommandResult<N>> | Promise<Result<CommandResult<N>>>) | undefined;
    return Promise.resolve(handler ? handler(input) : fail('UNKNOWN_COMMAND', `No fake handler for ${name}`));
  }

  subscribe<N extends LiveQueryName>(name: N, params: LiveQueryParams<N>, listener: (result: Result<LiveQueryResult<N>>) => void): () => void {
    const subscription: Subscription = { name, params, listener: listener as Subscription['listener'] };
    this.subscriptions.add(subscription);
    this.opened.push({ name, params });
    // Like the real core, the first result arrives after the call returns.
    if (name in this.values) queueMicrotask(() => this.subscriptions.has(subscription) && listener(ok(this.values[name] as LiveQueryResult<N>)));
    return () => this.subscriptions.delete(subscription);
  }

  /** Pushes a new result to every open subscription of the query. */
  emit<N extends LiveQueryName>(name: N, value: LiveQueryResult<N>): void {
    this.values[name] = value as LiveValues[N];
    for (const s of this.subscriptions) if (s.name === name) s.listener(ok(value) as Result<never>);
  }

  /** Pushes an error to every open subscription of the query. */
  emitError(name: LiveQueryName, error: ApiError): void {
    for (const s of this.subscriptions) if (s.name === name) s.listener({ ok: false, error });
  }

  /** Open subscriptions of a query right now. */
  openCount(name: LiveQueryName): number {
    return [...this.subscriptions].filter((s) => s.name === name).length;
  }
}
