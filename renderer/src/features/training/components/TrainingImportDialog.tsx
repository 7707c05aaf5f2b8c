import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TRAINING_CSV_CHARS, type TrainingCsvPreview } from '../../../../../shared/api/training';
import { useCommand } from '../../../data/useCommand';

type Stage = { kind: 'choose' } | { kind: 'checking' } | { kind: 'preview'; csv: string; preview: TrainingCsvPreview } | { kind: 'failed'; reason: 'unreadable' | 'tooLarge' | 'missingColumn' | 'noRows' };

/** Text of a CSV file: UTF-8 (with or without BOM), else GBK (Excel on a Chinese Windows); nothing else is guessed. */
const decode = (bytes: Uint8Array): string | null => {
  for (const encoding of ['utf-8', 'gbk']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  return null;
};

/** Checks a CSV in main (a preview of each row's problems), then imports all rows or none. */
export const TrainingImportDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useTranslation('training');
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const preview = useCommand('training.previewCsv', { errors: 'inline' });
  const importCsv = useCommand('training.importCsv', { success: (r) => t('imported', { count: r.imported }) });
  const close = () => {
    setStage({ kind: 'choose' });
    onClose();
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_TRAINING_CSV_CHARS) return setStage({ kind: 'failed', reason: 'tooLarge' });
    setStage({ kind: 'checking' });
    const csv = decode(new Uint8Array(await file.arrayBuffer()));
    if (csv === null) return setStage({ kind: 'failed', reason: 'unreadable' });
    const r = await preview.run({ csv });
    if (r.ok) return setStage({ kind: 'preview', csv, preview: r.value });
    const code = r.error.fields?.[0]?.code;
    setStage({ kind: 'failed', reason: code === 'noRows' ? 'noRows' : 'missingColumn' });
  };
  const run = async () => {
    if (stage.kind !== 'preview') return;
    const r = await importCsv.run({ csv: stage.csv });
    if (r.ok) close();
  };
  const problems = (row: TrainingCsvPreview['rows'][number]) =>
    row.errors.length === 0 ? t('csv.ok') : row.errors.map((e) => t(`csv.error.${e.code}`, { field: e.field })).join('; ');

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="md" aria-labelledby="training-import-title">
      <DialogTitle id="training-import-title">{t('csv.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('csv.help')}</DialogContentText>
        <Button variant="outlined" component="label" data-testid="training-csv-choose">
          {t('csv.choose')}
          <input hidden type="file" accept=".csv,text/csv" data-testid="training-csv-file" onChange={(e) => void choose(e.target.files?.[0])} />
        </Button>
        {stage.kind === 'checking' && (
          <>
            <Typography sx={{ mt: 2 }}>{t('csv.checking')}</Typography>
            <LinearProgress />
          </>
        )}
        {stage.kind === 'failed' && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="training-csv-failed">
            {t(`csv.${stage.reason}`)}
          </Alert>
        )}
        {stage.kind === 'preview' && (
          <>
            <Alert severity={stage.preview.invalid > 0 ? 'warning' : 'success'} sx={{ my: 2 }} data-testid="training-csv-summary">
              {t('csv.summary', { valid: stage.preview.valid, invalid: stage.preview.invalid })}
              {stage.preview.invalid > 0 && <> {t('csv.fixFirst')}</>}
            </Alert>
            <Table size="small" aria-label={t('csv.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('csv.line')}</TableCell>
                  <TableCell>{t('csv.username')}</TableCell>
                  <TableCell>{t('column.title')}</TableCell>
                  <TableCell>{t('csv.problems')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {stage.preview.rows.map((row) => (
                  <TableRow key={row.line} data-testid="training-csv-row" sx={row.errors.length > 0 ? { bgcolor: 'error.light', '& td': { color: 'error.contrastText' } } : undefined}>
                    <TableCell>{row.line}</TableCell>
                    <TableCell>{row.username}</TableCell>
                    <TableCell>{row.title}</TableCell>
                    <TableCell>{problems(row)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => void run()}
          disabled={stage.kind !== 'preview' || stage.preview.invalid > 0 || stage.preview.valid === 0 || importCsv.pending}
          data-testid="training-csv-import"
        >
          {t('csv.importRows', { count: stage.kind === 'preview' ? stage.preview.valid : 0 })}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
