import { useCallback, useSyncExternalStore } from 'react';
import type { LiveQueryName, LiveQueryParams, LiveQueryResult } from '../../../shared/api/contract';
import { useData } from './context';
import type { LiveState } from './live-store';

/**
 * Reads a live query: the value updates after every change in the core. Every component
 * asking for the same name and parameters shares one subscription.
 */
export const useLiveQuery = <N extends LiveQueryName>(name: N, params: LiveQueryParams<N>): LiveState<LiveQueryResult<N>> => {
  const { live } = useData();
  // Parameters are compared by value: a new object with equal fields keeps the subscription.
  const json = JSON.stringify(params);
  // Asked for during the render: the answer is on its way while React commits.
  live.prefetch(name, params);
  const subscribe = useCallback(
    (onChange: () => void) => live.subscribe(name, JSON.parse(json) as LiveQueryParams<N>, onChange),
    [live, name, json],
  );
  const snapshot = useCallback(() => live.snapshot(name, JSON.parse(json) as LiveQueryParams<N>), [live, name, json]);
  return useSyncExternalStore(subscribe, snapshot);
};
