import { Alert, Box, Paper, Stack, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslation } from 'react-i18next';
import type { Tl9000Figure } from '../../../../../shared/domain/metrics';
import type { Tl9000Report, Tl9000ReportRow } from '../../../../../shared/domain/reports';
import { useFormat } from '../../../i18n/format';
import { ChartCard } from './ChartCard';
import { FigureTable, type Column } from './FigureTable';
import { drillLink } from './drill';
import { usePrinting } from './printing';

const pct = (num: number, den: number) => (den === 0 ? null : (num / den) * 100);

/** TL 9000 NPR / FRT / OFR: trend charts, the definitions beside them, every figure beneath. */
export const Tl9000View = ({ data }: { data: Tl9000Report }) => {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const printing = usePrinting();
  const num = (v: number | null, digits = 2) => (v === null ? t('none') : format.decimal(v, digits));
  const lines = [...new Set(data.totals.map((r) => r.productLine))];
  const nprDataset = data.months.map((month) => ({
    month,
    ...Object.fromEntries(lines.map((pl) => [pl, data.totals.find((r) => r.month === month && r.productLine === pl)?.npr ?? null])),
  }));
  const monthly = data.months.map((month) => {
    const rs = data.totals.filter((r) => r.month === month);
    const sum = (k: 'fixesDelivered' | 'fixesOnTime' | 'overdue' | 'overdueClosed') => rs.reduce((s, r) => s + r[k], 0);
    return { month, frt: pct(sum('fixesOnTime'), sum('fixesDelivered')), ofr: pct(sum('overdueClosed'), sum('overdue')) };
  });
  const table = [...data.rows, ...data.totals].sort((a, b) =>
    a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.productLine !== b.productLine ? (a.productLine < b.productLine ? -1 : 1) : a.severity === 'all' ? 1 : b.severity === 'all' ? -1 : a.severity < b.severity ? -1 : 1,
  );
  const link = (r: Tl9000ReportRow, figure: Tl9000Figure) =>
    r[figure] > 0 ? drillLink({ figure, month: r.month, productLine: r.productLine, severity: r.severity === 'all' ? undefined : r.severity }) : null;
  const columns: Column<Tl9000ReportRow>[] = [
    { key: 'month', label: t('col.month'), text: (r) => r.month },
    { key: 'productLine', label: t('col.productLine'), text: (r) => r.productLine },
    { key: 'severity', label: t('col.severity'), text: (r) => t(`severity.${r.severity}`) },
    { key: 'reports', label: t('col.reports'), numeric: true, text: (r) => format.integer(r.reports), link: (r) => link(r, 'reports') },
    { key: 'unitMonths', label: t('col.unitMonths'), numeric: true, text: (r) => format.integer(r.unitMonths) },
    { key: 'npr', label: t('col.npr'), numeric: true, text: (r) => num(r.npr) },
    { key: 'fixesDelivered', label: t('col.fixesDelivered'), numeric: true, text: (r) => format.integer(r.fixesDelivered), link: (r) => link(r, 'fixesDelivered') },
    { key: 'fixesOnTime', label: t('col.fixesOnTime'), numeric: true, text: (r) => format.integer(r.fixesOnTime), link: (r) => link(r, 'fixesOnTime') },
    { key: 'frt', label: t('col.frt'), numeric: true, text: (r) => num(r.frtPercent, 1) },
    { key: 'overdue', label: t('col.overdue'), numeric: true, text: (r) => format.integer(r.overdue), link: (r) => link(r, 'overdue') },
    { key: 'overdueClosed', label: t('col.overdueClosed'), numeric: true, text: (r) => format.integer(r.overdueClosed), link: (r) => link(r, 'overdueClosed') },
    { key: 'overdueAtEnd', label: t('col.overdueAtEnd'), numeric: true, text: (r) => format.integer(r.overdueAtEnd), link: (r) => link(r, 'overdueAtEnd') },
    { key: 'ofr', label: t('col.ofr'), numeric: true, text: (r) => num(r.ofrPercent, 1) },
  ];
  return (
    <Stack spacing={2}>
      {data.calendarFallbacks.length > 0 && <Alert severity="info">{t('calendarFallback', { regions: data.calendarFallbacks.join(', ') })}</Alert>}
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2}>
        <Stack spacing={2} sx={{ flex: 2, minWidth: 0 }}>
          <ChartCard title={t('chart.npr')}>
            <LineChart
              margin={{ right: 32 }}
              skipAnimation={printing}
              height={240}
              dataset={nprDataset}
              xAxis={[{ scaleType: 'point', dataKey: 'month' }]}
              series={lines.map((pl) => ({ dataKey: pl, label: pl, curve: 'linear' as const, valueFormatter: (v: number | null) => num(v) }))}
            />
          </ChartCard>
          <ChartCard title={t('chart.frtOfr')}>
            <BarChart
              skipAnimation={printing}
              height={240}
              dataset={monthly}
              xAxis={[{ scaleType: 'band', dataKey: 'month' }]}
              yAxis={[{ min: 0, max: 100 }]}
              series={[
                { dataKey: 'frt', label: t('col.frt'), valueFormatter: (v: number | null) => num(v, 1) },
                { dataKey: 'ofr', label: t('col.ofr'), valueFormatter: (v: number | null) => num(v, 1) },
              ]}
            />
          </ChartCard>
        </Stack>
        <Paper variant="outlined" sx={{ p: 2, flex: 1 }} component="aside" aria-labelledby="tl9000-definitions">
          <Typography variant="subtitle1" component="h2" id="tl9000-definitions" gutterBottom>
            {t('definitions.title')}
          </Typography>
          {(['npr', 'frt', 'ofr', 'total'] as const).map((k) => (
            <Typography key={k} variant="body2" sx={{ mb: 1.5 }}>
              {t(`definitions.${k}`)}
            </Typography>
          ))}
        </Paper>
      </Stack>
      <Box>
        <FigureTable title={t('names.tl9000')} columns={columns} rows={table} fileName={`tl9000-${data.from}-${data.to}`} testId="tl9000-table" />
      </Box>
    </Stack>
  );
};
