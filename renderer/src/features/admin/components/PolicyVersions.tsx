import { Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Policy } from '../../../../../shared/schema';
import type { PolicyAdminKind } from '../../../../../shared/sync/adminPolicies';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';

/**
 * Every saved version of a policy kind, newest first. A change never overwrites a version:
 * rolling back re-activates an earlier one (the server retires the one active in its scope).
 * A version saved for a later day waits on the server's schedule (asked again when the synced
 * versions change): it shows from when, and can be cancelled until then.
 */
export const PolicyVersions = ({ kind, versions, scopeOf }: { kind: PolicyAdminKind; versions: readonly Policy[]; scopeOf: (p: Policy) => string }) => {
  const { t, i18n } = useTranslation('admin');
  const rollback = useCommand('admin.policies.rollback', { errors: 'notify', success: () => t('policies.rolledBack') });
  const cancel = useCommand('admin.policies.cancelSchedule', { errors: 'notify', success: () => t('policies.scheduleCancelled') });
  const schedule = useLiveQuery('admin.policies.scheduled', { kind });
  const scheduled = new Map((schedule.data ?? []).map((s) => [s.policyId, s]));
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Stack spacing={1}>
      <Typography variant="h6" component="h2">
        {t('policies.versions')}
      </Typography>
      <Table size="small" data-testid="policy-versions">
        <TableHead>
          <TableRow>
            <TableCell>{t('policies.column.name')}</TableCell>
            <TableCell>{t('policies.column.scope')}</TableCell>
            <TableCell>{t('policies.column.saved')}</TableCell>
            <TableCell>{t('policies.column.status')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {versions.map((p) => {
            const waiting = p.active ? undefined : scheduled.get(p.id);
            return (
              <TableRow key={p.id} data-testid="policy-version">
                <TableCell>{p.name}</TableCell>
                <TableCell>{scopeOf(p)}</TableCell>
                <TableCell>{when(p.createdAt)}</TableCell>
                <TableCell>
                  {waiting ? (
                    <Chip size="small" color="info" variant="outlined" label={t('policies.scheduled', { date: waiting.effectiveFrom })} data-testid="policy-scheduled" />
                  ) : (
                    <Chip size="small" color={p.active ? 'success' : 'default'} label={p.active ? t('policies.active') : t('policies.inactive')} />
                  )}
                </TableCell>
                <TableCell align="right">
                  {waiting ? (
                    <Button
                      size="small"
                      disabled={cancel.pending}
                      aria-label={t('policies.cancelScheduleLabel', { date: waiting.effectiveFrom })}
                      onClick={() => void cancel.run({ id: p.id })}
                      data-testid="policy-cancel-schedule"
                    >
                      {t('policies.cancelSchedule')}
                    </Button>
                  ) : (
                    !p.active && (
                      <Button size="small" disabled={rollback.pending} onClick={() => void rollback.run({ id: p.id, change: {} })} data-testid="policy-rollback">
                        {t('policies.rollback')}
                      </Button>
                    )
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Stack>
  );
};
