import { Alert, Box, Button, Container, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { RecoveryState } from '../../../../../shared/api/recovery';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useCommand } from '../../../data/useCommand';

/**
 * Shown instead of the app when the local store could not be opened (RELIABILITY D4): export
 * the unsynced work that can be read, or set the file aside and download everything again.
 */
export const RecoveryScreen = ({ state, onContinue }: { state: RecoveryState; onContinue: () => void }) => {
  const { t } = useTranslation('recovery');
  const exportWork = useCommand('recovery.exportUnsynced', { errors: 'inline' });
  const again = useCommand('recovery.downloadAgain', { errors: 'inline' });
  const busy = state.busy ?? (exportWork.pending ? 'exporting' : again.pending ? 'setting-aside' : null);
  const done = state.mode === 'normal' && state.setAsideAs !== null;
  const last = exportWork.result ?? state.lastExport;
  const error = exportWork.error ?? again.error;
  const reason = state.reason === 'STORAGE_CORRUPT' ? t('reason_STORAGE_CORRUPT') : t('reason_other', { code: state.reason ?? '' });

  return (
    <Container component="main" maxWidth="md" sx={{ py: 4 }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h4" component="h1">
          {t('heading')}
        </Typography>
        <LanguageSwitch onDark={false} />
      </Stack>
      <Typography sx={{ mb: 2 }}>{t('intro')}</Typography>
      <Box component="dl" sx={{ mb: 3, '& dd': { ml: 0, mb: 1 } }}>
        <Typography component="dt" variant="subtitle2">
          {t('file')}
        </Typography>
        <Box component="dd" data-testid="recovery-file" sx={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>
          {state.file}
        </Box>
        <Typography component="dt" variant="subtitle2">
          {t('reason')}
        </Typography>
        <Typography component="dd">{reason}</Typography>
      </Box>

      <Box aria-live="polite" sx={{ mb: 2 }}>
        {busy && (
          <Box role="status" data-testid="recovery-busy">
            <Typography variant="body2">{t(`busy_${busy}`)}</Typography>
            <LinearProgress aria-label={t(`busy_${busy}`)} />
          </Box>
        )}
        {error && <Alert severity="error">{t('failed', { message: error.message })}</Alert>}
        {last && (
          <Alert severity={last.cancelled ? 'info' : 'success'} data-testid="recovery-export-result">
            {last.cancelled ? (
              t('cancelled')
            ) : (
              <>
                {last.saved === 0 ? t('exportedNone', { file: last.file ?? '' }) : t('exported', { count: last.saved, file: last.file ?? '' })}
                {last.unreadable > 0 && <> {t('unreadable', { count: last.unreadable })}</>}
                {last.attachments > 0 && <> {t('attachments', { count: last.attachments })}</>}
              </>
            )}
          </Alert>
        )}
      </Box>

      {done ? (
        <Stack spacing={2}>
          <Alert severity="success" data-testid="recovery-done">
            {t('done', { file: state.setAsideAs ?? '' })}
          </Alert>
          <Box>
            <Button variant="contained" onClick={onContinue} autoFocus>
              {t('continue')}
            </Button>
          </Box>
        </Stack>
      ) : (
        <Stack spacing={2}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="h6" component="h2">
              {t('exportHeading')}
            </Typography>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {t('exportHint')}
            </Typography>
            <Button variant="contained" disabled={busy !== null} onClick={() => void exportWork.run({})} autoFocus>
              {t('export')}
            </Button>
          </Paper>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="h6" component="h2">
              {t('againHeading')}
            </Typography>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {t('againHint')}
            </Typography>
            <Button variant="outlined" disabled={busy !== null} onClick={() => void again.run({})}>
              {t('again')}
            </Button>
          </Paper>
        </Stack>
      )}
    </Container>
  );
};
