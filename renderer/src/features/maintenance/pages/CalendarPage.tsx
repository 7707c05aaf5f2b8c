import ArrowBack from '@mui/icons-material/ArrowBack';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import { Alert, Button, ButtonGroup, MenuItem, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { RoundSummary } from '../../../../../shared/api/maintenance';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AssignDialog } from '../components/AssignDialog';
import { useLang } from '../components/lang';
import { WeekCalendar } from '../components/WeekCalendar';

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `#/maintenance/calendar`: a team's coming rounds by week; managers pick the team and assign rounds. */
export const CalendarPage = () => {
  const { t } = useTranslation('maintenance');
  const { t: tc, i18n } = useTranslation();
  const lang = useLang();
  const [week, setWeek] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [assigning, setAssigning] = useState<RoundSummary | null>(null);
  const q = useLiveQuery('maintenance.calendar', { week, teamId });
  const c = q.data;
  const range = useMemo(() => {
    if (!c) return '';
    const f = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    return t('calendar.week', { from: f.format(new Date(`${c.days[0]}T00:00:00.000Z`)), to: f.format(new Date(`${c.days[6]}T00:00:00.000Z`)) });
  }, [c, i18n.language, t]);
  const teamLabel = (x: { name: string; nameZh: string | null }) => (lang === 'zh-CN' && x.nameZh ? x.nameZh : x.name);
  return (
    <Stack spacing={2}>
      <div>
        <Button component={RouterLink} to="/maintenance" size="small" startIcon={<ArrowBack />} sx={{ mb: 0.5 }}>
          {t('heading')}
        </Button>
        <Typography variant="h4" component="h1">
          {t('calendar.heading')}
        </Typography>
        <Typography color="text.secondary">{t('calendar.intro')}</Typography>
      </div>
      {q.loading && <Skeleton variant="rounded" height={240} />}
      {q.error && <Alert severity="error">{tc(`errors.${q.error.code}`)}</Alert>}
      {c && (
        <>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, flexWrap: 'wrap' }}>
            {c.teams.length > 0 && (c.can.assign || c.teams.length > 1) && (
              <TextField select size="small" label={t('calendar.team')} value={c.team?.id ?? ''} onChange={(e) => setTeamId(e.target.value)} sx={{ minWidth: 220 }} slotProps={{ htmlInput: { 'data-testid': 'calendar-team' } }}>
                {c.teams.map((x) => (
                  <MenuItem key={x.id} value={x.id}>
                    {teamLabel(x)}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <ButtonGroup variant="outlined" size="small" aria-label={range}>
              <Button onClick={() => setWeek(addDays(c.weekStart, -7))} startIcon={<ChevronLeft />} data-testid="week-previous">
                {t('calendar.previous')}
              </Button>
              <Button onClick={() => setWeek(null)} data-testid="week-this">
                {t('calendar.thisWeek')}
              </Button>
              <Button onClick={() => setWeek(addDays(c.weekStart, 7))} endIcon={<ChevronRight />} data-testid="week-next">
                {t('calendar.next')}
              </Button>
            </ButtonGroup>
            <Typography variant="h6" component="h2" aria-live="polite" data-testid="week-range">
              {c.team ? `${teamLabel(c.team)} · ${range}` : range}
            </Typography>
          </Stack>
          {c.team ? <WeekCalendar calendar={c} lang={lang} {...(c.can.assign ? { onAssign: setAssigning } : {})} /> : <Alert severity="info">{t('calendar.noTeam')}</Alert>}
        </>
      )}
      {assigning && <AssignDialog round={assigning} lang={lang} onClose={() => setAssigning(null)} />}
    </Stack>
  );
};
