import { Alert, Box, Breadcrumbs, Chip, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { CalibrationRow } from '../../../../../shared/api/assessments';
import { PageSkeleton } from '../../../app/PageSkeleton';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { usePersonName } from '../components/names';

/** People whose KPIs are equal but whose totals differ: what calibration compares side by side. */
const sameKpisDifferentTotals = (rows: CalibrationRow[]): CalibrationRow[][] => {
  const groups = new Map<string, CalibrationRow[]>();
  for (const r of rows) if (r.kpis && r.total !== null) groups.set(JSON.stringify(r.kpis), [...(groups.get(JSON.stringify(r.kpis)) ?? []), r]);
  return [...groups.values()].filter((g) => new Set(g.map((r) => r.total)).size > 1);
};

/** `#/assessments/:cycle/calibration`: the distribution of totals per team, outliers marked. */
export const CalibrationPage = () => {
  const { cycle: cycleId = '' } = useParams();
  const { t } = useTranslation('assessments');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const name = usePersonName();
  const { data, error, loading } = useLiveQuery('assessments.calibration', { cycleId });
  if (loading) return <PageSkeleton />;
  if (error) return <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>;
  if (!data)
    return (
      <Alert severity="info" data-testid="calibration-not-found">
        {t('calibration.notFound')}
      </Alert>
    );
  const buckets = data.distribution.map((b) => `${format.decimal(b.from, 1)}–${format.decimal(b.to, 1)}`);
  const compare = sameKpisDifferentTotals(data.teams.flatMap((x) => x.rows));
  return (
    <Stack spacing={3}>
      <Breadcrumbs>
        <Link component={RouterLink} to="/assessments">
          {t('heading')}
        </Link>
        <Link component={RouterLink} to={`/assessments/${cycleId}`}>
          {data.cycle.name}
        </Link>
        <Typography color="text.primary" aria-current="page">
          {t('board.calibration')}
        </Typography>
      </Breadcrumbs>
      <Typography variant="h4" component="h1">
        {t('calibration.heading', { name: data.cycle.name })}
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="distribution-heading">
        <Typography id="distribution-heading" variant="subtitle1" component="h2">
          {t('calibration.chartTitle')}
        </Typography>
        <Box data-testid="distribution-chart">
          <BarChart height={240} xAxis={[{ scaleType: 'band', data: buckets, label: t('calibration.bucket') }]} yAxis={[{ label: t('calibration.people'), tickMinStep: 1 }]} series={[{ data: data.distribution.map((b) => b.count), label: t('calibration.people') }]} hideLegend />
        </Box>
        {/* The chart's figures as a table (UI.md: every chart has its table). */}
        <Table size="small" aria-label={t('calibration.chartTitle')}>
          <TableHead>
            <TableRow>
              {buckets.map((b) => (
                <TableCell key={b} align="right">
                  {b}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            <TableRow>
              {data.distribution.map((b, i) => (
                <TableCell key={i} align="right">
                  {b.count}
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      </Paper>
      {data.teams.map((team) => (
        <TableContainer key={team.name} component={Paper} variant="outlined">
          <Stack direction="row" spacing={2} sx={{ p: 2, pb: 0, alignItems: 'center' }}>
            <Typography variant="subtitle1" component="h2">
              {team.name ? t('calibration.team', { name: team.name }) : t('calibration.noTeam')}
            </Typography>
            {team.mean !== null && <Typography color="text.secondary">{t('calibration.mean', { mean: format.decimal(team.mean) })}</Typography>}
          </Stack>
          <Table size="small" data-testid="calibration-team">
            <TableHead>
              <TableRow>
                <TableCell>{t('board.person')}</TableCell>
                <TableCell align="right">{t('board.total')}</TableCell>
                <TableCell>{t('board.outcome')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {team.rows.map((r) => (
                <TableRow key={r.assessmentId}>
                  <TableCell>
                    <Link component={RouterLink} to={`/assessments/${cycleId}/review/${r.person.id}`}>
                      {name(r.person)}
                    </Link>
                  </TableCell>
                  <TableCell align="right">{r.total === null ? '–' : format.decimal(r.total)}</TableCell>
                  <TableCell>{r.outcome ? t(`outcome.${r.outcome}`) : '–'}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1}>
                      {r.outlier && <Chip size="small" color="warning" label={t('calibration.outlier')} />}
                      {r.adjusted && <Chip size="small" variant="outlined" label={t('calibration.adjusted')} />}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ))}
      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="compare-heading">
        <Typography id="compare-heading" variant="subtitle1" component="h2">
          {t('calibration.sameKpis')}
        </Typography>
        {compare.length === 0 ? (
          <Typography color="text.secondary">{t('calibration.noneSameKpis')}</Typography>
        ) : (
          compare.map((g, i) => (
            <Typography key={i}>{g.map((r) => `${name(r.person)} ${format.decimal(r.total!)}`).join(' · ')}</Typography>
          ))
        )}
      </Paper>
    </Stack>
  );
};
