import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Transport } from '../../../shared/api/bridge';
import { LiveStore } from './live-store';

interface DataContextValue {
  transport: Transport;
  live: LiveStore;
}

const DataContext = createContext<DataContextValue | null>(null);

/** The core as the screens see it: commands through the transport, live queries through one store. */
export const DataProvider = ({ transport, children }: { transport: Transport; children: ReactNode }) => {
  const value = useMemo(() => ({ transport, live: new LiveStore(transport) }), [transport]);
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
};

export const useData = (): DataContextValue => {
  const value = useContext(DataContext);
  if (!value) throw new Error('useData outside DataProvider');
  return value;
};
