import { Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslation } from 'react-i18next';
import type { AccountMonth } from '../../../../../shared/api/customers';
import { useFormat } from '../../../i18n/format';

/**
 * SLA compliance and CSAT per month, as the SLA and CSAT reports count them (clocks that stopped
 * in the month; the latest answer per ticket), each chart with its figures in the table below.
 */
export const ServiceFigures = ({ months }: { months: readonly AccountMonth[] }) => {
  const { t } = useTranslation('customers');
  const format = useFormat();
  const num = (v: number | null, digits = 1) => (v === null ? t('account.none') : format.decimal(v, digits));
  const dataset = months.map((m) => ({ month: m.month, sla: m.slaPercent, csat: m.csatAverage }));
  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2}>
        <Paper variant="outlined" sx={{ p: 1.5, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h3">
            {t('account.slaChart')}
          </Typography>
          <LineChart margin={{ right: 32 }} skipAnimation height={200} dataset={dataset} xAxis={[{ scaleType: 'point', dataKey: 'month' }]} yAxis={[{ min: 0, max: 100 }]} series={[{ dataKey: 'sla', label: t('account.percent'), connectNulls: true }]} hideLegend />
        </Paper>
        <Paper variant="outlined" sx={{ p: 1.5, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h3">
            {t('account.csatChart')}
          </Typography>
          <LineChart margin={{ right: 32 }} skipAnimation height={200} dataset={dataset} xAxis={[{ scaleType: 'point', dataKey: 'month' }]} yAxis={[{ min: 1, max: 5 }]} series={[{ dataKey: 'csat', label: t('account.average'), color: '#2e7d32', connectNulls: true }]} hideLegend />
        </Paper>
      </Stack>
      <Table size="small" aria-label={t('account.figuresTable')} data-testid="account-figures">
        <TableHead>
          <TableRow>
            <TableCell>{t('account.month')}</TableCell>
            <TableCell align="right">{t('account.measured')}</TableCell>
            <TableCell align="right">{t('account.met')}</TableCell>
            <TableCell align="right">{t('account.percent')}</TableCell>
            <TableCell align="right">{t('account.responses')}</TableCell>
            <TableCell align="right">{t('account.average')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {months.map((m) => (
            <TableRow key={m.month}>
              <TableCell>{m.month}</TableCell>
              <TableCell align="right">{format.integer(m.slaMeasured)}</TableCell>
              <TableCell align="right">{format.integer(m.slaMet)}</TableCell>
              <TableCell align="right">{m.slaPercent === null ? t('account.none') : format.percent(m.slaPercent / 100)}</TableCell>
              <TableCell align="right">{format.integer(m.csatResponses)}</TableCell>
              <TableCell align="right">{num(m.csatAverage, 2)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
};
