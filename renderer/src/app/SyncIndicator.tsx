import { Box, Button, Chip, LinearProgress, Popover, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../shared/api/sync';
import { useLiveQuery } from '../api/context';
import { useExportUnsynced } from '../features/session/useExportUnsynced';

const colors: Record<SyncState, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  'local-only': 'default',
  'signed-out': 'default',
  connecting: 'info',
  syncing: 'info',
  online: 'success',
  offline: 'warning',
  error: 'error',
  'update-required': 'error',
  'session-ended': 'warning',
};

/** Says truthfully where the user's changes are: only here, waiting, or on the server. */
export const SyncIndicator = () => {
  const { t, i18n } = useTranslation();
  const { data } = useLiveQuery('sync.status', {});
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const exporter = useExportUnsynced();
  const state = data?.state ?? 'local-only';
  const pending = data?.pendingLocalChanges ?? 0;
  const label = pending > 0 && state !== 'local-only' ? `${t(`sync.${state}`)} · ${pending}` : t(`sync.${state}`);
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

  return (
    <>
      <Chip
        data-testid="sync-indicator"
        aria-label={`${t('sync.label')}: ${label}`}
        aria-haspopup="dialog"
        color={colors[state]}
        size="small"
        variant={state === 'local-only' || state === 'signed-out' ? 'outlined' : 'filled'}
        label={label}
        onClick={(e) => setAnchor(e.currentTarget)}
        sx={state === 'local-only' || state === 'signed-out' ? { bgcolor: 'rgba(255,255,255,0.12)', color: 'inherit' } : undefined}
      />
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Stack spacing={1} sx={{ p: 2, width: 320 }} data-testid="sync-details">
          <Typography variant="subtitle2">{t(`sync.${state}`)}</Typography>
          {state === 'local-only' && <Typography variant="body2">{t('sync.local-only-hint')}</Typography>}
          <Typography variant="body2">{pending > 0 ? t('sync.pending', { count: pending }) : t('sync.nothingPending')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('sync.lastSuccess')}: {data?.lastSuccessAt ? time(data.lastSuccessAt) : t('sync.never')}
          </Typography>
          {data?.initialSync && (
            <Box>
              <Typography variant="body2">
                {t('sync.initialSync', { collection: data.initialSync.collection, done: data.initialSync.done })}
              </Typography>
              <LinearProgress
                variant={data.initialSync.total ? 'determinate' : 'indeterminate'}
                value={data.initialSync.total ? (100 * data.initialSync.done) / data.initialSync.total : undefined}
              />
            </Box>
          )}
          {data?.lastError && (
            <Typography variant="body2" color="error">
              {t('sync.lastError')}: {data.lastError.message}
            </Typography>
          )}
          {pending > 0 && state !== 'local-only' && (
            <Button size="small" onClick={() => void exporter.run()} disabled={exporter.busy}>
              {t('session.exportUnsynced')}
            </Button>
          )}
          {exporter.exported !== null && <Typography variant="body2">{t('session.exported', { count: exporter.exported })}</Typography>}
        </Stack>
      </Popover>
    </>
  );
};
