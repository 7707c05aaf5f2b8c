import { Alert, Box, Button, Paper, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostics } from '../../../../../shared/api/app';
import { useCommand } from '../../../data/useCommand';
import { useNotify } from '../../../data/notify';
import { useFormat } from '../../../i18n/format';
import { LogsSection } from '../components/LogsSection';
import { UpdateSection } from '../components/UpdateSection';

const MB = 1024 * 1024;

/** Version, platform and store facts, "copy diagnostics" for a message to support, updates and log files. */
export const AboutPage = () => {
  const { t } = useTranslation('about');
  const format = useFormat();
  const notify = useNotify();
  const diagnostics = useCommand('app.diagnostics');
  const [facts, setFacts] = useState<Diagnostics | null>(null);
  const [manual, setManual] = useState<string | null>(null);
  const { run } = diagnostics;

  const load = useCallback(async () => {
    const result = await run({});
    if (result.ok) setFacts(result.value);
    return result;
  }, [run]);

  useEffect(() => {
    void load();
  }, [load]);

  const copy = async () => {
    const result = await load();
    if (!result.ok) return;
    const text = JSON.stringify(result.value, null, 2);
    try {
      await navigator.clipboard.writeText(text);
      setManual(null);
      notify.success(t('copied'));
    } catch {
      setManual(text);
    }
  };

  const size = (bytes: number) => (bytes >= MB ? `${format.decimal(bytes / MB, 1)} MB` : `${format.integer(Math.ceil(bytes / 1024))} KB`);
  const documents = facts ? Object.values(facts.store.documents).reduce((a, b) => a + b, 0) : 0;
  const rows: [string, string][] = facts
    ? [
        [t('version'), facts.app.version],
        [t('shell'), facts.app.shell === 'electron' ? t('shellElectron') : t('shellHarness')],
        [t('protocol'), String(facts.app.syncProtocol)],
        [t('platform'), `${facts.platform.os} ${facts.platform.arch}`],
        [t('storeSize'), t('storeDocuments', { documents: format.integer(documents), size: size(facts.store.bytes) })],
        [t('lastSync'), facts.sync.lastSuccessAt ? format.dateTime(facts.sync.lastSuccessAt) : t('never')],
        [t('pending'), format.integer(facts.sync.pendingLocalChanges)],
      ]
    : [];

  return (
    <>
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        {t('heading')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('intro')}
      </Typography>
      <Paper sx={{ p: 3, maxWidth: 720 }}>
        {facts ? (
          <Box component="dl" data-testid="about-facts" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}>
            {rows.map(([label, value]) => (
              <Box key={label} sx={{ display: 'contents' }}>
                <Typography component="dt" color="text.secondary">
                  {label}
                </Typography>
                <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                  {value}
                </Typography>
              </Box>
            ))}
          </Box>
        ) : (
          <Stack spacing={1} aria-label={t('loading')} data-testid="about-loading">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} width={`${60 - i * 5}%`} />
            ))}
          </Stack>
        )}
        <Stack direction="row" spacing={2} sx={{ mt: 3, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button variant="contained" onClick={() => void copy()} disabled={diagnostics.pending} data-testid="about-copy">
            {t('copy')}
          </Button>
          <Button onClick={() => void load()} disabled={diagnostics.pending}>
            {t('refresh')}
          </Button>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('copyHint')}
        </Typography>
        {manual !== null && (
          <Stack spacing={1} sx={{ mt: 2 }}>
            <Alert severity="info">{t('copyManually')}</Alert>
            <TextField value={manual} multiline minRows={6} fullWidth slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'about-manual' } }} />
          </Stack>
        )}
      </Paper>
      <Paper sx={{ p: 3, maxWidth: 720, mt: 2 }}>
        <Stack spacing={3}>
          <UpdateSection />
          <LogsSection />
        </Stack>
      </Paper>
    </>
  );
};
