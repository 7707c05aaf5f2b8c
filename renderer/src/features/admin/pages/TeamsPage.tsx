import { Alert, Button, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamRow } from '../../../../../shared/api/admin';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AdminFrame } from '../components/AdminFrame';
import { AdminTable } from '../components/AdminTable';
import { RowStatus } from '../components/RowStatus';
import { TeamDialog } from '../components/TeamDialog';

const Teams = () => {
  const { t } = useTranslation('admin');
  const teams = useLiveQuery('admin.teams', {});
  const people = useLiveQuery('admin.people', {});
  const [open, setOpen] = useState<{ team: TeamRow | null } | null>(null);
  const [refused, setRefused] = useState<boolean | number>(false);
  const retire = useCommand('admin.teams.update', { errors: 'inline' });
  const rows = teams.data ?? [];
  const cols = [
    'name',
    'level',
    'function',
    'region',
    'manager',
    'lead',
    'members',
    'status',
    'actions',
  ] as const;

  const setActive = async (team: TeamRow, active: boolean) => {
    const result = await retire.run({ id: team.id, change: { active } });
    // The server counts the team's open tickets; a team with any is not retired.
    const openTickets = result.ok ? undefined : result.error.fields?.find((f) => f.path === 'active');
    setRefused(openTickets ? (openTickets.code === 'open_tickets' && Number(openTickets.message) > 0 ? Number(openTickets.message) : true) : false);
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          {t('teams.intro')}
        </Typography>
        <Typography variant="body2" data-testid="teams-count">
          {t('teams.count', { count: rows.length })}
        </Typography>
        <Button variant="contained" onClick={() => setOpen({ team: null })} data-testid="team-add">
          {t('teams.add')}
        </Button>
      </Stack>
      {teams.error && !teams.data && <Alert severity="error">{t('loadFailed')}</Alert>}
      {refused && (
        <Alert severity="warning" onClose={() => setRefused(false)} data-testid="team-retire-refused">
          {typeof refused === 'number' ? t('teams.retireRefusedCount', { count: refused }) : t('teams.retireRefused')}
        </Alert>
      )}
      <AdminTable
        label={t('teams.heading')}
        headings={cols.map((c) => t(`teams.column.${c}`))}
        loading={teams.loading && !teams.data}
        empty={teams.data && rows.length === 0 ? t('teams.empty') : null}
      >
        {rows.map((team) => (
          <TableRow key={team.id} data-testid="team-row" data-name={team.name} hover>
            <TableCell>{team.name}</TableCell>
            <TableCell>{t(`level.${team.level ?? 'none'}`)}</TableCell>
            <TableCell>{t(`function.${team.function}`)}</TableCell>
            <TableCell>{team.region}</TableCell>
            <TableCell>{team.managerName ?? '—'}</TableCell>
            <TableCell>{team.leadName ?? '—'}</TableCell>
            <TableCell>{team.members}</TableCell>
            <TableCell>
              <RowStatus active={team.active} off="retired" />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <Button size="small" onClick={() => setOpen({ team })} data-testid="team-edit">
                {t('teams.edit')}
              </Button>
              <Button
                size="small"
                color={team.active ? 'error' : 'primary'}
                disabled={retire.pending}
                onClick={() => void setActive(team, !team.active)}
                data-testid="team-toggle"
              >
                {t(team.active ? 'teams.retire' : 'teams.reactivate')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </AdminTable>
      {open && <TeamDialog team={open.team} people={people.data ?? []} onClose={() => setOpen(null)} />}
    </Stack>
  );
};

/** `#/admin/teams`: support level, function, region, manager and lead of every team. */
export const TeamsPage = () => (
  <AdminFrame tab="teams">
    <Teams />
  </AdminFrame>
);
