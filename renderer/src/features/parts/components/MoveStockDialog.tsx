import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { moveStockInput, type StockLine } from '../../../../../shared/api/parts';
import { FormDialog } from './FormDialog';
import { Select, Text } from './fields';
import { usePartName } from './names';
import { useFormCommand } from './useFormCommand';

/**
 * Stock moved by hand. A manager issues stock to a technician (or moves it either way); a
 * technician sends a defective unit from the van back to its supplier.
 */
export const MoveStockDialog = (props: { holder: { id: string; name: string }; mode: 'issue' | 'sendBack'; parts: { id: string; partNumber: string; nameEn: string; nameZh: string }[]; stock: StockLine[]; onClose: () => void }) => {
  const { t } = useTranslation('parts');
  const name = usePartName();
  const issuing = props.mode === 'issue';
  const { form, submit, close, pending, error } = useFormCommand(
    'parts.move',
    moveStockInput,
    { holderId: props.holder.id, partId: '', reason: issuing ? 'issue' : 'defective_return', direction: issuing ? 'in' : 'out', quantity: 1, serial: '', note: '' },
    props.onClose,
    t('move.done'),
  );
  const reason = useWatch({ control: form.control, name: 'reason' });
  const onHand = new Map(props.stock.map((l) => [l.partId, l.onHand]));
  const options = (issuing ? props.parts : props.parts.filter((p) => (onHand.get(p.id) ?? 0) > 0)).map((p) => ({ value: p.id, label: `${p.partNumber} · ${name(p)} (${onHand.get(p.id) ?? 0})` }));
  return (
    <FormDialog title={issuing ? t('move.issueTitle', { name: props.holder.name }) : t('move.sendBackTitle')} testId="move-stock" onClose={close} onSubmit={submit} pending={pending} error={error} submitLabel={t('move.submit')} cancelLabel={t('form.cancel')}>
      <Select control={form.control} name="partId" label={t('form.part')} testId="move-part" placeholder="—" options={options} />
      {issuing && (
        <Select control={form.control} name="reason" label={t('move.reason')} testId="move-reason" options={(['issue', 'transfer', 'adjust'] as const).map((r) => ({ value: r, label: t(`reason.${r}`) }))} />
      )}
      {issuing && reason !== 'issue' && (
        <Select control={form.control} name="direction" label={t('move.direction')} testId="move-direction" options={(['in', 'out'] as const).map((d) => ({ value: d, label: t(`move.${d}`) }))} />
      )}
      <Text control={form.control} name="quantity" type="number" label={t('form.quantity')} testId="move-quantity" required />
      <Text control={form.control} name="serial" label={t('move.serial')} testId="move-serial" />
      <Text control={form.control} name="note" label={t('form.note')} testId="move-note" />
    </FormDialog>
  );
};
