import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, Stack } from '@mui/material';
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { bookPartInput, PART_ACTIONS, type PartView } from '../../../../../shared/api/parts';
import { PART_SOURCES } from '../../../../../shared/schema/records/parts';
import { useCommand } from '../../../data/useCommand';
import { Check, Select, Text, useErrorText } from './fields';
import { usePartName } from './names';

type FormIn = z.input<typeof bookPartInput>;
type FormOut = z.output<typeof bookPartInput>;

export interface BookPartDialogProps {
  ticketId: string;
  parts: PartView[];
  open: boolean;
  onClose: () => void;
}

/**
 * Books a part on a ticket: fitted (with the serial that went in, the serial that came out and
 * whether that one is defective) or brought back unused. A part the technician does not carry
 * needs another source and a reason; the core judges the stock again and says why it refuses.
 */
export const BookPartDialog = ({ ticketId, parts, open, onClose }: BookPartDialogProps) => {
  const { t } = useTranslation('parts');
  const name = usePartName();
  const errorText = useErrorText();
  const book = useCommand('parts.book', { errors: 'inline', success: () => t('form.booked') });
  const defaults: FormIn = { ticketId, partId: '', action: 'used', quantity: 1, serialIn: '', serialOut: '', defective: false, source: 'van', sourceNote: '', note: '' };
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(bookPartInput) as unknown as Resolver<FormIn, unknown, FormOut>, defaultValues: defaults });
  const [partId, action, source, quantity] = useWatch({ control: form.control, name: ['partId', 'action', 'source', 'quantity'] });
  const part = parts.find((p) => p.id === partId);
  const used = action === 'used';
  const short = used && source === 'van' && part !== undefined && part.onHand < (Number.isFinite(quantity) ? (quantity ?? 1) : 1);
  const close = () => {
    book.reset();
    form.reset(defaults);
    onClose();
  };
  const submit = form.handleSubmit(async (values) => {
    // Fields that do not apply to the chosen action are not sent.
    const input = used ? values : { ...values, serialOut: '', defective: false, source: 'van' as const, sourceNote: '' };
    const result = await book.run(input);
    if (result.ok) close();
  });
  const error = errorText(book.error);
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="book-part-title" slotProps={{ paper: { component: 'form', onSubmit: (e: React.FormEvent) => void submit(e), noValidate: true, 'data-testid': 'book-part' } as object }}>
      <DialogTitle id="book-part-title">{t('form.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Select
            control={form.control}
            name="partId"
            label={t('form.part')}
            testId="book-part-select"
            placeholder="—"
            options={parts.filter((p) => !p.retired || p.onHand > 0).map((p) => ({ value: p.id, label: t('form.partOption', { number: p.partNumber, name: name(p), count: p.onHand }) }))}
            helperText={part ? t('form.onHand', { count: part.onHand }) : undefined}
          />
          <Controller
            name="action"
            control={form.control}
            render={({ field }) => (
              <RadioGroup row aria-label={t('form.action')} value={field.value} onChange={(e) => field.onChange(e.target.value)}>
                {PART_ACTIONS.map((a) => (
                  <FormControlLabel key={a} value={a} control={<Radio slotProps={{ input: { 'data-testid': `book-action-${a}` } as object }} />} label={t(`action.${a}`)} />
                ))}
              </RadioGroup>
            )}
          />
          <Text control={form.control} name="quantity" type="number" label={t('form.quantity')} testId="book-quantity" required />
          <Text control={form.control} name="serialIn" label={used ? t('form.serialIn') : t('form.serialInReturned')} testId="book-serial-in" required={part?.serialised} />
          {used && <Text control={form.control} name="serialOut" label={t('form.serialOut')} testId="book-serial-out" />}
          {used && <Check control={form.control} name="defective" label={t('form.defective')} testId="book-defective" />}
          {used && (
            <Select control={form.control} name="source" label={t('form.source')} testId="book-source" options={PART_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))} />
          )}
          {short && (
            <Alert severity="info" data-testid="book-not-carried">
              {t('form.notCarried')}
            </Alert>
          )}
          {used && source !== 'van' && <Text control={form.control} name="sourceNote" label={t('form.sourceNote')} testId="book-source-note" required />}
          <Text control={form.control} name="note" label={t('form.note')} testId="book-note" multiline minRows={2} />
          {error && (
            <Alert severity="error" data-testid="book-error">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close} data-testid="book-cancel">
          {t('form.cancel')}
        </Button>
        <Button type="submit" variant="contained" disabled={book.pending || form.formState.isSubmitting} data-testid="book-submit">
          {t('form.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
