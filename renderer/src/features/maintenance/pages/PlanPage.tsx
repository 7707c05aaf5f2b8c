import { Alert, Box, Skeleton, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useLang } from '../components/lang';
import { RoundList } from '../components/RoundList';

/** `#/maintenance/plans/:id`: a plan and its rounds. */
export const PlanPage = () => {
  const { t } = useTranslation('maintenance');
  const { t: tc } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const q = useLiveQuery('maintenance.plan', { planId: id });
  if (q.loading) return <Skeleton variant="rounded" height={160} />;
  if (q.error) return <Alert severity="error">{tc(`errors.${q.error.code}`)}</Alert>;
  if (!q.data) return <Alert severity="info">{t('plan.notHere')}</Alert>;
  const { plan, rounds } = q.data;
  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h4" component="h1">
          {plan.name}
        </Typography>
        <Typography color="text.secondary">
          {plan.customerName}
          {plan.siteName ? ` · ${plan.siteName}` : ''} · {plan.teamName}
        </Typography>
        <Typography data-testid="plan-facts">
          {plan.frequency.every === 1 ? t(`frequencyOne.${plan.frequency.unit}`) : t(`frequency.${plan.frequency.unit}`, { count: plan.frequency.every })} · {t('plan.windowText', { days: plan.windowDays })} · {plan.templateName?.[lang] ?? ''} · {t('planTable.assets')}: {plan.scope === 'model' ? plan.model : plan.scope === 'site' ? t('plan.scopeSiteShort') : plan.assetIds.length}
        </Typography>
      </div>
      <Box component="section" aria-labelledby="plan-rounds">
        <Typography id="plan-rounds" variant="h5" component="h2" gutterBottom>
          {t('plan.rounds')}
        </Typography>
        <RoundList rounds={rounds} empty={t('plan.noRounds')} testId="plan-rounds" />
      </Box>
    </Stack>
  );
};
