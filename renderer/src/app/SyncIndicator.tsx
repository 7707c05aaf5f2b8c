import { Chip, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../shared/api/app';
import { useLiveQuery } from '../api/context';

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
  const { t } = useTranslation();
  const { data } = useLiveQuery('sync.status', {});
  const state = data?.state ?? 'local-only';
  const hint = [
    state === 'local-only' ? t('sync.local-only-hint') : null,
    data && data.pendingLocalChanges > 0 ? t('sync.pending', { count: data.pendingLocalChanges }) : null,
    data?.lastError ? data.lastError.message : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Tooltip title={hint || t(`sync.${state}`)}>
      <Chip
        data-testid="sync-indicator"
        aria-label={`${t('sync.label')}: ${t(`sync.${state}`)}`}
        color={colors[state]}
        size="small"
        variant={state === 'local-only' ? 'outlined' : 'filled'}
        label={t(`sync.${state}`)}
        sx={{ bgcolor: state === 'local-only' ? 'rgba(255,255,255,0.12)' : undefined, color: state === 'local-only' ? 'inherit' : undefined }}
      />
    </Tooltip>
  );
};
