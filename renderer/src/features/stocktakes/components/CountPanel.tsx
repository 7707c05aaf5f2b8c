import { Alert, Box, Button, List, ListItem, ListItemText, Paper, Stack, TextField, Typography } from '@mui/material';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SCANNED_CODE_LENGTH, type RecentScan, type ScanOutcome } from '../../../../../shared/api/stocktakes';
import { useCommand } from '../../../data/useCommand';
import { useFormat } from '../../../i18n/format';

const SEVERITY: Record<ScanOutcome, 'success' | 'info' | 'warning'> = { found: 'success', duplicate: 'info', unexpected: 'warning', unknown: 'warning' };

/**
 * The scan field. A scanner types fast and ends with Enter: the field is emptied as soon as a
 * code is taken, so the next scan starts clean, and it never waits for the previous one to be
 * stored (each scan is its own command; none is dropped). Works with the keyboard alone.
 */
export const CountPanel = ({ stocktakeId, recent }: { stocktakeId: string; recent: RecentScan[] }) => {
  const { t } = useTranslation('stocktakes');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const scan = useCommand('stocktakes.scan', { errors: 'inline' });
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [last, setLast] = useState<{ outcome: ScanOutcome; code: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.trim();
    setCode('');
    input.current?.focus();
    if (value === '') return setProblem(t('validation.codeEmpty'));
    if (value.length > SCANNED_CODE_LENGTH) return setProblem(t('validation.codeTooLong', { length: value.length, max: SCANNED_CODE_LENGTH }));
    setProblem(null);
    void scan.run({ stocktakeId, code: value }).then((r) => {
      if (r.ok) setLast({ outcome: r.value.outcome, code: r.value.assetCode ?? r.value.scannedCode });
      else setProblem(tc(`errors.${r.error.code}`));
    });
  };

  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="count-heading">
      <Typography id="count-heading" variant="h6" component="h2" gutterBottom>
        {t('count.heading')}
      </Typography>
      <Stack component="form" direction="row" spacing={2} onSubmit={submit} noValidate sx={{ alignItems: 'flex-start' }}>
        <TextField
          inputRef={input}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          label={t('count.label')}
          autoFocus
          fullWidth
          autoComplete="off"
          error={problem !== null}
          helperText={problem ?? t('count.hint')}
          slotProps={{ htmlInput: { 'data-testid': 'scan-input', spellCheck: false, style: { fontSize: '1.5rem', fontFamily: 'monospace' } } }}
        />
        <Button type="submit" variant="contained" size="large" sx={{ mt: 1 }} data-testid="scan-submit">
          {t('count.submit')}
        </Button>
      </Stack>
      <Box aria-live="assertive" sx={{ mt: 2, minHeight: 48 }}>
        {last && (
          <Alert severity={SEVERITY[last.outcome]} data-testid="scan-outcome" data-outcome={last.outcome} sx={{ fontSize: '1.1rem' }}>
            {t(`count.outcome.${last.outcome}`, { code: last.code })}
          </Alert>
        )}
      </Box>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        {t('count.recent')}
      </Typography>
      {recent.length === 0 ? (
        <Typography color="text.secondary">{t('count.noScans')}</Typography>
      ) : (
        <List dense data-testid="recent-scans">
          {recent.map((s) => (
            <ListItem key={s.id} disableGutters data-outcome={s.outcome}>
              <ListItemText primary={t(`count.outcome.${s.outcome}`, { code: s.assetCode ?? s.scannedCode })} secondary={t('count.by', { by: s.by, time: format.dateTime(s.at) })} />
            </ListItem>
          ))}
        </List>
      )}
    </Paper>
  );
};
