import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel } from '@mui/material';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { saveSupplierInput, type SupplierSummary } from '../../../../../shared/api/parts';
import { SUPPLIER_KINDS } from '../../../../../shared/schema/records/parts';
import { FormDialog } from './FormDialog';
import { Check, Text, useFieldText } from './fields';
import { useFormCommand } from './useFormCommand';

/** Creates or edits a supplier (managers and admins). */
export const SupplierDialog = (props: { supplier: SupplierSummary | null; onClose: () => void }) => {
  const { t } = useTranslation('parts');
  const text = useFieldText();
  const s = props.supplier;
  const { form, submit, close, pending, error } = useFormCommand(
    'suppliers.save',
    saveSupplierInput,
    s
      ? { id: s.id, name: s.name, nameZh: s.nameZh, kinds: s.kinds, contact: s.contact, phone: s.phone, email: s.email, note: s.note, active: s.active }
      : { name: '', nameZh: '', kinds: ['parts'], contact: '', phone: '', email: '', note: '', active: true },
    props.onClose,
    t('suppliers.saved'),
  );
  return (
    <FormDialog title={s ? t('suppliers.dialogTitleEdit') : t('suppliers.dialogTitleNew')} testId="supplier-form" onClose={close} onSubmit={submit} pending={pending} error={error} submitLabel={t('suppliers.save')} cancelLabel={t('suppliers.cancel')}>
      <Text control={form.control} name="name" label={t('suppliers.fields.name')} testId="supplier-name" required autoFocus />
      <Text control={form.control} name="nameZh" label={t('suppliers.fields.nameZh')} testId="supplier-name-zh" />
      <Controller
        name="kinds"
        control={form.control}
        render={({ field, fieldState }) => (
          <FormControl error={!!fieldState.error} component="fieldset">
            <FormLabel component="legend">{t('suppliers.fields.kinds')}</FormLabel>
            <FormGroup row>
              {SUPPLIER_KINDS.map((k) => (
                <FormControlLabel
                  key={k}
                  label={t(`suppliers.kinds.${k}`)}
                  control={
                    <Checkbox
                      checked={(field.value ?? []).includes(k)}
                      onChange={(e) => field.onChange(e.target.checked ? [...(field.value ?? []), k] : (field.value ?? []).filter((x) => x !== k))}
                      slotProps={{ input: { 'data-testid': `supplier-kind-${k}` } as object }}
                    />
                  }
                />
              ))}
            </FormGroup>
            {fieldState.error && <FormHelperText>{text(fieldState.error.message)}</FormHelperText>}
          </FormControl>
        )}
      />
      <Text control={form.control} name="contact" label={t('suppliers.fields.contact')} testId="supplier-contact" />
      <Text control={form.control} name="phone" label={t('suppliers.fields.phone')} testId="supplier-phone" />
      <Text control={form.control} name="email" label={t('suppliers.fields.email')} testId="supplier-email" />
      <Text control={form.control} name="note" label={t('suppliers.fields.note')} testId="supplier-note" multiline minRows={2} />
      <Check control={form.control} name="active" label={t('suppliers.fields.active')} testId="supplier-active" />
    </FormDialog>
  );
};
