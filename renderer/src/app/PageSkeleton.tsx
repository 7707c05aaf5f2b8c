import { Skeleton, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** What a page shows while its module or first data loads: its shape, not a spinner. */
export const PageSkeleton = () => {
  const { t } = useTranslation();
  return (
    <Stack spacing={2} aria-busy="true" aria-label={t('route.loading')} data-testid="page-skeleton">
      <Skeleton variant="text" width="30%" height={40} />
      <Skeleton variant="rounded" height={120} />
      <Skeleton variant="rounded" height={240} />
    </Stack>
  );
};
