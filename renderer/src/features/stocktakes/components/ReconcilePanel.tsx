import { Button, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resolution } from '../../../../../shared/schema/records/stocktake';
import type { StocktakeView } from '../../../../../shared/api/stocktakes';
import { resolutionsFor } from '../../../../../shared/domain/stocktake';
import { useCommand } from '../../../data/useCommand';

interface Line {
  key: string;
  code: string;
  what: string;
  options: Resolution[];
  current: Resolution | null;
  note: string;
}

/** One discrepancy: a resolution (a native select, so the keyboard works as everywhere) and a note. */
const ResolveRow = ({ stocktakeId, line }: { stocktakeId: string; line: Line }) => {
  const { t } = useTranslation('stocktakes');
  const [resolution, setResolution] = useState<Resolution | ''>(line.current ?? '');
  const [note, setNote] = useState(line.note);
  const resolve = useCommand('stocktakes.resolve', { success: (r) => (r.assetUpdated ? t('resolve.savedMoved') : t('resolve.saved')) });
  const save = () => {
    if (resolution !== '') void resolve.run({ stocktakeId, key: line.key, resolution, note });
  };
  return (
    <TableRow data-testid={`resolve-row-${line.code}`} data-resolved={line.current !== null}>
      <TableCell sx={{ fontFamily: 'monospace' }}>{line.code}</TableCell>
      <TableCell>{line.what}</TableCell>
      <TableCell>
        <TextField
          select
          size="small"
          value={resolution}
          onChange={(e) => setResolution(e.target.value as Resolution)}
          slotProps={{ select: { native: true }, htmlInput: { 'aria-label': t('resolve.choose', { code: line.code }), 'data-testid': `resolve-choice-${line.code}` } }}
          sx={{ minWidth: 200 }}
        >
          <option value="">{t('lines.unresolved')}</option>
          {line.options.map((o) => (
            <option key={o} value={o}>
              {t(`resolve.kind.${o}`)}
            </option>
          ))}
        </TextField>
      </TableCell>
      <TableCell>
        <TextField
          size="small"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
          }}
          slotProps={{ htmlInput: { 'aria-label': t('resolve.note', { code: line.code }), maxLength: 2000, 'data-testid': `resolve-note-${line.code}` } }}
          fullWidth
        />
      </TableCell>
      <TableCell>
        <Button variant="outlined" onClick={save} disabled={resolution === '' || resolve.pending} data-testid={`resolve-save-${line.code}`}>
          {t('resolve.save')}
        </Button>
      </TableCell>
    </TableRow>
  );
};

/** The asset manager's reconciliation: every missing and unexpected asset, resolved one by one. */
export const ReconcilePanel = ({ view }: { view: StocktakeView }) => {
  const { t } = useTranslation('stocktakes');
  const lines: Line[] = [
    ...view.missing.map((m) => ({ key: m.assetId, code: m.assetCode, what: `${t('figures.missing')} · ${m.model}`, options: resolutionsFor({ kind: 'missing' }), current: m.resolution?.resolution ?? null, note: m.resolution?.note ?? '' })),
    ...view.unexpected.map((u) => ({
      key: u.key,
      code: u.asset?.assetCode ?? u.scannedCode,
      what: `${t('figures.unexpected')} · ${u.asset ? (u.asset.registeredAt ?? u.asset.model) : t('lines.unknownAsset')}`,
      options: resolutionsFor({ kind: 'unexpected', known: u.asset !== null }),
      current: u.resolution?.resolution ?? null,
      note: u.resolution?.note ?? '',
    })),
  ];
  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="reconcile-heading" data-testid="reconcile-panel">
      <Typography id="reconcile-heading" variant="h6" component="h2" gutterBottom>
        {t('resolve.heading')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('resolve.intro')}
      </Typography>
      {lines.length === 0 ? (
        <Typography>{t('lines.none')}</Typography>
      ) : (
        <TableContainer>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('lines.code')}</TableCell>
                <TableCell>{t('resolve.what')}</TableCell>
                <TableCell>{t('lines.resolution')}</TableCell>
                <TableCell>{t('resolve.noteHeader')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((l) => (
                <ResolveRow key={`${l.key}:${l.current ?? ''}`} stocktakeId={view.summary.id} line={l} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
};
