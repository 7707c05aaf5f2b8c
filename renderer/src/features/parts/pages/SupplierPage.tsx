import { Alert, Box, Breadcrumbs, Button, Link, Paper, Skeleton, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { usePartName, useSupplierName } from '../components/names';
import { SupplierDialog } from '../components/SupplierDialog';

const hours = (h: number | null) => (h === null ? '—' : (Math.round(h * 10) / 10).toString());

/** `#/suppliers/:id`: contact, the parts supplied and the quality figures per quarter, as a chart and its table. */
export const SupplierPage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation('parts');
  const format = useFormat();
  const supplierName = useSupplierName();
  const partName = usePartName();
  const { data, loading } = useLiveQuery('suppliers.detail', { id });
  const [editing, setEditing] = useState(false);
  const crumbs = (
    <Breadcrumbs sx={{ mb: 2 }}>
      <Link component={RouterLink} to="/suppliers">
        {t('suppliers.back')}
      </Link>
      <Typography color="text.primary" aria-current="page">
        {data ? supplierName(data.supplier) : id}
      </Typography>
    </Breadcrumbs>
  );
  if (loading && !data) return <Skeleton variant="rectangular" height={320} />;
  if (!data)
    return (
      <>
        {crumbs}
        <Alert severity="info" data-testid="supplier-not-found">
          {t('suppliers.notFound')}
        </Alert>
      </>
    );
  const s = data.supplier;
  const rate = (r: number | null) => (r === null ? '—' : format.percent(r));
  const quarters = data.quarters;
  return (
    <Box data-testid="supplier-page">
      {crumbs}
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }} data-testid="supplier-title">
            {supplierName(s)}
            {s.nameZh && s.nameZh !== supplierName(s) ? ` · ${s.nameZh}` : ''}
          </Typography>
          {data.mayEdit && (
            <Button variant="outlined" onClick={() => setEditing(true)} data-testid="supplier-edit">
              {t('suppliers.edit')}
            </Button>
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {s.kinds.map((k) => t(`suppliers.kinds.${k}`)).join(' · ')}
        </Typography>
        <Typography variant="body2" sx={{ mt: 1, overflowWrap: 'anywhere' }}>
          {t('suppliers.contact')}: {[s.contact, s.phone, s.email].filter(Boolean).join(' · ') || '—'}
        </Typography>
      </Paper>

      <Paper sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="quality-heading">
        <Typography id="quality-heading" variant="h6" component="h2">
          {t('suppliers.quality')}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {t('suppliers.definitions')}
        </Typography>
        {quarters.length === 0 ? (
          <Typography color="text.secondary" data-testid="supplier-no-figures">
            {t('suppliers.noFigures')}
          </Typography>
        ) : (
          <>
            <Box role="img" aria-label={t('suppliers.chartLabel')}>
              <BarChart
                height={240}
                xAxis={[{ scaleType: 'band', data: quarters.map((q) => q.quarter) }]}
                yAxis={[{ valueFormatter: (v: number) => format.percent(v) }]}
                series={[
                  { data: quarters.map((q) => q.defectRate ?? 0), label: t('suppliers.table.defectRate'), valueFormatter: (v) => (v === null ? '—' : format.percent(v)) },
                  { data: quarters.map((q) => q.doaRate ?? 0), label: t('suppliers.table.doaRate'), valueFormatter: (v) => (v === null ? '—' : format.percent(v)) },
                ]}
              />
            </Box>
            {/* The chart's figures as a table (UI.md: every chart has its table). */}
            <TableContainer>
              <Table size="small" aria-label={t('suppliers.quality')}>
                <TableHead>
                  <TableRow>
                    {(['quarter', 'used', 'defective', 'defectRate', 'doa', 'doaRate', 'escalated', 'restored', 'restoreMean', 'restoreMax', 'wait'] as const).map((c) => (
                      <TableCell key={c} align={c === 'quarter' ? 'left' : 'right'}>
                        {t(`suppliers.table.${c}`)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {quarters.map((q) => (
                    <TableRow key={q.quarter} data-testid="quarter-row" data-quarter={q.quarter} data-used={q.used} data-defective={q.defective}>
                      <TableCell>{q.quarter}</TableCell>
                      <TableCell align="right">{q.used}</TableCell>
                      <TableCell align="right">{q.defective}</TableCell>
                      <TableCell align="right">{rate(q.defectRate)}</TableCell>
                      <TableCell align="right">{q.doa}</TableCell>
                      <TableCell align="right">{rate(q.doaRate)}</TableCell>
                      <TableCell align="right">
                        {q.escalated === 0
                          ? 0
                          : q.ticketIds.slice(0, 3).map((tid) => (
                              <Link key={tid} component={RouterLink} to={`/tickets/${encodeURIComponent(data.ticketNumbers[tid] ?? tid)}`} sx={{ mr: 0.5 }}>
                                {data.ticketNumbers[tid] ?? '?'}
                              </Link>
                            ))}
                        {q.escalated > 3 ? ` +${q.escalated - 3}` : ''}
                      </TableCell>
                      <TableCell align="right">{q.restored}</TableCell>
                      <TableCell align="right">{hours(q.restoreHoursMean)}</TableCell>
                      <TableCell align="right">{hours(q.restoreHoursMax)}</TableCell>
                      <TableCell align="right">{hours(q.thirdPartyHours)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </>
        )}
      </Paper>

      <Paper sx={{ p: 2 }} component="section" aria-labelledby="supplied-heading">
        <Typography id="supplied-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
          {t('suppliers.partsSupplied')}
        </Typography>
        {data.parts.length === 0 ? (
          <Typography color="text.secondary">{t('suppliers.noParts')}</Typography>
        ) : (
          <Stack component="ul" spacing={0.5} sx={{ p: 0, m: 0, listStyle: 'none' }}>
            {data.parts.map((p) => (
              <li key={p.id} data-testid="supplied-part">
                <strong>{p.partNumber}</strong> · {partName(p)}
              </li>
            ))}
          </Stack>
        )}
      </Paper>
      {editing && <SupplierDialog supplier={s} onClose={() => setEditing(false)} />}
    </Box>
  );
};
