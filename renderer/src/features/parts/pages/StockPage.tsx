import { Alert, Box, Button, Link, Paper, Skeleton, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { MoveStockDialog } from '../components/MoveStockDialog';
import { usePartName } from '../components/names';

/** `#/parts`: the technician's van stock and its latest movements; managers pick a technician and issue stock. */
export const StockPage = () => {
  const { t } = useTranslation('parts');
  const format = useFormat();
  const name = usePartName();
  const [holderId, setHolderId] = useState('');
  const { data, loading } = useLiveQuery('parts.stock', { holderId });
  const catalogue = useLiveQuery('parts.catalogue', { query: '' });
  const [dialog, setDialog] = useState<'issue' | 'sendBack' | null>(null);
  if (loading && !data) return <Skeleton variant="rectangular" height={240} data-testid="stock-loading" />;
  if (!data) return null;
  const mine = !data.mayIssue || data.holder.id === holderId || holderId === '';
  return (
    <Box data-testid="stock-page">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {data.mayIssue && holderId ? t('stock.title') : t('stock.mine')}
        </Typography>
        {data.mayIssue && (
          <TextField
            select
            size="small"
            label={t('stock.holder')}
            value={holderId}
            onChange={(e) => setHolderId(e.target.value)}
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'stock-holder' }, inputLabel: { shrink: true } }}
            sx={{ minWidth: 220 }}
          >
            <option value="">{t('stock.mine')}</option>
            {data.holders.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </TextField>
        )}
        {data.mayIssue && (
          <Button variant="contained" onClick={() => setDialog('issue')} data-testid="stock-issue">
            {t('stock.issue')}
          </Button>
        )}
        {mine && (
          <Button variant="outlined" onClick={() => setDialog('sendBack')} disabled={data.lines.length === 0} data-testid="stock-send-back">
            {t('stock.sendBack')}
          </Button>
        )}
        <Button component={RouterLink} to="/parts/catalogue" data-testid="stock-catalogue">
          {t('stock.catalogue')}
        </Button>
      </Stack>
      <Paper sx={{ mb: 2 }}>
        {data.lines.length === 0 ? (
          <Alert severity="info" data-testid="stock-empty">
            {t('stock.empty')}
          </Alert>
        ) : (
          <TableContainer>
            <Table size="small" aria-label={t('stock.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('stock.columns.partNumber')}</TableCell>
                  <TableCell>{t('stock.columns.name')}</TableCell>
                  <TableCell align="right">{t('stock.columns.onHand')}</TableCell>
                  <TableCell>{t('stock.columns.unit')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.lines.map((l) => (
                  <TableRow key={l.partId} data-testid="stock-line" data-part={l.partNumber} data-on-hand={l.onHand}>
                    <TableCell>{l.partNumber}</TableCell>
                    <TableCell>{name(l)}</TableCell>
                    <TableCell align="right" data-testid="stock-on-hand">
                      {format.integer(l.onHand)}
                    </TableCell>
                    <TableCell>{l.unit}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {t('stock.movements')}
      </Typography>
      <Paper>
        {data.movements.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {t('stock.noMovements')}
          </Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label={t('stock.movements')}>
              <TableHead>
                <TableRow>
                  {(['at', 'part', 'reason', 'quantity', 'ticket', 'serials', 'by'] as const).map((c) => (
                    <TableCell key={c} align={c === 'quantity' ? 'right' : 'left'}>
                      {t(`stock.mcolumns.${c}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.movements.map((m) => (
                  <TableRow key={m.id} data-testid="movement-row" data-reason={m.reason}>
                    <TableCell>{format.dateTime(m.at)}</TableCell>
                    <TableCell>{m.partNumber}</TableCell>
                    <TableCell>{t(`reason.${m.reason}`)}{m.source !== 'van' ? ` (${t(`source.${m.source}`)})` : ''}</TableCell>
                    <TableCell align="right">{m.delta > 0 ? `+${m.delta}` : m.delta}</TableCell>
                    <TableCell>{m.ticketNumber ? <Link component={RouterLink} to={`/tickets/${encodeURIComponent(m.ticketNumber)}`}>{m.ticketNumber}</Link> : '—'}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{[m.serialIn, m.serialOut && `↩ ${m.serialOut}`].filter(Boolean).join(' ') || '—'}</TableCell>
                    <TableCell>{m.byName || '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>
      {dialog && <MoveStockDialog holder={data.holder} mode={dialog} parts={catalogue.data?.parts ?? []} stock={data.lines} onClose={() => setDialog(null)} />}
    </Box>
  );
};
