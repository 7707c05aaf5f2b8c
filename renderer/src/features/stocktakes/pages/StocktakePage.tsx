import { Alert, Breadcrumbs, Button, Chip, Link, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { PageSkeleton } from '../../../app/PageSkeleton';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { CountPanel } from '../components/CountPanel';
import { downloadExport } from '../components/download';
import { Figures } from '../components/Figures';
import { LinesTabs } from '../components/LinesTabs';
import { ReconcilePanel } from '../components/ReconcilePanel';
import { useScopeText } from '../components/scope';

/**
 * `#/stocktakes/:id`: the live result; the scan field while counting (for field staff of the
 * region), the reconciliation for the asset manager once counting has ended, and the export.
 */
export const StocktakePage = () => {
  const { id: stocktakeId = '' } = useParams();
  const { t } = useTranslation('stocktakes');
  const { t: tc } = useTranslation();
  const scopeText = useScopeText();
  const { data, error, loading } = useLiveQuery('stocktakes.detail', { stocktakeId });
  const endCounting = useCommand('stocktakes.endCounting', { success: () => t('actions.ended') });
  const close = useCommand('stocktakes.close', { success: () => t('actions.closed') });
  const exportFile = useCommand('stocktakes.export');
  const download = async (format: 'csv' | 'xlsx') => {
    const r = await exportFile.run({ stocktakeId, format });
    if (r.ok) downloadExport(r.value);
  };

  const crumbs = (
    <Breadcrumbs>
      <Link component={RouterLink} to="/stocktakes">
        {t('back')}
      </Link>
      <Typography color="text.primary" aria-current="page">
        {data?.summary.title ?? ''}
      </Typography>
    </Breadcrumbs>
  );
  if (loading) return <PageSkeleton />;
  if (error) return <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>;
  if (!data) {
    return (
      <Stack spacing={2}>
        {crumbs}
        <Alert severity="info">{t('notFound')}</Alert>
      </Stack>
    );
  }
  const { summary, can } = data;
  return (
    <Stack spacing={3}>
      {crumbs}
      <div>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h4" component="h1">
            {summary.title}
          </Typography>
          <Chip color={summary.status === 'closed' ? 'default' : 'primary'} label={t(`status.${summary.status}`)} data-testid="stocktake-status" />
        </Stack>
        <Typography color="text.secondary">{scopeText(summary)}</Typography>
      </div>
      <Figures totals={data.totals} />
      {can.count && <CountPanel stocktakeId={stocktakeId} recent={data.recent} />}
      {summary.status === 'counting' && !can.count && !can.manage && <Alert severity="info">{t('count.notYours', { region: summary.region })}</Alert>}
      {summary.status === 'reconciling' && !can.manage && <Alert severity="info">{t('count.ended')}</Alert>}
      {can.manage && summary.status === 'reconciling' && <ReconcilePanel view={data} />}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        {can.manage && summary.status === 'counting' && (
          <Button variant="contained" onClick={() => void endCounting.run({ stocktakeId })} disabled={endCounting.pending} data-testid="end-counting">
            {t('actions.endCounting')}
          </Button>
        )}
        {can.manage && summary.status === 'reconciling' && (
          <Button variant="contained" onClick={() => void close.run({ stocktakeId })} disabled={close.pending || data.totals.open > 0} data-testid="close-stocktake">
            {t('actions.close')}
          </Button>
        )}
        {can.manage && summary.status === 'reconciling' && data.totals.open > 0 && (
          <Typography color="text.secondary" data-testid="close-blocked">
            {t('actions.closeBlocked', { count: data.totals.open })}
          </Typography>
        )}
        <Button variant="outlined" onClick={() => void download('csv')} disabled={exportFile.pending} data-testid="export-csv">
          {t('actions.exportCsv')}
        </Button>
        <Button variant="outlined" onClick={() => void download('xlsx')} disabled={exportFile.pending} data-testid="export-xlsx">
          {t('actions.exportXlsx')}
        </Button>
      </Stack>
      <LinesTabs view={data} />
    </Stack>
  );
};
