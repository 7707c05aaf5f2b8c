import { CircularProgress, Stack, Typography } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { RecoveryScreen } from './RecoveryScreen';

/** Delay before the start is shown as such: a small store opens before anyone notices. */
const STARTING_SHOWN_AFTER_MS = 400;

/**
 * Holds the app back while the core runs in recovery mode (a damaged local store): the
 * recovery screen takes the whole window, and the app starts once the user continues after
 * "download again". A core that does not answer the query starts the app as usual. While the
 * core still opens the local store (the window loads beside it), says so after a moment.
 */
export const RecoveryGate = ({ children }: { children: ReactNode }) => {
  const { data, loading, error } = useLiveQuery('recovery.state', {});
  const [seen, setSeen] = useState(false);
  const [continued, setContinued] = useState(false);
  if (data?.mode === 'recovery' && !seen) setSeen(true);
  if (loading && !error) return <Starting />;
  if (data && !continued && (data.mode === 'recovery' || seen)) return <RecoveryScreen state={data} onContinue={() => setContinued(true)} />;
  return <>{children}</>;
};

const Starting = () => {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), STARTING_SHOWN_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!shown) return null;
  return (
    <Stack role="status" spacing={2} sx={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <CircularProgress size={32} aria-hidden />
      <Typography color="text.secondary">{t('route.starting')}</Typography>
    </Stack>
  );
};
