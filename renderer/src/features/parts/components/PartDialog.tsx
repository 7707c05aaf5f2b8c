import { useTranslation } from 'react-i18next';
import { savePartInput, type PartView } from '../../../../../shared/api/parts';
import { FormDialog } from './FormDialog';
import { Check, Select, Text } from './fields';
import { useFormCommand } from './useFormCommand';

/** Creates or edits a catalogue part (managers and admins). */
export const PartDialog = (props: { part: PartView | null; suppliers: { id: string; name: string }[]; onClose: () => void }) => {
  const { t } = useTranslation('parts');
  const p = props.part;
  const { form, submit, close, pending, error } = useFormCommand(
    'parts.save',
    savePartInput,
    p
      ? { id: p.id, partNumber: p.partNumber, nameEn: p.nameEn, nameZh: p.nameZh, serialised: p.serialised, unit: p.unit, supplierId: p.supplierId, productLine: p.productLine, retired: p.retired }
      : { partNumber: '', nameEn: '', nameZh: '', serialised: false, unit: 'pc', supplierId: '', productLine: '', retired: false },
    props.onClose,
    t('catalogue.saved'),
  );
  return (
    <FormDialog title={p ? t('catalogue.dialogTitleEdit', { number: p.partNumber }) : t('catalogue.dialogTitleNew')} testId="part-form" onClose={close} onSubmit={submit} pending={pending} error={error} submitLabel={t('catalogue.save')} cancelLabel={t('catalogue.cancel')}>
      <Text control={form.control} name="partNumber" label={t('catalogue.fields.partNumber')} testId="part-number" required autoFocus />
      <Text control={form.control} name="nameEn" label={t('catalogue.fields.nameEn')} testId="part-name-en" required />
      <Text control={form.control} name="nameZh" label={t('catalogue.fields.nameZh')} testId="part-name-zh" required />
      <Check control={form.control} name="serialised" label={t('catalogue.fields.serialised')} testId="part-serialised" />
      <Text control={form.control} name="unit" label={t('catalogue.fields.unit')} testId="part-unit" required />
      <Select control={form.control} name="supplierId" label={t('catalogue.fields.supplier')} testId="part-supplier" options={[{ value: '', label: t('catalogue.fields.none') }, ...props.suppliers.map((s) => ({ value: s.id, label: s.name }))]} />
      <Text control={form.control} name="productLine" label={t('catalogue.fields.productLine')} testId="part-product-line" />
      <Check control={form.control} name="retired" label={t('catalogue.fields.retired')} testId="part-retired" />
    </FormDialog>
  );
};
