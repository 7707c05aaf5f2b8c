import { Stack, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Policy, PolicyOf } from '../../../../../shared/schema';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AdminFrame } from '../components/AdminFrame';
import { CalendarForm } from '../components/CalendarForm';
import { PolicyVersions } from '../components/PolicyVersions';

const NEW = '';

const Calendars = () => {
  const { t } = useTranslation('admin');
  const versions = useLiveQuery('admin.policies', { kind: 'calendar' });
  const [region, setRegion] = useState<string | null>(null);
  if (!versions.data) return <Typography>{t('loading')}</Typography>;
  const all = versions.data.filter((p): p is PolicyOf<'calendar'> => p.kind === 'calendar');
  const active = all.filter((p) => p.active).sort((a, b) => a.calendar.region.localeCompare(b.calendar.region));
  const chosen = region ?? active[0]?.calendar.region ?? NEW;
  const current = active.find((p) => p.calendar.region === chosen) ?? null;
  const scopeOf = (p: Policy) => (p.kind === 'calendar' ? p.calendar.region : '');
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('calendars.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Tabs value={current ? chosen : NEW} onChange={(_e, v: string) => setRegion(v)} aria-label={t('calendars.regions')} sx={{ flexGrow: 1 }}>
          {active.map((p) => (
            <Tab key={p.id} value={p.calendar.region} label={p.calendar.region} data-testid="calendar-region-tab" />
          ))}
          <Tab value={NEW} label={t('calendars.add')} data-testid="calendar-add" />
        </Tabs>
      </Stack>
      <CalendarForm key={current?.id ?? 'new'} policy={current} onSaved={() => setRegion(null)} />
      <PolicyVersions kind="calendar" versions={all} scopeOf={scopeOf} />
      {all.length === 0 && <Typography color="text.secondary">{t("calendars.empty")}</Typography>}
    </Stack>
  );
};

export const CalendarsPage = () => (
  <AdminFrame tab="calendars">
    <Calendars />
  </AdminFrame>
);
