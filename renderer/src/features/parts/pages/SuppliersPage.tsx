import { Box, Button, Chip, Link, Paper, Skeleton, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { useSupplierName } from '../components/names';
import { SupplierDialog } from '../components/SupplierDialog';

/** `#/suppliers`: every supplier with the figures of its latest quarter. */
export const SuppliersPage = () => {
  const { t } = useTranslation('parts');
  const format = useFormat();
  const name = useSupplierName();
  const { data, loading } = useLiveQuery('suppliers.list', {});
  const [adding, setAdding] = useState(false);
  const rate = (r: number | null | undefined) => (r === null || r === undefined ? '—' : format.percent(r));
  return (
    <Box data-testid="suppliers-page">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {t('suppliers.title')}
        </Typography>
        {data?.mayEdit && (
          <Button variant="contained" onClick={() => setAdding(true)} data-testid="suppliers-add">
            {t('suppliers.add')}
          </Button>
        )}
      </Stack>
      {loading && !data ? (
        <Skeleton variant="rectangular" height={200} />
      ) : (data?.suppliers.length ?? 0) === 0 ? (
        <Typography color="text.secondary">{t('suppliers.empty')}</Typography>
      ) : (
        <Paper>
          <TableContainer>
            <Table size="small" aria-label={t('suppliers.title')}>
              <TableHead>
                <TableRow>
                  {(['name', 'kinds', 'contact', 'parts', 'quarter', 'defectRate', 'doaRate', 'escalated'] as const).map((c) => (
                    <TableCell key={c} align={['parts', 'defectRate', 'doaRate', 'escalated'].includes(c) ? 'right' : 'left'}>
                      {t(`suppliers.columns.${c}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {data!.suppliers.map((s) => (
                  <TableRow key={s.id} data-testid="supplier-row">
                    <TableCell>
                      <Link component={RouterLink} to={`/suppliers/${s.id}`} data-testid="supplier-link">
                        {name(s)}
                      </Link>{' '}
                      {!s.active && <Chip size="small" label={t('suppliers.inactive')} />}
                    </TableCell>
                    <TableCell>{s.kinds.map((k) => t(`suppliers.kinds.${k}`)).join(' · ')}</TableCell>
                    <TableCell>{[s.contact, s.phone].filter(Boolean).join(' · ') || '—'}</TableCell>
                    <TableCell align="right">{s.partCount}</TableCell>
                    <TableCell>{s.latest?.quarter ?? '—'}</TableCell>
                    <TableCell align="right">{rate(s.latest?.defectRate)}</TableCell>
                    <TableCell align="right">{rate(s.latest?.doaRate)}</TableCell>
                    <TableCell align="right">{s.latest?.escalated ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
      {adding && <SupplierDialog supplier={null} onClose={() => setAdding(false)} />}
    </Box>
  );
};
