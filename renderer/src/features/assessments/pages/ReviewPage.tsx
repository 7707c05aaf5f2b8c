import { Alert, Breadcrumbs, Chip, Grid, Link, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { PageSkeleton } from '../../../app/PageSkeleton';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AcknowledgePanel } from '../components/AcknowledgePanel';
import { ApprovalPanel } from '../components/ApprovalPanel';
import { CalibrationPanel } from '../components/CalibrationPanel';
import { HistoryPanel } from '../components/HistoryPanel';
import { GoalFollowUpPanel, PlanGoalsPanel } from '../components/ImprovementGoals';
import { KpiPanel } from '../components/KpiPanel';
import { TrainingSummary } from '../../training/components/TrainingSummary';
import { usePersonName } from '../components/names';
import { ReviewForm } from '../components/ReviewForm';

/**
 * `#/assessments/:cycle/review/:person`: the person's self review; for their manager the KPI
 * panel and the self review beside the manager's form; calibration; the result and its
 * acknowledgement. What the user may not do is not offered (the server refuses it anyway).
 */
export const ReviewPage = () => {
  const { cycle: cycleId = '', person: personId = '' } = useParams();
  const { t } = useTranslation('assessments');
  const { t: tc } = useTranslation();
  const name = usePersonName();
  const { data: view, error, loading } = useLiveQuery('assessments.review', { cycleId, personId });

  if (loading) return <PageSkeleton />;
  if (error) return <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>;
  if (!view)
    return (
      <Alert severity="info" data-testid="review-not-found">
        {t('review.notFound')}
      </Alert>
    );
  const common = { assessmentId: view.assessmentId, criteria: view.criteria, rewardAtLeast: view.rewardAtLeast, meetsAtLeast: view.meetsAtLeast };
  const isManagerSide = view.can.managerReview || view.managerReview.submittedAt !== null || view.kpis !== null;
  const final = view.phase === 'acknowledgement' || view.phase === 'closed';
  return (
    <Stack spacing={2}>
      <Breadcrumbs>
        <Link component={RouterLink} to="/assessments">
          {t('heading')}
        </Link>
        <Link component={RouterLink} to={`/assessments/${cycleId}`}>
          {view.cycle.name}
        </Link>
        <Typography color="text.primary" aria-current="page">
          {name(view.person)}
        </Typography>
      </Breadcrumbs>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h4" component="h1">
          {t('review.heading', { name: name(view.person) })}
        </Typography>
        <Chip color="primary" label={t(`phase.${view.phase}`)} data-testid="review-phase" />
      </Stack>
      {final && <AcknowledgePanel view={view} />}
      {view.plan && <PlanGoalsPanel view={view} />}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: isManagerSide ? 5 : 12 }}>
          <Stack spacing={2}>
            {view.kpis !== null && <KpiPanel cycleId={cycleId} personId={personId} kpis={view.kpis} snapshot={view.kpisSnapshot} />}
            <GoalFollowUpPanel goals={view.followUp} />
            <TrainingSummary personId={view.person.id} from={view.cycle.startsOn} to={view.cycle.endsOn} />
            {view.can.seeSelfReview ? (
              <ReviewForm key={`${view.assessmentId}-self-${view.can.selfReview}`} {...common} section="selfReview" saved={view.selfReview} editable={view.can.selfReview} />
            ) : (
              <Alert severity="info">{t('review.selfNotYet')}</Alert>
            )}
          </Stack>
        </Grid>
        {isManagerSide && (
          <Grid size={{ xs: 12, md: 7 }}>
            <Stack spacing={2}>
              {view.can.managerReview || view.managerReview.submittedAt !== null ? (
                <ReviewForm key={`${view.assessmentId}-manager-${view.can.managerReview}`} {...common} section="managerReview" saved={view.managerReview} editable={view.can.managerReview} />
              ) : (
                <Alert severity="info">{t('review.managerNotYet')}</Alert>
              )}
              {(view.phase === 'calibration' || final) && <CalibrationPanel view={view} />}
              {view.approval && <ApprovalPanel view={view} />}
            </Stack>
          </Grid>
        )}
      </Grid>
      <HistoryPanel personId={personId} />
    </Stack>
  );
};
