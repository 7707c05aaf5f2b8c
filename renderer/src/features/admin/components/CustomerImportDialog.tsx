import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_CHUNK } from '../../../../../shared/api/admin';
import { checkCustomerRows, CUSTOMER_CSV_COLUMNS, type CheckedRow, type CustomerDraft } from '../../../../../shared/domain/customerCsv';
import { useCommand } from '../../../data/useCommand';
import { readCustomerCsv, type CsvReadError } from './csvFile';

const SHOWN_ERRORS = 100;

type Stage =
  | { kind: 'choose'; error: CsvReadError | null }
  | { kind: 'preview'; encoding: string; checked: CheckedRow[] }
  | { kind: 'importing'; done: number; total: number }
  | { kind: 'done'; created: number; updated: number; skipped: number }
  | { kind: 'failed'; done: number; reason: string };

/**
 * Import in three steps: choose a file, see every row's errors (nothing written yet), confirm;
 * the good rows go to main in chunks so the bar shows real progress.
 */
export const CustomerImportDialog = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const importChunk = useCommand('admin.customers.import', { errors: 'inline' });
  const [stage, setStage] = useState<Stage>({ kind: 'choose', error: null });
  const ready = useMemo(() => (stage.kind === 'preview' ? stage.checked.flatMap((r) => (r.draft ? [r.draft] : [])) : []), [stage]);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const read = await readCustomerCsv(file);
    if (!read.ok) return setStage({ kind: 'choose', error: read.error });
    setStage({ kind: 'preview', encoding: read.encoding, checked: checkCustomerRows(read.rows) });
  };

  const run = async (drafts: CustomerDraft[], skipped: number) => {
    let created = 0;
    let updated = 0;
    for (let i = 0; i < drafts.length; i += IMPORT_CHUNK) {
      setStage({ kind: 'importing', done: i, total: drafts.length });
      const result = await importChunk.run({ drafts: drafts.slice(i, i + IMPORT_CHUNK) });
      if (!result.ok) return setStage({ kind: 'failed', done: i, reason: tc(`errors.${result.error.code}`) });
      created += result.value.created;
      updated += result.value.updated;
    }
    setStage({ kind: 'done', created, updated, skipped });
  };

  const readError = (e: CsvReadError) => (e.kind === 'missingColumns' ? t('customerImport.missingColumns', { columns: e.columns.join(', ') }) : t(`customerImport.${e.kind}`));

  return (
    <Dialog open onClose={stage.kind === 'importing' ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="import-dialog-title">
      <DialogTitle id="import-dialog-title">{t('customerImport.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('customerImport.intro', { columns: CUSTOMER_CSV_COLUMNS.join(', ') })}</DialogContentText>
        {stage.kind === 'choose' && (
          <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Button variant="outlined" component="label">
              {t('customerImport.choose')}
              <input hidden type="file" accept=".csv,text/csv" data-testid="customer-import-file" onChange={(e) => void choose(e.target.files?.[0])} />
            </Button>
            {stage.error && (
              <Alert severity="error" data-testid="customer-import-error">
                {readError(stage.error)}
              </Alert>
            )}
          </Stack>
        )}
        {stage.kind === 'preview' && (
          <Stack spacing={1.5}>
            <Typography variant="body2">{t('customerImport.encoding', { encoding: stage.encoding })}</Typography>
            <Alert severity={ready.length === stage.checked.length ? 'success' : 'warning'} data-testid="customer-import-summary">
              {t('customerImport.summary', { rows: stage.checked.length, ready: ready.length, bad: stage.checked.length - ready.length })}
            </Alert>
            {ready.length < stage.checked.length && <ErrorRows checked={stage.checked} />}
          </Stack>
        )}
        {stage.kind === 'importing' && (
          <Stack spacing={1}>
            <Typography variant="body2">{t('customerImport.importing', { done: stage.done, total: stage.total })}</Typography>
            <LinearProgress variant="determinate" value={(100 * stage.done) / stage.total} data-testid="customer-import-progress" />
          </Stack>
        )}
        {stage.kind === 'done' && (
          <Alert severity="success" data-testid="customer-import-done">
            {t('customerImport.done', { count: stage.created + stage.updated, created: stage.created, updated: stage.updated, skipped: stage.skipped })}
          </Alert>
        )}
        {stage.kind === 'failed' && <Alert severity="error">{t('customerImport.failed', { done: stage.done, reason: stage.reason })}</Alert>}
      </DialogContent>
      <DialogActions>
        {stage.kind === 'preview' && (
          <Button variant="contained" disabled={ready.length === 0} onClick={() => void run(ready, stage.checked.length - ready.length)} data-testid="customer-import-confirm">
            {t('customerImport.confirm', { count: ready.length })}
          </Button>
        )}
        <Button onClick={onClose} disabled={stage.kind === 'importing'} data-testid="customer-import-close">
          {stage.kind === 'done' ? t('customerImport.close') : t('cancel')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const ErrorRows = ({ checked }: { checked: CheckedRow[] }) => {
  const { t } = useTranslation('admin');
  const bad = checked.filter((r) => r.errors.length > 0);
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        {t('customerImport.errorsHeading')}
      </Typography>
      <Table size="small" data-testid="customer-import-errors">
        <TableHead>
          <TableRow>
            <TableCell>{t('customerImport.line')}</TableCell>
            <TableCell>{t('customerImport.field')}</TableCell>
            <TableCell>{t('customerImport.problem')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {bad.slice(0, SHOWN_ERRORS).flatMap((r) =>
            r.errors.map((e) => (
              <TableRow key={`${r.line}-${e.field}-${e.code}`} data-testid="customer-import-error-row">
                <TableCell>{r.line}</TableCell>
                <TableCell>{e.field}</TableCell>
                <TableCell>{t(`customerImport.rowError.${e.code}`)}</TableCell>
              </TableRow>
            )),
          )}
        </TableBody>
      </Table>
      {bad.length > SHOWN_ERRORS && <Typography variant="body2">{t('customerImport.moreErrors', { count: bad.length - SHOWN_ERRORS })}</Typography>}
    </>
  );
};
