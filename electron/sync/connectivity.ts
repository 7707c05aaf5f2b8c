/**
 * Whether the replication believes the server reachable (replication.ts). Network failures
 * never reach RxDB as errors: a request that cannot reach the server marks the replication
 * offline and waits here until a health probe, with exponential backoff, finds the server
 * again.
 */
import { sleep } from './stream';

/** Ends the requests and the stream's waits of a replication that stopped or halted. */
export class StoppedError extends Error {
  constructor() {
    super('replication stopped');
  }
}

export interface ConnectivityOptions {
  health(): Promise<boolean>;
  baseRetryMs: number;
  maxRetryMs: number;
  /** Aborted when the replication stops or halts: a probe's wait ends at once. */
  signal: AbortSignal;
  /** Stopped or halted for good: nothing waits or probes any more. */
  isStopped(): boolean;
  /** After every setOnline, changed or not (the status is published again). */
  onSet(): void;
  /** Once the server is reachable again. */
  onBackOnline(): void;
}

export interface Connectivity {
  isOnline(): boolean;
  setOnline(value: boolean): void;
  /** Resolves once online; rejects with StoppedError when the replication stops or halts. */
  waitOnline(): Promise<void>;
  /** Lets every waiter go; a stopped replication's waiters reject. */
  wakeWaiters(): void;
}

export function createConnectivity(o: ConnectivityOptions): Connectivity {
  let online = true;
  let onlineWaiters: (() => void)[] = [];
  let probing = false;

  function setOnline(value: boolean): void {
    if (online === value) return o.onSet();
    online = value;
    o.onSet();
    if (value) {
      wakeWaiters();
      o.onBackOnline();
    } else {
      void probe();
    }
  }

  async function probe(): Promise<void> {
    if (probing) return;
    probing = true;
    let delay = Math.min(1_000, o.baseRetryMs);
    try {
      while (!online && !o.isStopped()) {
        await sleep(delay, o.signal);
        if (o.isStopped()) return;
        if (await o.health()) {
          setOnline(true);
          return;
        }
        delay = Math.min(o.maxRetryMs, delay * 2);
      }
    } finally {
      probing = false;
    }
  }

  function waitOnline(): Promise<void> {
    if (o.isStopped()) return Promise.reject(new StoppedError());
    if (online) return Promise.resolve();
    return new Promise((resolve, reject) => {
      onlineWaiters.push(() => (o.isStopped() ? reject(new StoppedError()) : resolve()));
    });
  }

  function wakeWaiters(): void {
    const waiters = onlineWaiters;
    onlineWaiters = [];
    waiters.forEach((w) => w());
  }

  return { isOnline: () => online, setOnline, waitOnline, wakeWaiters };
}
