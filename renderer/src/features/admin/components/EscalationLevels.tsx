import { Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PersonRow, TeamRow } from '../../../../../shared/api/admin';
import { FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS, type FunctionalTarget, type ManagementLevel } from '../../../../../shared/schema/enums';

const names = (list: readonly (string | null)[]): string => [...new Set(list.filter((n): n is string => !!n))].sort((a, b) => a.localeCompare(b)).join(', ');

/**
 * The two escalation axes as they stand: which active teams take each functional level (by
 * support level, or by function for spare parts and logistics) and who holds each
 * hierarchical level. Teams and people are edited on their own tabs.
 */
export const EscalationLevels = ({ teams, people }: { teams: readonly TeamRow[]; people: readonly PersonRow[] }) => {
  const { t } = useTranslation('admin');
  const active = teams.filter((team) => team.active);
  const functional = FUNCTIONAL_TARGETS.map((level) => ({
    level,
    who: names(active.filter((team) => (level === 'spare_parts' || level === 'logistics' ? team.function === level : team.level === level)).map((team) => team.name)),
  }));
  const titled = (title: PersonRow['title']) => people.filter((p) => p.active && p.title === title).map((p) => p.displayName);
  const hierarchical = MANAGEMENT_LEVELS.map((level) => ({
    level,
    who:
      level === 'assignee'
        ? t('escalation.assigneeHolder')
        : level === 'team_lead'
          ? names([...active.map((team) => team.leadName), ...titled('team_lead')])
          : level === 'service_manager'
            ? names([...active.map((team) => team.managerName), ...titled('service_manager')])
            : names(titled('regional_director')),
  }));
  const axis = (key: 'functional' | 'hierarchical', rows: { level: FunctionalTarget | ManagementLevel; who: string }[]) => (
    <Paper variant="outlined" sx={{ flex: 1, p: 1.5 }}>
      <Typography variant="subtitle1" component="h3">
        {t(`escalation.axis.${key}`)}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t(`escalation.axisIntro.${key}`)}
      </Typography>
      <Table size="small" data-testid={`escalation-levels-${key}`}>
        <TableHead>
          <TableRow>
            <TableCell>{t('escalation.column.level')}</TableCell>
            <TableCell>{t(key === 'functional' ? 'escalation.column.teams' : 'escalation.column.people')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.level} data-testid={`escalation-level-${r.level}`}>
              <TableCell component="th">{t(`escalation.to.${r.level}`)}</TableCell>
              <TableCell sx={{ color: r.who ? undefined : 'warning.main' }}>{r.who || t('escalation.nobody')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
  return (
    <Stack spacing={1}>
      <Typography variant="h6" component="h2">
        {t('escalation.levels')}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        {axis('functional', functional)}
        {axis('hierarchical', hierarchical)}
      </Stack>
    </Stack>
  );
};
