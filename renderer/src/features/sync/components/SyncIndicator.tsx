import { Chip, Link, Popover, Stack } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SyncState } from '../../../../../shared/api/sync';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { SyncDetails } from './SyncDetails';

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
  const { t } = useTranslation('sync');
  const { data } = useLiveQuery('sync.status', {});
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const state = data?.state ?? 'local-only';
  const pending = data?.pendingLocalChanges ?? 0;
  const label = pending > 0 && state !== 'local-only' ? `${t(state)} · ${pending}` : t(state);
  const quiet = state === 'local-only' || state === 'signed-out';

  return (
    <>
      <Chip
        data-testid="sync-indicator"
        aria-label={`${t('label')}: ${label}`}
        aria-haspopup="dialog"
        color={colors[state]}
        size="small"
        variant={quiet ? 'outlined' : 'filled'}
        label={label}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={quiet ? { bgcolor: 'rgba(255,255,255,0.12)', color: 'inherit' } : undefined}
      />
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Stack spacing={1.5} sx={{ p: 2, width: 340 }}>
          {data && <SyncDetails status={data} />}
          <Link component={RouterLink} to="/sync" onClick={() => setAnchor(null)} variant="body2">
            {t('openDetails')}
          </Link>
        </Stack>
      </Popover>
    </>
  );
};
