import { Alert, Button, Chip, LinearProgress, Stack, Tab, Tabs, Typography } from '@mui/material';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, Navigate, useParams, useSearchParams } from 'react-router';
import { reportNames, reportQuerySchema, type ReportAnswer, type ReportName, type ReportQuery } from '../../../../../shared/api/reports';
import { CsatView, EscalationsView, SlaView } from '../components/FlowViews';
import { ReportFilters } from '../components/ReportFilters';
import { BacklogView, ProblemsView } from '../components/StateViews';
import { Tl9000View } from '../components/Tl9000View';
import { defaultPeriod, useReport } from '../components/useReport';
import { downloadBase64 } from '../../../components/download';
import { useCommand } from '../../../data/useCommand';

const isReport = (v: string | undefined): v is ReportName => reportNames.includes(v as ReportName);

/** The query in the address (`#/reports/tl9000?from=2026-01&to=2026-06&productLine=OTN`), so a report is a link. */
function queryFrom(params: URLSearchParams): ReportQuery {
  const raw = { ...defaultPeriod(), ...Object.fromEntries([...params].filter(([, v]) => v !== '')) };
  const parsed = reportQuerySchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...defaultPeriod() };
}

/** `#/reports/:report`: one quality report with its filters, charts and tables. */
export const ReportPage = () => {
  const { report } = useParams();
  if (!isReport(report)) return <Navigate to="/reports/tl9000" replace />;
  return <Report report={report} key={report} />;
};

const Report = ({ report }: { report: ReportName }) => {
  const { t } = useTranslation('reports');
  const { t: tc, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const { answer, error, pending } = useReport(report, query);
  const apply = (q: ReportQuery) => setParams(Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)));
  const pack = useCommand('reports.reviewPackPdf');
  // The pack covers the period and scope shown (severity and tier are a report's own cut).
  const savePack = async () => {
    const { severity: _severity, tier: _tier, ...scope } = query;
    const r = await pack.run({ query: scope, locale: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' });
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, 'application/pdf');
  };
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          {t(`names.${report}`)}
        </Typography>
        <Button variant="outlined" startIcon={<PictureAsPdfOutlined />} onClick={() => void savePack()} disabled={pack.pending} data-testid="review-pack-pdf">
          {pack.pending ? t('pack.making') : t('pack.button')}
        </Button>
      </Stack>
      <Tabs value={report} aria-label={t('tabsLabel')} variant="scrollable" allowScrollButtonsMobile>
        {reportNames.map((name) => (
          <Tab key={name} value={name} label={t(`names.${name}`)} component={RouterLink} to={`/reports/${name}?${params.toString()}`} />
        ))}
      </Tabs>
      <ReportFilters value={query} onChange={apply} key={JSON.stringify(query)} />
      {pending && <LinearProgress aria-label={tc('route.loading')} />}
      {error && (
        <Alert severity="error" data-testid="report-error">
          {tc(`errors.${error.code}`)}
        </Alert>
      )}
      {answer && !error && (
        <>
          <Chip
            data-testid="report-source"
            icon={answer.source === 'server' ? <CloudDoneOutlined /> : <CloudOffOutlined />}
            color={answer.source === 'server' ? 'default' : 'warning'}
            label={t(`source.${answer.source}`)}
            sx={{ alignSelf: 'flex-start' }}
          />
          <ReportView answer={answer} />
        </>
      )}
    </Stack>
  );
};

type ViewOf<N extends ReportName> = ComponentType<{ data: ReportAnswer<N>['data'] }>;
const views: { [N in ReportName]: ViewOf<N> } = { tl9000: Tl9000View, sla: SlaView, backlog: BacklogView, escalations: EscalationsView, csat: CsatView, problems: ProblemsView };

const ReportView = ({ answer }: { answer: ReportAnswer }) => {
  const View = views[answer.report] as ViewOf<ReportName>;
  return <View data={answer.data} />;
};
