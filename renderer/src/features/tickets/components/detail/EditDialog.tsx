import { Checkbox, FormControlLabel, Stack } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { editTicketInput, type EditableTicketField, type EditTicketInput, type TicketWorkDetail } from '../../../../../../shared/api/ticketWork';
import { PRIORITIES, SEVERITIES, TICKET_TYPES } from '../../../../../../shared/schema/enums';
import { useCommand } from '../../../../data/useCommand';
import { ActionDialog } from './ActionDialog';
import { SelectField, TextInput } from './fields';
import { useErrorText } from './useActionForm';

interface Values {
  title: string;
  description: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  severity: TicketWorkDetail['severity'];
  priority: TicketWorkDetail['priority'];
  type: TicketWorkDetail['type'];
  problemReport: boolean;
  productLine: string;
  reason: string;
}

const valuesOf = (t: TicketWorkDetail): Values => ({
  title: t.title,
  description: t.description,
  contactName: t.contact.name,
  contactPhone: t.contact.phone ?? '',
  contactEmail: t.contact.email ?? '',
  severity: t.severity,
  priority: t.priority,
  type: t.type,
  problemReport: t.problemReport,
  productLine: t.productLine,
  reason: '',
});

/** Where an issue of the shared input schema shows on this form. */
const fieldOf = (path: PropertyKey[]): keyof Values => {
  const [head, field, sub] = path.map(String);
  if (head === 'reason') return 'reason';
  if (field === 'contact') return sub === 'phone' ? 'contactPhone' : sub === 'email' ? 'contactEmail' : 'contactName';
  return (field ?? 'title') as keyof Values;
};

/** The ticket's fields; a field the user's role may not change is read-only with the reason beside it. */
export const EditDialog = ({ ticket, open, onClose }: { ticket: TicketWorkDetail; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation('ticketDetail');
  const edit = useCommand('ticketWork.edit', { errors: 'inline' });
  const errorText = useErrorText();
  const form = useForm<Values>({ values: valuesOf(ticket) });
  const severity = form.watch('severity');
  const locked = (field: EditableTicketField) => {
    const access = ticket.fields[field];
    return access.editable ? {} : { disabled: true, helperText: t(`readOnly.${access.reason}`) };
  };
  const close = () => {
    edit.reset();
    form.reset(valuesOf(ticket));
    onClose();
  };
  const submit = form.handleSubmit(async (v) => {
    const base = valuesOf(ticket);
    const changes: EditTicketInput['changes'] = {};
    if (v.title !== base.title) changes.title = v.title;
    if (v.description !== base.description) changes.description = v.description;
    if (v.contactName !== base.contactName || v.contactPhone !== base.contactPhone || v.contactEmail !== base.contactEmail)
      changes.contact = { name: v.contactName, ...(v.contactPhone.trim() ? { phone: v.contactPhone } : {}), ...(v.contactEmail.trim() ? { email: v.contactEmail } : {}) };
    if (v.severity !== base.severity) changes.severity = v.severity;
    if (v.priority !== base.priority) changes.priority = v.priority;
    if (v.type !== base.type) changes.type = v.type;
    if (v.problemReport !== base.problemReport) changes.problemReport = v.problemReport;
    if (v.productLine !== base.productLine) changes.productLine = v.productLine;
    if (Object.keys(changes).length === 0) return close();
    const input = { ticketId: ticket.id, changes, ...(v.reason.trim() ? { reason: v.reason } : {}) };
    const parsed = editTicketInput.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) form.setError(fieldOf(issue.path), { message: issue.message });
      return;
    }
    const result = await edit.run(input);
    if (result.ok) close();
  });
  return (
    <ActionDialog open={open} title={t('dialog.editTitle')} testId="edit-dialog" onClose={close} onSubmit={submit} pending={edit.pending} error={errorText(edit.error)}>
      <TextInput control={form.control} name="title" label={t('field.title')} testId="edit-title" required {...locked('title')} />
      <TextInput control={form.control} name="description" label={t('field.description')} testId="edit-description" multiline minRows={3} {...locked('description')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextInput control={form.control} name="contactName" label={t('field.contactName')} testId="edit-contact-name" required {...locked('contact')} />
        <TextInput control={form.control} name="contactPhone" label={t('field.contactPhone')} testId="edit-contact-phone" {...locked('contact')} />
        <TextInput control={form.control} name="contactEmail" label={t('field.contactEmail')} testId="edit-contact-email" {...locked('contact')} />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <SelectField control={form.control} name="severity" label={t('field.severity')} options={SEVERITIES} optionLabel={(s) => t(`severity.${s}`)} testId="edit-severity" {...locked('severity')} />
        <SelectField control={form.control} name="priority" label={t('field.priority')} options={PRIORITIES} optionLabel={(p) => p} testId="edit-priority" {...locked('priority')} />
        <SelectField control={form.control} name="type" label={t('field.type')} options={TICKET_TYPES} optionLabel={(x) => t(`type.${x}`)} testId="edit-type" {...locked('type')} />
      </Stack>
      {severity !== ticket.severity && <TextInput control={form.control} name="reason" label={t('dialog.severityReason')} testId="edit-reason" required multiline minRows={2} />}
      <TextInput control={form.control} name="productLine" label={t('field.productLine')} testId="edit-product-line" {...locked('productLine')} />
      <Controller
        name="problemReport"
        control={form.control}
        render={({ field }) => (
          <FormControlLabel
            control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} disabled={!ticket.fields.problemReport.editable} />}
            label={t('field.problemReport')}
          />
        )}
      />
    </ActionDialog>
  );
};
