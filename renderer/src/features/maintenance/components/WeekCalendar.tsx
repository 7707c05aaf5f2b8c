import { Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundSummary } from '../../../../../shared/api/maintenance';
import type { CalendarPerson, MaintenanceCalendar } from '../../../../../shared/api/maintenanceCalendar';
import type { Lang } from './ReadingField';
import { RoundChip } from './RoundChip';

/** Day names and dates in the app's language; days are calendar days, so formatted in UTC. */
const useDayLabels = (days: readonly string[]) => {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const weekday = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' });
    const date = new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
    const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' });
    return days.map((d) => {
      const at = new Date(`${d}T00:00:00.000Z`);
      return { day: d, weekday: weekday.format(at), date: date.format(at), full: full.format(at) };
    });
  }, [days, i18n.language]);
};

/** A line between the days, so a row's chips read as being on their day. */
const DAY_EDGE = { borderLeft: 1, borderLeftColor: 'divider' } as const;

export const personName = (p: CalendarPerson, lang: Lang): string => (lang === 'zh-CN' && p.nameZh ? p.nameZh : p.name);

/**
 * A week of one team's rounds: a row for the team as a whole, one per technician, and a
 * column per day from Monday. Each round is a chip linking to the round page; a round not
 * signed off yet also has a menu to assign it, for those who may.
 */
export const WeekCalendar = ({ calendar, lang, onAssign }: { calendar: MaintenanceCalendar; lang: Lang; onAssign?: (round: RoundSummary) => void }) => {
  const { t } = useTranslation('maintenance');
  const labels = useDayLabels(calendar.days);
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" sx={{ tableLayout: 'fixed', minWidth: 960 }} data-testid="week-calendar">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col" sx={{ width: 150 }}>
              {t('calendar.who')}
            </TableCell>
            {labels.map((l) => {
              const today = l.day === calendar.today;
              return (
                <TableCell key={l.day} component="th" scope="col" aria-label={today ? `${l.full} (${t('calendar.today')})` : l.full} sx={{ ...DAY_EDGE, ...(today ? { bgcolor: 'action.selected' } : {}) }} data-testid={`day-${l.day}`}>
                  <Typography variant="subtitle2" component="span" sx={{ display: 'block' }}>
                    {l.weekday}
                  </Typography>
                  <Typography variant="caption" color={today ? 'primary' : 'text.secondary'} sx={{ fontWeight: today ? 700 : undefined }}>
                    {l.date}
                    {today ? ` · ${t('calendar.today')}` : ''}
                  </Typography>
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {calendar.rows.map((row) => {
            const key = row.person?.id ?? 'team';
            return (
              <TableRow key={key} data-testid={`row-${key}`} sx={row.person ? undefined : { bgcolor: 'action.hover' }}>
                <TableCell component="th" scope="row" sx={{ verticalAlign: 'top' }}>
                  <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                    {row.person ? personName(row.person, lang) : t('calendar.wholeTeam')}
                  </Typography>
                  {row.outside && (
                    <Typography variant="caption" color="warning.main" component="div">
                      {t('calendar.outside')}
                    </Typography>
                  )}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {t('calendar.rounds', { count: row.rounds.length })}
                  </Typography>
                </TableCell>
                {calendar.days.map((day) => (
                  <TableCell key={day} sx={{ ...DAY_EDGE, verticalAlign: 'top', px: 0.75, bgcolor: day === calendar.today ? 'action.selected' : undefined }} data-testid={`cell-${key}-${day}`}>
                    <Stack spacing={0.75}>
                      {row.rounds
                        .filter((r) => r.dueDate === day)
                        .map((r) => (
                          <RoundChip key={r.id} round={r} {...(onAssign && r.status !== 'done' ? { onAssign } : {})} />
                        ))}
                    </Stack>
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
