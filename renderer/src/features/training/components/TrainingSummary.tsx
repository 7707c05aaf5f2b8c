import { Link, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';

/** The quarter's confirmed training, beside business competence (业务水平) in the review. */
export const TrainingSummary = ({ personId, from, to }: { personId: string; from: string; to: string }) => {
  const { t } = useTranslation('training');
  const q = useLiveQuery('training.period', { personId, from, to });
  if (!q.data) return null;
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-labelledby="training-summary-heading" data-testid="training-summary">
      <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Typography id="training-summary-heading" variant="subtitle1" component="h3">
          {t('summary.heading')}
        </Typography>
        <Link component={RouterLink} to={`/training?person=${encodeURIComponent(personId)}`} variant="body2">
          {t('summary.open')}
        </Link>
      </Stack>
      {q.data.count === 0 ? (
        <Typography color="text.secondary">{t('summary.none')}</Typography>
      ) : (
        <>
          <Typography>{t('summary.figures', { count: q.data.count, hours: q.data.hours })}</Typography>
          <Typography variant="body2" color="text.secondary">
            {q.data.titles.join(' · ')}
          </Typography>
        </>
      )}
    </Paper>
  );
};
