import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSET_CSV_COLUMNS, REQUIRED_ASSET_COLUMNS, type AssetCsvRow, type CheckedAssetRow } from '../../../../../shared/domain/assetCsv';
import { useCommand } from '../../../data/useCommand';
import { readAssetCsv, type AssetCsvReadError } from './assetCsvFile';

const SHOWN_ERRORS = 100;

type Stage =
  | { kind: 'choose'; error: AssetCsvReadError | null }
  | { kind: 'checking' }
  | { kind: 'preview'; rows: Partial<AssetCsvRow>[]; checked: CheckedAssetRow[] }
  | { kind: 'importing' }
  | { kind: 'done'; created: number; skipped: number }
  | { kind: 'failed'; reason: string };

/**
 * Import in three steps: choose a file, see every row's errors (checked against this
 * computer's customers, sites and assets; nothing written yet), confirm. The import checks
 * the rows again and writes the good ones in one go.
 */
export const AssetImportDialog = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation('assets');
  const { t: tc } = useTranslation();
  const check = useCommand('assets.import.check', { errors: 'inline' });
  const importRows = useCommand('assets.import', { errors: 'inline' });
  const [stage, setStage] = useState<Stage>({ kind: 'choose', error: null });

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const read = await readAssetCsv(file);
    if (!read.ok) return setStage({ kind: 'choose', error: read.error });
    setStage({ kind: 'checking' });
    const checked = await check.run({ rows: read.rows });
    if (!checked.ok) return setStage({ kind: 'failed', reason: tc(`errors.${checked.error.code}`) });
    setStage({ kind: 'preview', rows: read.rows, checked: checked.value });
  };

  const run = async (rows: Partial<AssetCsvRow>[]) => {
    setStage({ kind: 'importing' });
    const result = await importRows.run({ rows });
    setStage(result.ok ? { kind: 'done', ...result.value } : { kind: 'failed', reason: tc(`errors.${result.error.code}`) });
  };

  const readError = (e: AssetCsvReadError) => (e.kind === 'missingColumns' ? t('csv.missingColumns', { columns: e.columns.join(', ') }) : t(`csv.${e.kind}`));
  const ready = stage.kind === 'preview' ? stage.checked.filter((r) => r.draft).length : 0;
  const busy = stage.kind === 'checking' || stage.kind === 'importing';

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="asset-import-title">
      <DialogTitle id="asset-import-title">{t('csv.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('csv.intro', { columns: ASSET_CSV_COLUMNS.join(', '), required: REQUIRED_ASSET_COLUMNS.join(', ') })}</DialogContentText>
        {stage.kind === 'choose' && (
          <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Button variant="outlined" component="label">
              {t('csv.choose')}
              <input hidden type="file" accept=".csv,text/csv" data-testid="asset-import-file" onChange={(e) => void choose(e.target.files?.[0])} />
            </Button>
            {stage.error && (
              <Alert severity="error" data-testid="asset-import-error">
                {readError(stage.error)}
              </Alert>
            )}
          </Stack>
        )}
        {busy && (
          <Stack spacing={1}>
            <Typography variant="body2">{t('csv.checking')}</Typography>
            <LinearProgress />
          </Stack>
        )}
        {stage.kind === 'preview' && (
          <Stack spacing={1.5}>
            <Alert severity={ready === stage.checked.length ? 'success' : 'warning'} data-testid="asset-import-summary">
              {t('csv.summary', { rows: stage.checked.length, ready, bad: stage.checked.length - ready })}
            </Alert>
            {ready < stage.checked.length && <ErrorRows checked={stage.checked} />}
          </Stack>
        )}
        {stage.kind === 'done' && (
          <Alert severity="success" data-testid="asset-import-done">
            {t('csv.done', stage)}
          </Alert>
        )}
        {stage.kind === 'failed' && (
          <Alert severity="error" data-testid="asset-import-failed">
            {t('csv.failed', { reason: stage.reason })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {stage.kind === 'preview' && (
          <Button variant="contained" disabled={ready === 0} onClick={() => void run(stage.rows)} data-testid="asset-import-confirm">
            {t('csv.confirm', { count: ready })}
          </Button>
        )}
        <Button onClick={onClose} disabled={busy} data-testid="asset-import-close">
          {stage.kind === 'done' ? t('csv.close') : t('form.cancel')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const ErrorRows = ({ checked }: { checked: CheckedAssetRow[] }) => {
  const { t } = useTranslation('assets');
  const bad = checked.filter((r) => r.errors.length > 0);
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        {t('csv.errorsHeading')}
      </Typography>
      <Table size="small" data-testid="asset-import-errors">
        <TableHead>
          <TableRow>
            <TableCell>{t('csv.line')}</TableCell>
            <TableCell>{t('csv.code')}</TableCell>
            <TableCell>{t('csv.column')}</TableCell>
            <TableCell>{t('csv.problem')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {bad.slice(0, SHOWN_ERRORS).flatMap((r) =>
            r.errors.map((e) => (
              <TableRow key={`${r.line}-${e.field}-${e.code}`} data-testid="asset-import-error-row">
                <TableCell>{r.line}</TableCell>
                <TableCell>{r.assetCode}</TableCell>
                <TableCell>{e.field}</TableCell>
                <TableCell>{t(`csv.rowError.${e.code}`)}</TableCell>
              </TableRow>
            )),
          )}
        </TableBody>
      </Table>
      {bad.length > SHOWN_ERRORS && <Typography variant="body2">{t('csv.moreErrors', { count: bad.length - SHOWN_ERRORS })}</Typography>}
    </>
  );
};
