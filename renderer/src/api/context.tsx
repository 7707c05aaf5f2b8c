import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Transport } from '../../../shared/api/bridge';
import type { LiveQueryName, LiveQueryParams, LiveQueryResult } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';

const TransportContext = createContext<Transport | null>(null);

export const TransportProvider = ({ transport, children }: { transport: Transport; children: ReactNode }) => (
  <TransportContext.Provider value={transport}>{children}</TransportContext.Provider>
);

export const useTransport = (): Transport => {
  const transport = useContext(TransportContext);
  if (!transport) throw new Error('useTransport outside TransportProvider');
  return transport;
};

export interface LiveState<T> {
  data: T | undefined;
  error: ApiError | null;
}

/** Subscribes to a live query; the value updates after every change in the core. */
export const useLiveQuery = <N extends LiveQueryName>(name: N, params: LiveQueryParams<N>): LiveState<LiveQueryResult<N>> => {
  const transport = useTransport();
  const [state, setState] = useState<LiveState<LiveQueryResult<N>>>({ data: undefined, error: null });
  const key = JSON.stringify(params);
  useEffect(() => {
    const stop = transport.subscribe(name, JSON.parse(key) as LiveQueryParams<N>, (result) =>
      setState(result.ok ? { data: result.value, error: null } : (prev) => ({ data: prev.data, error: result.error })),
    );
    return stop;
  }, [transport, name, key]);
  return state;
};
