import { Alert, Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { SignInDialog } from './SignInDialog';
import { useExportUnsynced } from './useExportUnsynced';

/** Says what to do when syncing stopped for a reason the user must act on. */
export const SessionBanner = () => {
  const { t } = useTranslation('session');
  const { data: status } = useLiveQuery('sync.status', {});
  const { data: session } = useLiveQuery('session.current', {});
  const exporter = useExportUnsynced();
  const [signingIn, setSigningIn] = useState(false);
  if (status?.state !== 'session-ended' && status?.state !== 'update-required') return null;
  const ended = status.state === 'session-ended';
  return (
    <Alert
      severity={ended ? 'warning' : 'error'}
      sx={{ mb: 2 }}
      data-testid="session-banner"
      action={
        <Stack direction="row" spacing={1}>
          {status.pendingLocalChanges > 0 && (
            <Button color="inherit" size="small" onClick={() => void exporter.run()} disabled={exporter.busy} data-testid="export-unsynced">
              {t('exportUnsynced')}
            </Button>
          )}
          {ended && (
            <Button color="inherit" size="small" onClick={() => setSigningIn(true)}>
              {t('signInAgain')}
            </Button>
          )}
        </Stack>
      }
    >
      {ended ? t('endedMessage', { count: status.pendingLocalChanges }) : t('updateRequiredMessage')}
      {exporter.exported !== null && ` ${t('exported', { count: exporter.exported })}`}
      <SignInDialog open={signingIn} onClose={() => setSigningIn(false)} serverUrl={session?.serverUrl ?? null} />
    </Alert>
  );
};
