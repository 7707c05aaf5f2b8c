import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PolicyOf } from '../../../../../shared/schema';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AdminFrame } from '../components/AdminFrame';
import { PolicyVersions } from '../components/PolicyVersions';
import { PriorityForm } from '../components/PriorityForm';

const Priority = () => {
  const { t } = useTranslation('admin');
  const versions = useLiveQuery('admin.policies', { kind: 'priority' });
  if (!versions.data) return <Typography>{t('loading')}</Typography>;
  const all = versions.data.filter((p): p is PolicyOf<'priority'> => p.kind === 'priority');
  const current = all.find((p) => p.active) ?? null;
  return (
    <Stack spacing={3}>
      <Typography variant="body2" color="text.secondary">
        {t('priority.intro')}
      </Typography>
      <PriorityForm key={current?.id ?? 'new'} policy={current} />
      <PolicyVersions kind="priority" versions={all} scopeOf={() => t('priority.everyone')} />
    </Stack>
  );
};

export const PriorityPage = () => (
  <AdminFrame tab="priority">
    <Priority />
  </AdminFrame>
);
