import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { workLogInput } from '../../../../../shared/api/fieldwork';
import { useCommand } from '../../../data/useCommand';
import { useFieldworkText } from './errors';

type Values = z.input<typeof workLogInput>;
type Fields = { workMinutes: string; travelMinutes: string; activity: string };

const toNumber = (v: string) => (v.trim() === '' ? 0 : Number(v));

/** One line of the work and travel log: minutes of work and of travel, and what was done. */
export const WorkLogForm = ({ ticketId }: { ticketId: string }) => {
  const { t } = useTranslation('fieldwork');
  const text = useFieldworkText();
  const log = useCommand('fieldwork.logWork', { errors: 'inline', success: () => t('log.added') });
  const defaults: Fields = { workMinutes: '', travelMinutes: '', activity: '' };
  // The fields hold text; the shared schema judges the numbers they become.
  const resolver: Resolver<Fields> = async (values, context, options) => {
    const inner = zodResolver(workLogInput as never) as unknown as Resolver<Values>;
    const result = await inner(
      {
        ticketId,
        workMinutes: toNumber(values.workMinutes),
        travelMinutes: toNumber(values.travelMinutes),
        activity: values.activity,
      },
      context,
      options as never,
    );
    return Object.keys(result.errors).length > 0
      ? { values: {}, errors: result.errors as never }
      : { values, errors: {} };
  };
  const form = useForm<Fields>({ resolver, defaultValues: defaults });
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const result = await log.run({
      ticketId,
      workMinutes: toNumber(values.workMinutes),
      travelMinutes: toNumber(values.travelMinutes),
      activity: values.activity,
    });
    if (result.ok) form.reset(defaults);
  });
  return (
    <Stack
      component="form"
      noValidate
      onSubmit={(e) => void submit(e)}
      spacing={1}
      aria-label={t('log.heading')}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
        <TextField
          size="small"
          type="number"
          sx={{ flex: 1 }}
          label={t('log.workMinutes')}
          {...form.register('workMinutes')}
          error={!!errors.workMinutes}
          helperText={text.message(errors.workMinutes?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'work-log-work', min: 0, max: 1440, step: 1 } }}
        />
        <TextField
          size="small"
          type="number"
          sx={{ flex: 1 }}
          label={t('log.travelMinutes')}
          {...form.register('travelMinutes')}
          error={!!errors.travelMinutes}
          helperText={text.message(errors.travelMinutes?.message)}
          slotProps={{ htmlInput: { 'data-testid': 'work-log-travel', min: 0, max: 1440, step: 1 } }}
        />
      </Stack>
      <TextField
        size="small"
        label={t('log.activity')}
        {...form.register('activity')}
        error={!!errors.activity}
        helperText={text.message(errors.activity?.message)}
        slotProps={{ htmlInput: { 'data-testid': 'work-log-activity', maxLength: 2000 } }}
      />
      {log.error && (
        <Alert severity="error" data-testid="work-log-error">
          {text.error(log.error)}
        </Alert>
      )}
      <div>
        <Button
          type="submit"
          variant="outlined"
          size="small"
          disabled={log.pending}
          data-testid="work-log-add"
        >
          {t('log.add')}
        </Button>
      </div>
    </Stack>
  );
};
