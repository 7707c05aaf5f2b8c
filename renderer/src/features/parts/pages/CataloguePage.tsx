import { Box, Button, Chip, Paper, Skeleton, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartView } from '../../../../../shared/api/parts';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { PartDialog } from '../components/PartDialog';

/** `#/parts/catalogue`: every part with its supplier and the viewer's stock; managers create and edit parts. */
export const CataloguePage = () => {
  const { t } = useTranslation('parts');
  const [query, setQuery] = useState('');
  const { data, loading } = useLiveQuery('parts.catalogue', { query });
  const suppliers = useLiveQuery('suppliers.list', {});
  const [editing, setEditing] = useState<PartView | 'new' | null>(null);
  return (
    <Box data-testid="catalogue-page">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {t('catalogue.title')}
        </Typography>
        <TextField size="small" label={t('catalogue.search')} value={query} onChange={(e) => setQuery(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'catalogue-search' } }} sx={{ minWidth: 280 }} />
        {data?.mayEdit && (
          <Button variant="contained" onClick={() => setEditing('new')} data-testid="catalogue-add">
            {t('catalogue.add')}
          </Button>
        )}
      </Stack>
      {loading && !data ? (
        <Skeleton variant="rectangular" height={240} />
      ) : (
        <Paper>
          {(data?.parts.length ?? 0) === 0 ? (
            <Typography sx={{ p: 2 }} color="text.secondary">
              {t('catalogue.empty')}
            </Typography>
          ) : (
            <TableContainer>
              <Table size="small" aria-label={t('catalogue.title')}>
                <TableHead>
                  <TableRow>
                    {(['partNumber', 'nameEn', 'nameZh', 'supplier', 'serialised', 'onHand'] as const).map((c) => (
                      <TableCell key={c} align={c === 'onHand' ? 'right' : 'left'}>
                        {t(`catalogue.columns.${c}`)}
                      </TableCell>
                    ))}
                    {data?.mayEdit && <TableCell />}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data!.parts.map((p) => (
                    <TableRow key={p.id} data-testid="catalogue-row" data-part={p.partNumber}>
                      <TableCell>
                        {p.partNumber} {p.retired && <Chip size="small" label={t('catalogue.retired')} />}
                      </TableCell>
                      <TableCell>{p.nameEn}</TableCell>
                      <TableCell>{p.nameZh}</TableCell>
                      <TableCell>{p.supplierName || '—'}</TableCell>
                      <TableCell>{p.serialised ? t('catalogue.yes') : t('catalogue.no')}</TableCell>
                      <TableCell align="right">{p.onHand}</TableCell>
                      {data?.mayEdit && (
                        <TableCell>
                          <Button size="small" onClick={() => setEditing(p)} data-testid="catalogue-edit">
                            {t('catalogue.edit')}
                          </Button>
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </Paper>
      )}
      {editing && <PartDialog part={editing === 'new' ? null : editing} suppliers={(suppliers.data?.suppliers ?? []).map((s) => ({ id: s.id, name: s.name }))} onClose={() => setEditing(null)} />}
    </Box>
  );
};
