import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PolicyOf } from '../../../../../shared/schema';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AdminFrame } from '../components/AdminFrame';
import { EscalationForm } from '../components/EscalationForm';
import { EscalationLevels } from '../components/EscalationLevels';
import { PolicyVersions } from '../components/PolicyVersions';

const Escalation = () => {
  const { t } = useTranslation('admin');
  const versions = useLiveQuery('admin.policies', { kind: 'escalation' });
  const teams = useLiveQuery('admin.teams', {});
  const people = useLiveQuery('admin.people', {});
  if (!versions.data || !teams.data || !people.data) return <Typography>{t('loading')}</Typography>;
  const all = versions.data.filter((p): p is PolicyOf<'escalation'> => p.kind === 'escalation');
  const current = all.find((p) => p.active) ?? null;
  return (
    <Stack spacing={3}>
      <Typography variant="body2" color="text.secondary">
        {t('escalation.intro')}
      </Typography>
      <EscalationLevels teams={teams.data} people={people.data} />
      <EscalationForm key={current?.id ?? 'new'} policy={current} />
      <PolicyVersions kind="escalation" versions={all} scopeOf={() => t('escalation.everyone')} />
    </Stack>
  );
};

export const EscalationPage = () => (
  <AdminFrame tab="escalation">
    <Escalation />
  </AdminFrame>
);
