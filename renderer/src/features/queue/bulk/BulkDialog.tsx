import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { boardColumns, bulkAction, type BulkAction, type BulkKind } from '../../../../../shared/api/board';
import { ESCALATION_AXES, PENDING_REASONS, TICKET_STATUSES } from '../../../../../shared/schema/enums';
import { useLiveQuery } from '../../../data/useLiveQuery';

const defaults: Record<BulkKind, BulkAction> = {
  assign: { kind: 'assign', teamId: '', assigneeId: '' },
  transition: { kind: 'transition', to: '' as never },
  escalate: { kind: 'escalate', axis: 'functional', to: '' as never, reason: '' },
};

type Fields = { kind: BulkKind; teamId?: string; assigneeId?: string; to?: string; pendingReason?: string; axis?: string; reason?: string };

/**
 * What to do to the selected tickets, checked with the same schema main decodes; its title and
 * button say how many tickets will change, so confirming is one deliberate step.
 */
export const BulkDialog = ({ kind, count, pending, onCancel, onConfirm }: { kind: BulkKind; count: number; pending: boolean; onCancel: () => void; onConfirm: (action: BulkAction) => void }) => {
  const { t, i18n } = useTranslation('bulk');
  const { t: tc } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const form = useForm<Fields>({ resolver: zodResolver(bulkAction) as never, defaultValues: defaults[kind] as Fields });
  const { errors } = form.formState;
  const message = (key: string | undefined) => (key ? t(key as 'validation.levelRequired') : undefined);
  const values = form.watch();
  const assignees = useLiveQuery('ticketWork.assignees', { query: '' });
  const target = values.assigneeId ? `person:${values.assigneeId}` : values.teamId ? `team:${values.teamId}` : '';

  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm" aria-labelledby="bulk-dialog-title">
      <form noValidate onSubmit={(e) => void form.handleSubmit((v) => onConfirm(v as BulkAction))(e)}>
        <DialogTitle id="bulk-dialog-title">{t(kind === 'assign' ? 'assign.title' : kind === 'transition' ? 'status.title' : 'escalate.title', { count })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {kind === 'assign' && (
              <TextField
                select
                label={t('assign.to')}
                value={target}
                error={!!errors.teamId}
                helperText={message(errors.teamId?.message)}
                slotProps={{ htmlInput: { 'data-testid': 'bulk-assign-to' } }}
                onChange={(e) => {
                  const option = assignees.data?.find((o) => `${o.kind}:${o.id}` === e.target.value);
                  form.setValue('teamId', option?.teamId ?? '', { shouldValidate: form.formState.isSubmitted });
                  form.setValue('assigneeId', option?.kind === 'person' ? option.id : '');
                }}
              >
                {(assignees.data ?? [])
                  .filter((o) => o.teamId)
                  .map((o) => (
                    <MenuItem key={`${o.kind}:${o.id}`} value={`${o.kind}:${o.id}`}>
                      {t(o.kind === 'team' ? 'assign.team' : 'assign.person', { name: zh && o.nameZh ? o.nameZh : o.name, open: String(o.openTickets) })}
                    </MenuItem>
                  ))}
              </TextField>
            )}
            {kind === 'transition' && (
              <>
                <Controller
                  name="to"
                  control={form.control}
                  render={({ field, fieldState }) => (
                    <TextField select label={t('status.to')} {...field} value={field.value ?? ''} error={!!fieldState.error} helperText={message(fieldState.error?.message)} data-testid="bulk-status-to">
                      {TICKET_STATUSES.filter((s) => s !== 'new').map((s) => (
                        <MenuItem key={s} value={s}>
                          {t(`statusName.${s}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                  )}
                />
                {values.to === 'pending' && (
                  <Controller
                    name="pendingReason"
                    control={form.control}
                    render={({ field, fieldState }) => (
                      <TextField select label={t('status.pendingReason')} {...field} value={field.value ?? ''} error={!!fieldState.error} helperText={message(fieldState.error?.message)}>
                        {PENDING_REASONS.map((r) => (
                          <MenuItem key={r} value={r}>
                            {t(`pending.${r}`)}
                          </MenuItem>
                        ))}
                      </TextField>
                    )}
                  />
                )}
              </>
            )}
            {kind === 'escalate' && (
              <>
                <Controller
                  name="axis"
                  control={form.control}
                  render={({ field }) => (
                    <TextField select label={t('escalate.axis')} {...field} onChange={(e) => { field.onChange(e); form.setValue('to', ''); }}>
                      {ESCALATION_AXES.map((a) => (
                        <MenuItem key={a} value={a}>
                          {t(`axis.${a}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                  )}
                />
                <Controller
                  name="to"
                  control={form.control}
                  render={({ field, fieldState }) => (
                    <TextField select label={t('escalate.to')} {...field} value={field.value ?? ''} error={!!fieldState.error} helperText={message(fieldState.error?.message)} data-testid="bulk-escalate-to">
                      {boardColumns[(values.axis as 'functional' | 'hierarchical') ?? 'functional'].map((l) => (
                        <MenuItem key={l} value={l}>
                          {tc(`escalationLevels.${l}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                  )}
                />
                <TextField
                  {...form.register('reason')}
                  label={t('escalate.reason')}
                  multiline
                  minRows={2}
                  error={!!errors.reason}
                  helperText={message(errors.reason?.message) ?? t('escalate.reasonHelp')}
                  slotProps={{ htmlInput: { 'data-testid': 'bulk-reason' } }}
                />
              </>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={pending} data-testid="bulk-confirm">
            {t('confirm', { count })}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
