import { Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../../../shared/api/sync';
import { useFormat } from '../../../i18n/format';
import { useExportUnsynced } from '../../session/components/useExportUnsynced';

/** What the sync state means for the user's work, and the way out when it is stuck. */
export const SyncDetails = ({ status }: { status: SyncStatusView }) => {
  const { t } = useTranslation('sync');
  const { t: ts } = useTranslation('session');
  const format = useFormat();
  const exporter = useExportUnsynced();
  const { state, pendingLocalChanges: pending, initialSync } = status;
  return (
    <Stack spacing={1} data-testid="sync-details">
      <Typography variant="subtitle2">{t(state)}</Typography>
      {state === 'local-only' && <Typography variant="body2">{t('local-only-hint')}</Typography>}
      <Typography variant="body2">{pending > 0 ? t('pending', { count: pending }) : t('nothingPending')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t('lastSuccess')}: {status.lastSuccessAt ? format.dateTimeLong(status.lastSuccessAt) : t('never')}
      </Typography>
      {initialSync && (
        <Box>
          <Typography variant="body2">{t('initialSync', { collection: initialSync.collection, done: format.integer(initialSync.done) })}</Typography>
          <LinearProgress
            variant={initialSync.total ? 'determinate' : 'indeterminate'}
            value={initialSync.total ? (100 * initialSync.done) / initialSync.total : undefined}
          />
        </Box>
      )}
      {status.lastError && (
        <Typography variant="body2" color="error">
          {t('lastError')}: {status.lastError.message}
        </Typography>
      )}
      {pending > 0 && state !== 'local-only' && (
        <Box>
          <Button size="small" variant="outlined" onClick={() => void exporter.run()} disabled={exporter.busy} data-testid="sync-export">
            {ts('exportUnsynced')}
          </Button>
        </Box>
      )}
    </Stack>
  );
};
