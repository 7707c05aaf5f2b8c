import { Box, Paper, Tab, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetLine, StocktakeView } from '../../../../../shared/api/stocktakes';

type Which = 'missing' | 'unexpected' | 'found';

const resolutionText = (t: (k: string, o?: object) => string, r: AssetLine['resolution']) => (r ? t('resolve.by', { resolution: t(`resolve.kind.${r.resolution}`), by: r.by }) + (r.note ? `: ${r.note}` : '') : '');

/** The result's lines: missing, unexpected and found, one tab each (arrow keys move between tabs). */
export const LinesTabs = ({ view }: { view: StocktakeView }) => {
  const { t } = useTranslation('stocktakes');
  const tr = t as unknown as (k: string, o?: object) => string;
  const [which, setWhich] = useState<Which>('missing');
  const rows =
    which === 'unexpected'
      ? view.unexpected.map((u) => ({ id: u.key, code: u.asset?.assetCode ?? '—', scanned: u.scannedCode, serial: u.asset?.serial ?? '', model: u.asset?.model ?? t('lines.unknownAsset'), at: u.asset?.registeredAt ?? '', scans: u.scans, by: u.countedBy.join(', '), resolution: resolutionText(tr, u.resolution) }))
      : view[which].map((l) => ({ id: l.assetId, code: l.assetCode, scanned: '', serial: l.serial, model: l.model, at: l.registeredAt ?? '', scans: l.scans, by: l.countedBy.join(', '), resolution: resolutionText(tr, l.resolution) }));
  return (
    <Paper component="section" sx={{ p: 2 }} aria-label={t('lines.resolution')}>
      <Tabs value={which} onChange={(_e, v: Which) => setWhich(v)}>
        {(['missing', 'unexpected', 'found'] as const).map((w) => (
          <Tab key={w} value={w} label={t(`lines.${w}`, { count: view[w].length })} data-testid={`lines-tab-${w}`} />
        ))}
      </Tabs>
      <Box sx={{ mt: 1 }}>
        {rows.length === 0 ? (
          <Typography sx={{ p: 2 }}>{t('lines.none')}</Typography>
        ) : (
          <TableContainer sx={{ maxHeight: 420 }}>
            <Table size="small" stickyHeader data-testid={`lines-${which}`}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('lines.code')}</TableCell>
                  {which === 'unexpected' && <TableCell>{t('lines.scanned')}</TableCell>}
                  <TableCell>{t('lines.serial')}</TableCell>
                  <TableCell>{t('lines.model')}</TableCell>
                  <TableCell>{t('lines.registeredAt')}</TableCell>
                  <TableCell align="right">{t('lines.scans')}</TableCell>
                  <TableCell>{t('lines.countedBy')}</TableCell>
                  <TableCell>{t('lines.resolution')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{r.code}</TableCell>
                    {which === 'unexpected' && <TableCell sx={{ fontFamily: 'monospace' }}>{r.scanned}</TableCell>}
                    <TableCell sx={{ fontFamily: 'monospace' }}>{r.serial}</TableCell>
                    <TableCell>{r.model}</TableCell>
                    <TableCell>{r.at}</TableCell>
                    <TableCell align="right">{r.scans}</TableCell>
                    <TableCell>{r.by}</TableCell>
                    <TableCell>{r.resolution}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Box>
    </Paper>
  );
};
