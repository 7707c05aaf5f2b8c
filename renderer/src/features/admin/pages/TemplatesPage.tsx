import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PolicyOf } from '../../../../../shared/schema';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AdminFrame } from '../components/AdminFrame';
import { PolicyVersions } from '../components/PolicyVersions';
import { TemplateForm } from '../components/TemplateForm';

const Templates = () => {
  const { t } = useTranslation('admin');
  const versions = useLiveQuery('admin.policies', { kind: 'assessmentTemplate' });
  if (!versions.data) return <Typography>{t('loading')}</Typography>;
  const all = versions.data.filter((p): p is PolicyOf<'assessmentTemplate'> => p.kind === 'assessmentTemplate');
  const current = all.find((p) => p.active) ?? null;
  return (
    <Stack spacing={3}>
      <Typography variant="body2" color="text.secondary">
        {t('templates.intro')}
      </Typography>
      <TemplateForm key={current?.id ?? 'new'} policy={current} />
      <PolicyVersions kind="assessmentTemplate" versions={all} scopeOf={() => t('templates.scope')} />
    </Stack>
  );
};

export const TemplatesPage = () => (
  <AdminFrame tab="templates">
    <Templates />
  </AdminFrame>
);
