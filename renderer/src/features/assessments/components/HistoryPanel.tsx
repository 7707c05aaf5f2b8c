import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';

/** A person's final results over the last eight quarters: a chart and its table. */
export const HistoryPanel = ({ personId }: { personId: string }) => {
  const { t } = useTranslation('assessments');
  const format = useFormat();
  const { data } = useLiveQuery('assessments.history', { personId });
  const points = data ?? [];
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="history-heading" data-testid="history-panel">
      <Typography id="history-heading" variant="subtitle1" component="h2">
        {t('review.history')}
      </Typography>
      {points.length === 0 ? (
        <Typography color="text.secondary">{t('review.historyNone')}</Typography>
      ) : (
        <>
          <Box data-testid="history-chart">
            <LineChart
              margin={{ right: 32 }}
              height={200}
              xAxis={[{ scaleType: 'point', data: points.map((p) => p.name) }]}
              yAxis={[{ min: 1, max: 5 }]}
              series={[{ data: points.map((p) => p.total), label: t('review.total'), valueFormatter: (v) => (v === null ? '–' : format.decimal(v)) }]}
              hideLegend
            />
          </Box>
          <Table size="small" aria-label={t('review.history')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('review.quarterCol')}</TableCell>
                <TableCell align="right">{t('review.total')}</TableCell>
                <TableCell>{t('review.band')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {points.map((p) => (
                <TableRow key={p.cycleId}>
                  <TableCell>{p.name}</TableCell>
                  <TableCell align="right">{p.total === null ? '–' : format.decimal(p.total)}</TableCell>
                  <TableCell>{p.outcome ? t(`outcome.${p.outcome}`) : '–'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Paper>
  );
};
