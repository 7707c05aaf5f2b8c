import { Alert, Box, Button, Paper, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_EFFECTIVENESS_PERIOD, EFFECTIVENESS_PERIODS } from '../../../../../shared/domain/problems';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';

type Period = (typeof EFFECTIVENESS_PERIODS)[number];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Did tickets of this kind drop? Weekly counts before and after the actions took effect, as a
 * chart with its figures beneath; the verdict waits until the period after has passed, and can
 * then be recorded on the actions that are done.
 */
export const EffectivenessCard = ({ problemId, mayRecord }: { problemId: string; mayRecord: boolean }) => {
  const { t } = useTranslation('problems');
  const format = useFormat();
  const [periodDays, setPeriod] = useState<Period>(DEFAULT_EFFECTIVENESS_PERIOD);
  const [pivot, setPivot] = useState('');
  const { data, loading, error } = useLiveQuery('problems.effectiveness', { id: problemId, periodDays, ...(DATE_RE.test(pivot) ? { pivot } : {}) });
  const record = useCommand('problems.recordCheck', { success: () => t('check.recorded') });
  const day = (d: string) => format.date(`${d}T00:00:00`);

  const body = () => {
    if (loading) return <Skeleton variant="rectangular" height={200} />;
    if (error) return <Alert severity="error">{t('loadError')}</Alert>;
    if (!data || data.pivot === null) return <Typography color="text.secondary">{t('check.noAction')}</Typography>;
    const dataset = data.buckets.map((b) => ({ week: day(b.start), before: b.side === 'before' ? b.count : 0, after: b.side === 'after' ? b.count : 0 }));
    const verdictArgs = { before: data.before, after: data.after, change: data.change === null ? '—' : format.percent(data.change), date: day(data.checkDueOn) };
    return (
      <>
        <Alert severity={data.verdict === 'dropped' ? 'success' : data.verdict === 'not_dropped' ? 'warning' : 'info'} data-testid="check-verdict">
          {t(`check.verdict.${data.verdict}`, verdictArgs)}
        </Alert>
        <Box role="img" aria-label={t('check.chartLabel', { date: day(data.pivot) })}>
          <BarChart
            height={240}
            dataset={dataset}
            xAxis={[{ scaleType: 'band', dataKey: 'week', tickLabelStyle: { fontSize: 10 } }]}
            yAxis={[{ min: 0, tickMinStep: 1 }]}
            series={[
              { dataKey: 'before', label: t('check.before'), stack: 'weeks' },
              { dataKey: 'after', label: t('check.after'), stack: 'weeks' },
            ]}
          />
        </Box>
        <Table size="small" aria-label={t('check.heading')} data-testid="check-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('check.week')}</TableCell>
              <TableCell>{t('check.period')}</TableCell>
              <TableCell align="right">{t('check.tickets')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.buckets.map((b) => (
              <TableRow key={`${b.side}-${b.start}`}>
                <TableCell>
                  {day(b.start)}
                  {!b.complete && ` (${t('check.partial')})`}
                </TableCell>
                <TableCell>{b.side === 'before' ? t('check.before') : t('check.after')}</TableCell>
                <TableCell align="right">{format.integer(b.count)}</TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell colSpan={2}>
                <strong>{t('check.before')}</strong>
              </TableCell>
              <TableCell align="right" data-testid="check-before">
                <strong>{format.integer(data.before)}</strong>
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell colSpan={2}>
                <strong>{t('check.after')}</strong>
              </TableCell>
              <TableCell align="right" data-testid="check-after">
                <strong>{format.integer(data.after)}</strong>
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
        {mayRecord && data.verdict !== 'pending' && (
          <Stack direction="row" spacing={1}>
            <Button size="small" variant="outlined" color="success" disabled={record.pending} onClick={() => void record.run({ id: problemId, effective: true })}>
              {t('check.record')}
            </Button>
            <Button size="small" variant="outlined" color="warning" disabled={record.pending} onClick={() => void record.run({ id: problemId, effective: false })}>
              {t('check.recordNot')}
            </Button>
          </Stack>
        )}
      </>
    );
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="check-heading" data-testid="effectiveness">
      <Stack spacing={2}>
        <Box>
          <Typography id="check-heading" variant="subtitle1" component="h2">
            {t('check.heading')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('check.intro')}
          </Typography>
        </Box>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <ToggleButtonGroup size="small" exclusive value={periodDays} onChange={(_e, v: Period | null) => v && setPeriod(v)} aria-label={t('check.period')}>
            {EFFECTIVENESS_PERIODS.map((p) => (
              <ToggleButton key={p} value={p} data-testid={`check-period-${p}`}>
                {t('check.days', { count: p })}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <TextField
            size="small"
            type="date"
            label={t('check.pivot')}
            value={DATE_RE.test(pivot) ? pivot : data && data.pivot !== null ? data.pivot : ''}
            onChange={(e) => setPivot(e.target.value)}
            helperText={t('check.pivotHelp')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'check-pivot' } }}
          />
        </Stack>
        {body()}
      </Stack>
    </Paper>
  );
};
