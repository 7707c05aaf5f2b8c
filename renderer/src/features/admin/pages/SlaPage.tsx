import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendar, Policy, PolicyOf } from '../../../../../shared/schema';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AdminFrame } from '../components/AdminFrame';
import { PolicyVersions } from '../components/PolicyVersions';
import { SlaForm } from '../components/SlaForm';

const Sla = () => {
  const { t } = useTranslation('admin');
  const versions = useLiveQuery('admin.policies', { kind: 'sla' });
  const calendars = useLiveQuery('admin.policies', { kind: 'calendar' });
  if (!versions.data || !calendars.data) return <Typography>{t('loading')}</Typography>;
  const sla = versions.data.filter((p): p is PolicyOf<'sla'> => p.kind === 'sla');
  // The default policy (no contract) is the one edited here; contract policies are listed.
  const current = sla.find((p) => p.active && p.sla.customerId === null) ?? null;
  const cals: BusinessCalendar[] = calendars.data.flatMap((p) => (p.kind === 'calendar' && p.active ? [p.calendar] : [])).sort((a, b) => a.region.localeCompare(b.region));
  const scopeOf = (p: Policy) => (p.kind === 'sla' && p.sla.customerId ? p.sla.customerId : t('sla.everyone'));
  return (
    <Stack spacing={3}>
      <Typography variant="body2" color="text.secondary">
        {t('sla.intro')}
      </Typography>
      <SlaForm key={current?.id ?? 'new'} policy={current} calendars={cals} />
      <PolicyVersions kind="sla" versions={sla} scopeOf={scopeOf} />
    </Stack>
  );
};

export const SlaPage = () => (
  <AdminFrame tab="sla">
    <Sla />
  </AdminFrame>
);
