import { Alert, Button, Chip, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonRow } from '../../../../../shared/api/admin';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AdminFrame } from '../components/AdminFrame';
import { AdminTable } from '../components/AdminTable';
import { ManagerTree } from '../components/ManagerTree';
import { PersonDialog } from '../components/PersonDialog';
import { ResetPasswordDialog } from '../components/ResetPasswordDialog';
import { RowStatus } from '../components/RowStatus';

type Open =
  { kind: 'create' } | { kind: 'edit'; person: PersonRow } | { kind: 'reset'; person: PersonRow } | null;

const People = () => {
  const { t } = useTranslation('admin');
  const people = useLiveQuery('admin.people', {});
  const teams = useLiveQuery('admin.teams', {});
  const [open, setOpen] = useState<Open>(null);
  const toggle = useCommand('admin.people.update', {
    success: (u) => t(u.active ? 'people.enabled' : 'people.disabled', { name: u.displayName }),
  });
  const rows = people.data ?? [];
  const cols = ['name', 'username', 'roles', 'team', 'manager', 'region', 'status', 'actions'] as const;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          {t('people.intro')}
        </Typography>
        <Typography variant="body2" data-testid="people-count">
          {t('people.count', { count: rows.length })}
        </Typography>
        <Button variant="contained" onClick={() => setOpen({ kind: 'create' })} data-testid="person-add">
          {t('people.add')}
        </Button>
      </Stack>
      {people.error && !people.data && <Alert severity="error">{t('loadFailed')}</Alert>}
      <AdminTable
        label={t('people.heading')}
        headings={cols.map((c) => t(`people.column.${c}`))}
        loading={people.loading && !people.data}
        empty={people.data && rows.length === 0 ? t('people.empty') : null}
      >
        {rows.map((p) => (
          <TableRow key={p.id} data-testid="person-row" data-username={p.username} hover>
            <TableCell>{p.displayName}</TableCell>
            <TableCell>{p.username}</TableCell>
            <TableCell>
              <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                {p.roles.map((r) => (
                  <Chip key={r} size="small" label={t(`role.${r}`)} />
                ))}
              </Stack>
            </TableCell>
            <TableCell>{p.teamName ?? '—'}</TableCell>
            <TableCell>{p.managerName ?? '—'}</TableCell>
            <TableCell>{p.region}</TableCell>
            <TableCell>
              <RowStatus active={p.active} off="disabled" />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <Button
                size="small"
                onClick={() => setOpen({ kind: 'edit', person: p })}
                data-testid="person-edit"
              >
                {t('people.edit')}
              </Button>
              <Button
                size="small"
                onClick={() => setOpen({ kind: 'reset', person: p })}
                data-testid="person-reset"
              >
                {t('people.resetPassword')}
              </Button>
              <Button
                size="small"
                color={p.active ? 'error' : 'primary'}
                disabled={toggle.pending}
                onClick={() => void toggle.run({ id: p.id, change: { active: !p.active } })}
                data-testid="person-toggle"
              >
                {t(p.active ? 'people.disable' : 'people.enable')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </AdminTable>
      {rows.length > 0 && <ManagerTree people={rows} />}
      {(open?.kind === 'create' || open?.kind === 'edit') && (
        <PersonDialog
          person={open.kind === 'edit' ? open.person : null}
          people={rows}
          teams={teams.data ?? []}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'reset' && <ResetPasswordDialog person={open.person} onClose={() => setOpen(null)} />}
    </Stack>
  );
};

/** `#/admin/people`: sign-ins, roles, teams and the manager chain. */
export const PeoplePage = () => (
  <AdminFrame tab="people">
    <People />
  </AdminFrame>
);
