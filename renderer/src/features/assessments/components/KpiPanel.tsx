import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Link, List, ListItem, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { KpiFigureName } from '../../../../../shared/api/assessments';
import type { Kpis } from '../../../../../shared/schema';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';

/** Which list of tickets each figure counts (a percentage opens its denominator). */
const FIGURES: { key: keyof Kpis; list: KpiFigureName; kind: 'count' | 'percent' | 'score' }[] = [
  { key: 'ticketsResolved', list: 'resolved', kind: 'count' },
  { key: 'slaMetPercent', list: 'slaKnown', kind: 'percent' },
  { key: 'frtOnTimePercent', list: 'frtKnown', kind: 'percent' },
  { key: 'reopenRatePercent', list: 'reopened', kind: 'percent' },
  { key: 'escalationsRaised', list: 'escalated', kind: 'count' },
  { key: 'averageCsat', list: 'csat', kind: 'score' },
  { key: 'complaintsReceived', list: 'complaints', kind: 'count' },
];

const TicketsBehind = ({ cycleId, personId, figure, title, onClose }: { cycleId: string; personId: string; figure: KpiFigureName; title: string; onClose: () => void }) => {
  const { t } = useTranslation('assessments');
  const { data } = useLiveQuery('assessments.kpiTickets', { cycleId, personId, figure });
  return (
    <Dialog open onClose={onClose} aria-labelledby="kpi-tickets-title" fullWidth maxWidth="sm">
      <DialogTitle id="kpi-tickets-title">{t('review.kpiTickets', { figure: title })}</DialogTitle>
      <DialogContent>
        {data?.length === 0 && <Alert severity="info">{t('review.kpiTicketsNone')}</Alert>}
        <List dense data-testid="kpi-tickets">
          {data?.map((row) => (
            <ListItem key={row.id} disableGutters>
              <Link component={RouterLink} to={`/tickets/${row.number}`}>
                {row.number}
              </Link>
              <Typography sx={{ ml: 1 }}>
                {row.title}
              </Typography>
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('review.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

/** The quarter's KPIs, read-only; each figure opens the tickets it counts. */
export const KpiPanel = ({ cycleId, personId, kpis, snapshot }: { cycleId: string; personId: string; kpis: Kpis | null; snapshot: boolean }) => {
  const { t } = useTranslation('assessments');
  const format = useFormat();
  const [open, setOpen] = useState<(typeof FIGURES)[number] | null>(null);
  const value = (f: (typeof FIGURES)[number]) => {
    const v = kpis?.[f.key];
    if (v === null || v === undefined) return '–';
    return f.kind === 'percent' ? format.percent(v / 100) : f.kind === 'score' ? format.decimal(v) : format.integer(v);
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="kpi-heading" data-testid="kpi-panel">
      <Typography id="kpi-heading" variant="subtitle1" component="h2">
        {t('review.kpis')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {snapshot ? t('review.kpisSnapshot') : t('review.kpisLive')}
      </Typography>
      {!kpis ? (
        <Typography color="text.secondary">{t('review.kpisNone')}</Typography>
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 1, mt: 1 }}>
          {FIGURES.map((f) => (
            <Button key={f.key} variant="text" onClick={() => setOpen(f)} sx={{ display: 'block', textAlign: 'left', textTransform: 'none' }} data-testid={`kpi-${f.key}`}>
              <Stack>
                <Typography variant="caption" color="text.secondary">
                  {t(`review.kpi.${f.key}`)}
                </Typography>
                <Typography variant="h6" component="span">
                  {value(f)}
                </Typography>
              </Stack>
            </Button>
          ))}
        </Box>
      )}
      {open && <TicketsBehind cycleId={cycleId} personId={personId} figure={open.list} title={t(`review.kpi.${open.key}`)} onClose={() => setOpen(null)} />}
    </Paper>
  );
};
