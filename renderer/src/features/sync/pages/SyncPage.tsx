import { Alert, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { PageSkeleton } from '../../../app/PageSkeleton';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { SyncDetails } from '../components/SyncDetails';

/** The sync details as a page of their own (`#/sync`), deep-linkable from anywhere. */
export const SyncPage = () => {
  const { t } = useTranslation('sync');
  const { t: tc } = useTranslation();
  const { data, error, loading } = useLiveQuery('sync.status', {});
  return (
    <>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('heading')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('intro')}
      </Typography>
      {error && <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>}
      {loading ? (
        <PageSkeleton />
      ) : (
        data && (
          <Paper sx={{ p: 3, maxWidth: 640 }}>
            <SyncDetails status={data} />
          </Paper>
        )
      )}
    </>
  );
};
