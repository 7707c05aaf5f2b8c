import { Alert, Card, CardActionArea, CardContent, Chip, LinearProgress, Skeleton, Stack, Typography } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { ReportName } from '../../../../../shared/api/reports';
import { OverdueContactsTile } from '../../../components/OverdueContactsTile';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { useLabel } from '../../queue/components/QueueFilters';
import { PackSubscription } from '../components/PackSubscription';
import { defaultPeriod, monthsBack, useReport } from '../components/useReport';

const thisMonth = () => monthsBack(0);

const Tile = ({ title, to, testId, loading, children }: { title: string; to: string; testId: string; loading: boolean; children: ReactNode }) => (
  <Card variant="outlined" sx={{ flex: '1 1 280px', minWidth: 260 }} data-testid={testId}>
    <CardActionArea component={RouterLink} to={to} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="subtitle2" color="text.secondary" component="h2" gutterBottom>
          {title}
        </Typography>
        {loading ? <Skeleton variant="rounded" height={64} /> : children}
      </CardContent>
    </CardActionArea>
  </Card>
);

const severities = ['critical', 'major', 'minor'] as const;
const Big = ({ children }: { children: ReactNode }) => (
  <Typography variant="h4" component="p">
    {children}
  </Typography>
);

/** `#/dashboard`: a manager's home. Each tile opens its queue or report. */
export const DashboardPage = () => {
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const now = thisMonth();
  const last = monthsBack(1);
  const backlog = useReport('backlog', defaultPeriod());
  const sla = useReport('sla', { from: last, to: now });
  const escalations = useReport('escalations', { from: now, to: now });
  const csat = useReport('csat', defaultPeriod());
  const tl = useReport('tl9000', { from: now, to: now });
  const { data: load } = useLiveQuery('queue.teamLoad', {});
  const { data: options } = useLiveQuery('queue.filterOptions', {});
  const label = useLabel();
  const personName = (id: string) => {
    if (!id) return t('dashboard.unassigned');
    const person = options?.people.find((p) => p.id === id);
    return person ? label(person) : id.slice(-8);
  };
  const busiest = Math.max(1, ...(load?.rows.map((r) => r.open) ?? []));
  const dueToday = load?.rows.reduce((s, r) => s + r.dueToday, 0) ?? 0;
  const pct = (v: number | null) => (v === null ? t('none') : format.percent(v / 100));
  const slaOf = (month: string) => {
    const rows = sla.answer?.data.rows.filter((r) => r.month === month) ?? [];
    const measured = rows.reduce((s, r) => s + r.measured, 0);
    return measured === 0 ? null : (rows.reduce((s, r) => s + r.met, 0) / measured) * 100;
  };
  const open = severities.map((s) => ({ s, n: backlog.answer?.data.buckets.reduce((sum, b) => sum + b.bySeverity[s], 0) ?? 0 }));
  const ack = escalations.answer?.data.acknowledge;
  const overdue = tl.answer?.data.totals.reduce((s, r) => s + r.overdueAtEnd, 0) ?? 0;
  const errors = [backlog, sla, escalations, csat, tl].map((r) => r.error).filter((e) => e !== null);
  const sources = new Set([backlog, sla, escalations, csat, tl].flatMap((r) => (r.answer ? [r.answer.source] : [])));
  const report = (name: ReportName) => `/reports/${name}`;
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {t('dashboard.heading')}
      </Typography>
      {sources.has('local') && (
        <Chip data-testid="dashboard-source" color="warning" label={t('source.local')} sx={{ alignSelf: 'flex-start' }} />
      )}
      {errors[0] && <Alert severity="error">{tc(`errors.${errors[0].code}`)}</Alert>}
      <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
        <Tile title={t('dashboard.openBySeverity')} to="/queue/open" testId="tile-open" loading={!backlog.answer}>
          <Stack direction="row" spacing={3}>
            {open.map(({ s, n }) => (
              <div key={s}>
                <Big>{format.integer(n)}</Big>
                <Typography variant="body2" color="text.secondary">
                  {t(`severity.${s}`)}
                </Typography>
              </div>
            ))}
          </Stack>
        </Tile>
        <Tile title={t('dashboard.slaThisMonth')} to={report('sla')} testId="tile-sla" loading={!sla.answer}>
          <Big>{pct(slaOf(now))}</Big>
          <Typography variant="body2" color="text.secondary">
            {t('dashboard.slaLastMonth', { value: pct(slaOf(last)) })}
          </Typography>
        </Tile>
        <Tile title={t('dashboard.escalations')} to={report('escalations')} testId="tile-escalations" loading={!escalations.answer}>
          <Big>{format.integer(ack?.raised ?? 0)}</Big>
          <Typography variant="body2" color={ack && ack.raised > ack.acknowledged ? 'error' : 'text.secondary'}>
            {t('dashboard.unacknowledged', { count: (ack?.raised ?? 0) - (ack?.acknowledged ?? 0) })}
          </Typography>
        </Tile>
        <Tile title={t('dashboard.overdueFixes')} to={report('tl9000')} testId="tile-overdue" loading={!tl.answer}>
          <Big>{format.integer(overdue)}</Big>
        </Tile>
        <Tile title={t('dashboard.csatTrend')} to={report('csat')} testId="tile-csat" loading={!csat.answer}>
          <LineChart
            height={120}
            width={260}
            hideLegend
            margin={{ top: 8, bottom: 8, left: 8, right: 8 }}
            dataset={csat.answer?.data.trend ?? []}
            xAxis={[{ scaleType: 'point', dataKey: 'month' }]}
            yAxis={[{ min: 1, max: 5 }]}
            series={[{ dataKey: 'average', label: t('col.average') }]}
          />
        </Tile>
        <Tile title={t('dashboard.dueToday')} to="/queue/breaching" testId="tile-due-today" loading={!load}>
          <Big>{format.integer(dueToday)}</Big>
          <Typography variant="body2" color={dueToday > 0 ? 'error' : 'text.secondary'}>
            {t('dashboard.dueTodayHint')}
          </Typography>
        </Tile>
        <Tile title={t('dashboard.teamLoad')} to="/queue/team" testId="tile-team-load" loading={!load}>
          {load && !load.teamId && <Typography color="text.secondary">{t('dashboard.noTeam')}</Typography>}
          {load?.teamId && load.rows.length === 0 && <Typography color="text.secondary">{t('dashboard.nobodyBusy')}</Typography>}
          <Stack spacing={1}>
            {load?.rows.slice(0, 6).map((r) => (
              <div key={r.assigneeId} data-testid="team-load-row">
                <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
                  <Typography variant="body2">{personName(r.assigneeId)}</Typography>
                  <Typography variant="body2" color={r.critical > 0 ? 'error' : 'text.secondary'}>
                    {t('dashboard.openTickets', { count: r.open })}
                  </Typography>
                </Stack>
                <LinearProgress variant="determinate" value={(r.open / busiest) * 100} aria-label={personName(r.assigneeId)} />
              </div>
            ))}
          </Stack>
        </Tile>
        <OverdueContactsTile />
      </Stack>
      <PackSubscription />
    </Stack>
  );
};
