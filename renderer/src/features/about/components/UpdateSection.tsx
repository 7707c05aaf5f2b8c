import { Alert, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';

/**
 * The app's own update: found and downloaded in the background, then "restart to install",
 * held back (with the reason) while a push is on its way to the server.
 */
export const UpdateSection = () => {
  const { t } = useTranslation('about');
  const format = useFormat();
  const { data: update } = useLiveQuery('app.update', {});
  const install = useCommand('app.update.install');
  if (!update) return null;

  const line = !update.supported
    ? t('updateUnsupported')
    : update.state === 'checking'
      ? t('updateChecking')
      : update.state === 'downloading'
        ? t('updateDownloading', { version: update.version ?? '', progress: format.integer(update.progress ?? 0) })
        : update.state === 'ready'
          ? t('updateReady', { version: update.version ?? '' })
          : update.state === 'error'
            ? t('updateError')
            : t('updateIdle');
  const blocked = update.installBlockedBy === 'PUSH_IN_FLIGHT';

  return (
    <Stack spacing={1} data-testid="about-update" aria-labelledby="about-update-title">
      <Typography id="about-update-title" variant="h6" component="h2">
        {t('updates')}
      </Typography>
      <Typography data-testid="about-update-state">{line}</Typography>
      {update.state === 'downloading' && <LinearProgress variant="determinate" value={update.progress ?? 0} aria-label={line} />}
      {update.supported && update.lastCheckedAt && (
        <Typography variant="body2" color="text.secondary">
          {t('updateLastChecked', { when: format.dateTime(update.lastCheckedAt) })}
        </Typography>
      )}
      {update.state === 'ready' && (
        <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
          <Button variant="contained" onClick={() => void install.run({})} disabled={blocked || install.pending} aria-describedby={blocked ? 'about-update-blocked' : undefined} data-testid="about-update-install">
            {t('updateInstall', { version: update.version ?? '' })}
          </Button>
          {blocked && (
            <Alert severity="info" id="about-update-blocked" data-testid="about-update-blocked">
              {t('updateBlocked')}
            </Alert>
          )}
        </Stack>
      )}
    </Stack>
  );
};
