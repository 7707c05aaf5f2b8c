import { Chip, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledgeInput, escalateInput, type AssigneeOption, type EscalationNotice, type TicketWorkDetail } from '../../../../../../shared/api/ticketWork';
import { ESCALATION_AXES, FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS } from '../../../../../../shared/schema/enums';
import { ActionDialog } from './ActionDialog';
import { AssigneePicker } from './AssignDialog';
import { SelectField, TextInput } from './fields';
import { useActionForm } from './useActionForm';

/** Escalate or de-escalate on one axis with a reason; the receiver defaults to the domain's choice. */
export const EscalateDialog = ({ ticket, open, onClose }: { ticket: TicketWorkDetail; open: boolean; onClose: () => void }) => {
  const { t, i18n } = useTranslation('ticketDetail');
  const [receiver, setReceiver] = useState<AssigneeOption | null>(null);
  const done = () => {
    setReceiver(null);
    onClose();
  };
  const { form, submit, close, pending, error } = useActionForm('ticketWork.escalate', escalateInput, { ticketId: ticket.id, axis: 'functional', reason: '' }, done);
  const axis = form.watch('axis');
  // A level of the other axis is no choice any more.
  useEffect(() => form.resetField('to'), [axis, form]);
  const current = axis === 'hierarchical' ? ticket.levels.management : ticket.levels.functional;
  const levels = (axis === 'hierarchical' ? MANAGEMENT_LEVELS : FUNCTIONAL_TARGETS).filter((l) => l !== current);
  const choose = (o: AssigneeOption) => {
    setReceiver(o);
    form.setValue('teamId', o.kind === 'team' ? o.id : (o.teamId ?? undefined));
    form.setValue('personId', o.kind === 'person' ? o.id : undefined);
  };
  const clear = () => {
    setReceiver(null);
    form.setValue('teamId', undefined);
    form.setValue('personId', undefined);
  };
  return (
    <ActionDialog open={open} title={t('dialog.escalateTitle')} testId="escalate-dialog" onClose={close} onSubmit={submit} pending={pending} error={error}>
      <SelectField control={form.control} name="axis" label={t('dialog.axis')} options={ESCALATION_AXES} optionLabel={(a) => t(`axis.${a}`)} testId="escalate-axis" />
      <SelectField
        control={form.control}
        name="to"
        label={t('dialog.targetLevel')}
        options={levels}
        optionLabel={(l) => t(`level.${l}`)}
        testId="escalate-to"
        helperText={t('dialog.current', { level: t(`level.${current}`) })}
      />
      <Stack spacing={1}>
        <Typography variant="subtitle2">{t('dialog.receiver')}</Typography>
        {receiver ? (
          <Chip label={i18n.language === 'zh-CN' && receiver.nameZh ? receiver.nameZh : receiver.name} onDelete={clear} data-testid="escalate-receiver" sx={{ alignSelf: 'flex-start' }} />
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('dialog.receiverDefault')}
          </Typography>
        )}
        <AssigneePicker onPick={choose} selectedId={receiver?.id ?? null} filter={(o) => (axis === 'hierarchical' ? o.kind === 'person' : true)} />
      </Stack>
      <TextInput control={form.control} name="reason" label={t('dialog.escalationReason')} testId="escalate-reason" multiline minRows={2} required />
    </ActionDialog>
  );
};

/** The receiver confirms an escalation, optionally with a note. */
export const AcknowledgeDialog = ({ ticket, notice, onClose }: { ticket: TicketWorkDetail; notice: EscalationNotice | null; onClose: () => void }) => {
  const { t } = useTranslation('ticketDetail');
  const { form, submit, close, pending, error } = useActionForm(
    'ticketWork.acknowledge',
    acknowledgeInput,
    { ticketId: ticket.id, escalationEventId: notice?.eventId ?? '', body: '' },
    onClose,
  );
  return (
    <ActionDialog open={notice !== null} title={t('dialog.acknowledgeTitle')} testId="acknowledge-dialog" onClose={close} onSubmit={submit} pending={pending} error={error} submitLabel={t('actions.acknowledge')}>
      {notice && <Typography>{t('escalationBanner', { level: t(`level.${notice.toLevel as 'L2'}`), reason: notice.reason })}</Typography>}
      <TextInput control={form.control} name="body" label={t('dialog.acknowledgeNote')} testId="acknowledge-note" multiline minRows={2} />
    </ActionDialog>
  );
};
