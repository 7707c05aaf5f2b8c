import { Button, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../data/useCommand';

/** Where the app writes its log files, with a button that opens the folder. */
export const LogsSection = () => {
  const { t } = useTranslation('about');
  const folder = useCommand('app.logs.folder', { errors: 'inline' });
  const open = useCommand('app.logs.open');
  const [path, setPath] = useState<string | null | undefined>(undefined);
  const { run } = folder;
  useEffect(() => {
    void run({}).then((r) => setPath(r.ok ? r.value.path : null));
  }, [run]);
  if (path === undefined) return null;
  return (
    <Stack spacing={1} data-testid="about-logs" aria-labelledby="about-logs-title">
      <Typography id="about-logs-title" variant="h6" component="h2">
        {t('logs')}
      </Typography>
      {path ? (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography component="code" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }} data-testid="about-logs-path">
            {path}
          </Typography>
          <Button onClick={() => void open.run({})} disabled={open.pending} data-testid="about-logs-open">
            {t('logsOpen')}
          </Button>
        </Stack>
      ) : (
        <Typography color="text.secondary">{t('logsNone')}</Typography>
      )}
    </Stack>
  );
};
