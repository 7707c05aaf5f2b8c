import { Alert, Stack, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslation } from 'react-i18next';
import type { CsatReport, EscalationReport, SlaReport, SlaReportRow } from '../../../../../shared/domain/reports';
import { useFormat } from '../../../i18n/format';
import { ChartCard } from './ChartCard';
import { FigureTable, type Column } from './FigureTable';
import { drillLink } from './drill';
import { usePrinting } from './printing';


const useNum = () => {
  const { t } = useTranslation('reports');
  const format = useFormat();
  return (v: number | null, digits = 1) => (v === null ? t('none') : format.decimal(v, digits));
};

const CalendarNote = ({ regions }: { regions: string[] }) => {
  const { t } = useTranslation('reports');
  return regions.length > 0 ? <Alert severity="info">{t('calendarFallback', { regions: regions.join(', ') })}</Alert> : null;
};

const CLOCKS = ['firstResponse', 'restore', 'fix'] as const;

export const SlaView = ({ data }: { data: SlaReport }) => {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const printing = usePrinting();
  const num = useNum();
  const dataset = data.months.map((month) => ({
    month,
    ...Object.fromEntries(
      CLOCKS.map((clock) => {
        const rs = data.rows.filter((r) => r.month === month && r.clock === clock);
        const measured = rs.reduce((s, r) => s + r.measured, 0);
        return [clock, measured === 0 ? null : (rs.reduce((s, r) => s + r.met, 0) / measured) * 100];
      }),
    ),
  }));
  const columns: Column<SlaReportRow>[] = [
    { key: 'month', label: t('col.month'), text: (r) => r.month },
    { key: 'team', label: t('col.team'), text: (r) => r.teamId.slice(-8) },
    { key: 'severity', label: t('col.severity'), text: (r) => t(`severity.${r.severity}`) },
    { key: 'tier', label: t('col.tier'), text: (r) => t(`tier.${r.tier}`) },
    { key: 'clock', label: t('col.clock'), text: (r) => t(`clock.${r.clock}`) },
    { key: 'measured', label: t('col.measured'), numeric: true, text: (r) => format.integer(r.measured), link: (r) => drillLink({ figure: 'slaMeasured', month: r.month, clock: r.clock, tier: r.tier, teamId: r.teamId, severity: r.severity }) },
    { key: 'met', label: t('col.met'), numeric: true, text: (r) => format.integer(r.met), link: (r) => (r.met > 0 ? drillLink({ figure: 'slaMet', month: r.month, clock: r.clock, tier: r.tier, teamId: r.teamId, severity: r.severity }) : null) },
    { key: 'percent', label: t('col.percent'), numeric: true, text: (r) => num(r.percent) },
  ];
  return (
    <Stack spacing={2}>
      <CalendarNote regions={data.calendarFallbacks} />
      <ChartCard title={t('chart.sla')}>
        <BarChart skipAnimation={printing} height={240} dataset={dataset} xAxis={[{ scaleType: 'band', dataKey: 'month' }]} yAxis={[{ min: 0, max: 100 }]} series={CLOCKS.map((c) => ({ dataKey: c, label: t(`clock.${c}`) }))} />
      </ChartCard>
      <FigureTable title={t('names.sla')} columns={columns} rows={data.rows} fileName={`sla-${data.from}-${data.to}`} testId="sla-table" />
    </Stack>
  );
};

export const EscalationsView = ({ data }: { data: EscalationReport }) => {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const printing = usePrinting();
  const num = useNum();
  type Rate = EscalationReport['rate'][number];
  type Level = EscalationReport['byLevel'][number];
  const rateColumns: Column<Rate>[] = [
    { key: 'month', label: t('col.month'), text: (r) => r.month },
    { key: 'tickets', label: t('col.tickets'), numeric: true, text: (r) => format.integer(r.tickets) },
    { key: 'escalated', label: t('col.escalated'), numeric: true, text: (r) => format.integer(r.escalated), link: (r) => (r.escalated > 0 ? drillLink({ figure: 'escalated', month: r.month }) : null) },
    { key: 'percent', label: t('col.percent'), numeric: true, text: (r) => num(r.percent) },
  ];
  const levelColumns: Column<Level>[] = [
    { key: 'axis', label: t('col.axis'), text: (r) => r.axis },
    { key: 'level', label: t('col.level'), text: (r) => r.toLevel },
    { key: 'count', label: t('col.count'), numeric: true, text: (r) => format.integer(r.count) },
  ];
  const a = data.acknowledge;
  return (
    <Stack spacing={2}>
      <Typography>{t('summary.acknowledged', { acknowledged: format.integer(a.acknowledged), raised: format.integer(a.raised), minutes: num(a.averageMinutes, 0) })}</Typography>
      <ChartCard title={t('chart.escalations')}>
        <LineChart margin={{ right: 32 }} skipAnimation={printing} height={240} dataset={data.rate} xAxis={[{ scaleType: 'point', dataKey: 'month' }]} series={[{ dataKey: 'percent', label: t('col.percent') }]} />
      </ChartCard>
      <FigureTable title={t('chart.escalations')} columns={rateColumns} rows={data.rate} fileName={`escalations-${data.from}-${data.to}`} testId="escalations-table" />
      <FigureTable title={t('col.level')} columns={levelColumns} rows={data.byLevel} fileName={`escalation-levels-${data.from}-${data.to}`} />
    </Stack>
  );
};

export const CsatView = ({ data }: { data: CsatReport }) => {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const printing = usePrinting();
  const num = useNum();
  type Trend = CsatReport['trend'][number];
  type Verbatim = CsatReport['verbatims'][number];
  const trendColumns: Column<Trend>[] = [
    { key: 'month', label: t('col.month'), text: (r) => r.month },
    { key: 'responses', label: t('col.responses'), numeric: true, text: (r) => format.integer(r.responses) },
    { key: 'average', label: t('col.average'), numeric: true, text: (r) => num(r.average, 2) },
  ];
  const verbatimColumns: Column<Verbatim>[] = [
    { key: 'at', label: t('col.at'), text: (r) => format.dateTime(r.at) },
    { key: 'score', label: t('col.score'), numeric: true, text: (r) => String(r.score) },
    { key: 'reason', label: t('col.reason'), text: (r) => r.reason },
  ];
  return (
    <Stack spacing={2}>
      <Typography>{t('summary.average', { average: num(data.average, 2), responses: format.integer(data.responses) })}</Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <ChartCard title={t('chart.csat')}>
          <LineChart margin={{ right: 32 }} skipAnimation={printing} height={220} width={420} dataset={data.trend} xAxis={[{ scaleType: 'point', dataKey: 'month' }]} yAxis={[{ min: 1, max: 5 }]} series={[{ dataKey: 'average', label: t('col.average') }]} />
        </ChartCard>
        <ChartCard title={t('chart.distribution')}>
          <BarChart skipAnimation={printing} height={220} width={320} xAxis={[{ scaleType: 'band', data: ['1', '2', '3', '4', '5'] }]} series={[{ data: data.distribution, label: t('col.responses') }]} />
        </ChartCard>
      </Stack>
      <FigureTable title={t('chart.csat')} columns={trendColumns} rows={data.trend} fileName={`csat-${data.from}-${data.to}`} testId="csat-table" />
      <FigureTable title={t('summary.verbatims')} columns={verbatimColumns} rows={data.verbatims} fileName={`csat-verbatims-${data.from}-${data.to}`} />
    </Stack>
  );
};
