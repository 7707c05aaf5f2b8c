import { Alert, Paper, Stack, Typography } from '@mui/material';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslation } from 'react-i18next';
import type { AssetReadingSeries } from '../../../../../shared/api/maintenance';
import { useFormat } from '../../../i18n/format';
import type { Lang } from './ReadingField';

/** The value axis covers the readings and the range, with a margin, so the range lines always show. */
const domain = (s: AssetReadingSeries): { min: number; max: number } => {
  const values = [...s.points.map((p) => p.value), ...(s.low === null ? [] : [s.low]), ...(s.high === null ? [] : [s.high])];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const margin = (max - min || Math.abs(max) || 1) * 0.1;
  return { min: min - margin, max: max + margin };
};

/** An asset's numeric readings over time, one chart per item, with its normal range as lines. */
export const ReadingsChart = ({ series, lang }: { series: readonly AssetReadingSeries[]; lang: Lang }) => {
  const { t } = useTranslation('maintenance');
  const format = useFormat();
  if (series.length === 0) return <Alert severity="info">{t('round.chartEmpty')}</Alert>;
  return (
    <Stack spacing={2} data-testid="readings-chart">
      {series.map((s) => (
        <Paper key={s.itemKey} variant="outlined" sx={{ p: 1.5 }}>
          <Typography variant="subtitle2" component="h4">
            {s.label[lang]}
            {s.unit ? ` (${s.unit})` : ''}
          </Typography>
          <LineChart
            margin={{ right: 32 }}
            skipAnimation
            height={180}
            xAxis={[{ scaleType: 'point', data: s.points.map((p) => format.date(p.at)) }]}
            yAxis={[domain(s)]}
            series={[{ data: s.points.map((p) => p.value), label: s.label[lang], showMark: true }]}
            hideLegend
          >
            {s.low !== null && <ChartsReferenceLine y={s.low} label={String(s.low)} lineStyle={{ strokeDasharray: '4 4', stroke: '#c62828' }} />}
            {s.high !== null && <ChartsReferenceLine y={s.high} label={String(s.high)} lineStyle={{ strokeDasharray: '4 4', stroke: '#c62828' }} />}
          </LineChart>
          <Typography variant="caption" color="text.secondary">
            {s.points.map((p) => `${format.date(p.at)}: ${p.value}${p.outOfRange ? ' ⚠' : ''}`).join(' · ')}
          </Typography>
        </Paper>
      ))}
    </Stack>
  );
};
