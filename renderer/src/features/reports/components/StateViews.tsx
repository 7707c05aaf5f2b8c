import { Stack, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import type { AgeBucket } from '../../../../../shared/domain/metrics';
import type { BacklogReport, ProblemsReport } from '../../../../../shared/domain/reports';
import { useFormat } from '../../../i18n/format';
import { FigureTable, type Column } from './FigureTable';
import { ChartCard } from './ChartCard';
import { drillLink } from './drill';
import { usePrinting } from './printing';

const SEVERITIES = ['critical', 'major', 'minor'] as const;

export const BacklogView = ({ data }: { data: BacklogReport }) => {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const printing = usePrinting();
  type Bucket = BacklogReport['buckets'][number];
  const dataset = data.buckets.map((b) => ({ label: b.label, ...b.bySeverity }));
  const columns: Column<Bucket>[] = [
    { key: 'bucket', label: t('col.bucket'), text: (r) => r.label },
    { key: 'total', label: t('col.total'), numeric: true, text: (r) => format.integer(r.total), link: (r) => (r.total > 0 ? drillLink({ figure: 'age', age: r.label as AgeBucket }) : null) },
    ...SEVERITIES.map((s) => ({ key: s, label: t(`severity.${s}`), numeric: true, text: (r: Bucket) => format.integer(r.bySeverity[s]), link: (r: Bucket) => (r.bySeverity[s] > 0 ? drillLink({ figure: 'age', age: r.label as AgeBucket, severity: s }) : null) })),
  ];
  const statuses = Object.entries(data.byStatus).map(([status, count]) => ({ status, count }));
  return (
    <Stack spacing={2}>
      <Typography>{t('summary.open', { count: data.open })}</Typography>
      <ChartCard title={t('chart.backlog')}>
        <BarChart skipAnimation={printing} height={240} dataset={dataset} xAxis={[{ scaleType: 'band', dataKey: 'label' }]} series={SEVERITIES.map((s) => ({ dataKey: s, label: t(`severity.${s}`), stack: 'open' }))} />
      </ChartCard>
      <FigureTable title={t('chart.backlog')} columns={columns} rows={data.buckets} fileName="backlog" testId="backlog-table" />
      <FigureTable
        title={t('col.status')}
        columns={[
          { key: 'status', label: t('col.status'), text: (r) => t(`status.${r.status as 'new'}`) },
          { key: 'count', label: t('col.count'), numeric: true, text: (r) => format.integer(r.count), link: (r) => (r.count > 0 ? drillLink({ status: r.status }) : null) },
        ]}
        rows={statuses}
        fileName="backlog-status"
      />
    </Stack>
  );
};

export const ProblemsView = ({ data }: { data: ProblemsReport }) => {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const printing = usePrinting();
  const statuses = Object.entries(data.byStatus).map(([status, count]) => ({ status, count }));
  type Action = ProblemsReport['overdueActions'][number];
  const columns: Column<Action>[] = [
    { key: 'problem', label: t('col.problem'), text: (r) => r.title, link: (r) => `/problems/${r.problemId}` },
    { key: 'action', label: t('col.action'), text: (r) => r.description },
    { key: 'due', label: t('col.due'), text: (r) => r.dueDate },
  ];
  return (
    <Stack spacing={2}>
      <Typography>{t('summary.effectiveness', { effective: format.integer(data.effectiveness.effective), checked: format.integer(data.effectiveness.checked) })}</Typography>
      <ChartCard title={t('chart.problems')}>
        <BarChart skipAnimation={printing} height={220} dataset={statuses} xAxis={[{ scaleType: 'band', dataKey: 'status', valueFormatter: (s: string) => t(`problemStatus.${s as 'open'}`) }]} series={[{ dataKey: 'count', label: t('col.count') }]} />
      </ChartCard>
      <FigureTable title={t('summary.overdueActions')} columns={columns} rows={data.overdueActions} fileName="problem-actions-overdue" testId="problems-table" />
    </Stack>
  );
};
