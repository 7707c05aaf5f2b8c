import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { reopenInput, resolveInput, resolutionOutcomes, transitionInput, type TicketWorkDetail } from '../../../../../../shared/api/ticketWork';
import { CAUSE_CATEGORIES, PENDING_REASONS, type TicketStatus } from '../../../../../../shared/schema/enums';
import { useFormat } from '../../../../i18n/format';
import { ActionDialog } from './ActionDialog';
import { SelectField, TextInput } from './fields';
import { useActionForm } from './useActionForm';

interface Props {
  ticket: TicketWorkDetail;
  open: boolean;
  onClose: () => void;
}

/** Statuses reached through their own dialogs: resolve (restore or fix) and reopen. */
const OWN_DIALOG: readonly TicketStatus[] = ['restored', 'resolved'];

/** Moves the ticket along its lifecycle; pending asks what it waits for. */
export const StatusDialog = ({ ticket, open, onClose }: Props) => {
  const { t } = useTranslation('ticketDetail');
  const isReopen = ticket.status === 'resolved' || ticket.status === 'closed';
  const options = ticket.transitions.filter((s) => !OWN_DIALOG.includes(s) && !(isReopen && s === 'in_progress'));
  const { form, submit, close, pending, error } = useActionForm('ticketWork.transition', transitionInput, { ticketId: ticket.id, reason: '' }, onClose);
  const to = form.watch('to');
  return (
    <ActionDialog open={open} title={t('dialog.statusTitle')} testId="status-dialog" onClose={close} onSubmit={submit} pending={pending} error={error}>
      {options.length === 0 ? (
        <Typography>{t('dialog.noTransitions')}</Typography>
      ) : (
        <SelectField control={form.control} name="to" label={t('dialog.newStatus')} options={options} optionLabel={(s) => t(`status.${s}`)} testId="status-to" />
      )}
      {to === 'pending' && (
        <SelectField control={form.control} name="pendingReason" label={t('dialog.pendingReason')} options={PENDING_REASONS} optionLabel={(r) => t(`pendingReason.${r}`)} testId="status-pending-reason" />
      )}
      <TextInput control={form.control} name="reason" label={t('dialog.statusReason')} testId="status-reason" multiline minRows={2} />
    </ActionDialog>
  );
};

/** Service restored or the cause fixed, with the root cause category and what was done. */
export const ResolveDialog = ({ ticket, open, onClose }: Props) => {
  const { t } = useTranslation('ticketDetail');
  const { form, submit, close, pending, error } = useActionForm('ticketWork.resolve', resolveInput, { ticketId: ticket.id, summary: '', ...(ticket.cause ? { cause: ticket.cause } : {}) }, onClose);
  const outcomes = resolutionOutcomes.filter((o) => ticket.transitions.includes(o === 'fixed' ? 'resolved' : 'restored'));
  return (
    <ActionDialog open={open} title={t('dialog.resolveTitle')} testId="resolve-dialog" onClose={close} onSubmit={submit} pending={pending} error={error}>
      <SelectField
        control={form.control}
        name="outcome"
        label={t('dialog.outcome')}
        options={outcomes}
        optionLabel={(o) => (o === 'fixed' ? t('dialog.outcomeFixed') : t('dialog.outcomeRestored'))}
        testId="resolve-outcome"
      />
      <SelectField control={form.control} name="cause" label={t('dialog.cause')} options={CAUSE_CATEGORIES} optionLabel={(c) => t(`cause.${c}`)} testId="resolve-cause" />
      <TextInput control={form.control} name="summary" label={t('dialog.summary')} testId="resolve-summary" multiline minRows={3} required />
    </ActionDialog>
  );
};

/** Reopens a resolved or closed ticket while the window is open, with a reason. */
export const ReopenDialog = ({ ticket, open, onClose }: Props) => {
  const { t } = useTranslation('ticketDetail');
  const format = useFormat();
  const { form, submit, close, pending, error } = useActionForm('ticketWork.reopen', reopenInput, { ticketId: ticket.id, reason: '' }, onClose);
  return (
    <ActionDialog open={open} title={t('dialog.reopenTitle')} testId="reopen-dialog" onClose={close} onSubmit={submit} pending={pending} error={error}>
      {ticket.reopenUntil && <Typography>{t('dialog.reopenUntil', { time: format.dateTime(ticket.reopenUntil) })}</Typography>}
      <TextInput control={form.control} name="reason" label={t('dialog.reopenReason')} testId="reopen-reason" multiline minRows={2} required autoFocus />
    </ActionDialog>
  );
};
