import { useState, type ReactNode } from 'react';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { RecoveryScreen } from './RecoveryScreen';

/**
 * Holds the app back while the core runs in recovery mode (a damaged local store): the
 * recovery screen takes the whole window, and the app starts once the user continues after
 * "download again". A core that does not answer the query starts the app as usual.
 */
export const RecoveryGate = ({ children }: { children: ReactNode }) => {
  const { data, loading, error } = useLiveQuery('recovery.state', {});
  const [seen, setSeen] = useState(false);
  const [continued, setContinued] = useState(false);
  if (data?.mode === 'recovery' && !seen) setSeen(true);
  if (loading && !error) return null;
  if (data && !continued && (data.mode === 'recovery' || seen)) return <RecoveryScreen state={data} onContinue={() => setContinued(true)} />;
  return <>{children}</>;
};
