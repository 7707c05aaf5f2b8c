import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, FormControlLabel, FormGroup, FormHelperText, IconButton, Stack, TextField, Typography } from '@mui/material';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DEFAULT_CALENDAR } from '../../../../../shared/domain/defaults';
import { calendarIssues, parseDateList } from '../../../../../shared/domain/policyForms';
import type { PolicyOf } from '../../../../../shared/schema';
import { useFieldMessage } from './fieldMessage';
import { effectiveDateField, PolicySaveBar, policyNameField } from './policyFormParts';
import { isRetroactive, scheduledFor, todayIn, useSavePolicy } from './savePolicy';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

// Dates are typed or pasted as a list (one date or range per line), checked together with
// the rest of the calendar (one refinement, so every message shows at once), parsed on the way out.
const schema = z
  .object({
    name: policyNameField,
    region: z.string().trim().max(40, 'validation.regionTooLong'),
    timeZone: z.string().trim(),
    workingDays: z.array(z.number()),
    hours: z.array(z.object({ start: z.string(), end: z.string() })),
    holidays: z.string(),
    extraWorkingDays: z.string(),
    effectiveFrom: effectiveDateField,
  })
  .superRefine((v, ctx) => {
    const holidays = parseDateList(v.holidays);
    const swaps = parseDateList(v.extraWorkingDays);
    for (const [path, list] of [['holidays', holidays] as const, ['extraWorkingDays', swaps] as const]) {
      if (list.badLines.length) ctx.addIssue({ code: 'custom', path: [path], message: 'validation.dateListInvalid' });
      else if (list.overlaps.length) ctx.addIssue({ code: 'custom', path: [path], message: path === 'holidays' ? 'validation.holidayOverlap' : 'validation.swapDayOverlap' });
    }
    const issues = calendarIssues({ ...v, holidays: holidays.dates, extraWorkingDays: swaps.dates });
    // The lists' own messages (above) say more than a generic one on the same field.
    for (const issue of issues) if (!(issue.path[0] === 'holidays' && holidays.overlaps.length)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .transform((v) => ({ ...v, holidays: parseDateList(v.holidays).dates, extraWorkingDays: parseDateList(v.extraWorkingDays).dates }));
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

/** Edits a region's business calendar: working days, hours (a lunch break is a gap between two periods), holidays and swapped working days. */
export const CalendarForm = ({ policy, onSaved }: { policy: PolicyOf<'calendar'> | null; onSaved?: () => void }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const save = useSavePolicy(() => t('policies.saved'));
  const cal = policy?.calendar ?? { ...DEFAULT_CALENDAR, region: '', holidays: [], extraWorkingDays: [] };
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: policy?.name ?? '',
      region: cal.region,
      timeZone: cal.timeZone,
      workingDays: cal.workingDays,
      hours: cal.hours,
      holidays: cal.holidays.join('\n'),
      extraWorkingDays: cal.extraWorkingDays.join('\n'),
      effectiveFrom: todayIn(cal.timeZone),
    },
  });
  const { register, handleSubmit, formState, control, setValue } = form;
  const hours = useFieldArray({ control, name: 'hours' });
  const days = useWatch({ control, name: 'workingDays' });
  const effectiveFrom = useWatch({ control, name: 'effectiveFrom' });
  const zone = useWatch({ control, name: 'timeZone' });
  const holidayText = useWatch({ control, name: 'holidays' });
  const swapText = useWatch({ control, name: 'extraWorkingDays' });
  const submit = handleSubmit(async (v) => {
    const { effectiveFrom: from, name, ...calendar } = v;
    const ok = await save.send({ replaces: policy?.id ?? null, effectiveFrom: from, draft: { kind: 'calendar', name, calendar } });
    if (ok) onSaved?.();
  });
  const e = formState.errors;
  const toggleDay = (d: number) => setValue('workingDays', days.includes(d) ? days.filter((x) => x !== d) : [...days, d].sort(), { shouldDirty: true });
  return (
    <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="calendar-form">
      <Stack direction="row" spacing={2}>
        <TextField {...register('name')} required size="small" label={t('calendars.name')} error={!!e.name} helperText={message(e.name?.message)} slotProps={{ htmlInput: { 'data-testid': 'calendar-name' } }} />
        <TextField {...register('region')} required size="small" disabled={policy !== null} label={t('calendars.region')} error={!!e.region} helperText={message(e.region?.message)} slotProps={{ htmlInput: { 'data-testid': 'calendar-region' } }} />
        <TextField {...register('timeZone')} required size="small" label={t('calendars.timeZone')} error={!!e.timeZone} helperText={message(e.timeZone?.message)} slotProps={{ htmlInput: { 'data-testid': 'calendar-zone' } }} />
        <TextField {...register('effectiveFrom')} type="date" size="small" label={t('policies.effectiveFrom')} error={!!e.effectiveFrom} helperText={message(e.effectiveFrom?.message)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'calendar-effective' } }} />
      </Stack>
      <div>
        <Typography variant="subtitle2">{t('calendars.workingDays')}</Typography>
        <FormGroup row>
          {WEEKDAYS.map((d) => (
            <FormControlLabel key={d} label={t(`calendars.weekday.d${d}`)} control={<Checkbox checked={days.includes(d)} onChange={() => toggleDay(d)} slotProps={{ input: { 'data-testid': `calendar-day-${d}` } as object }} />} />
          ))}
        </FormGroup>
        {e.workingDays && (
          <FormHelperText error data-testid="calendar-days-error">
            {message(e.workingDays.message)}
          </FormHelperText>
        )}
      </div>
      <div>
        <Typography variant="subtitle2">{t('calendars.hours')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {t('calendars.hoursHint')}
        </Typography>
        <Stack spacing={1} sx={{ mt: 1 }}>
          {hours.fields.map((f, i) => (
            <Stack key={f.id} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField {...register(`hours.${i}.start`)} type="time" size="small" label={t('calendars.from')} error={!!e.hours?.[i]?.start} helperText={message(e.hours?.[i]?.start?.message)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `calendar-hours-${i}-start` } }} />
              <TextField {...register(`hours.${i}.end`)} type="time" size="small" label={t('calendars.to')} error={!!e.hours?.[i]?.end} helperText={message(e.hours?.[i]?.end?.message)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `calendar-hours-${i}-end` } }} />
              <IconButton aria-label={t('calendars.removePeriod')} onClick={() => hours.remove(i)} data-testid={`calendar-hours-${i}-remove`}>
                <DeleteOutlined />
              </IconButton>
            </Stack>
          ))}
          <Stack direction="row">
            <Button size="small" disabled={hours.fields.length >= 6} onClick={() => hours.append({ start: '13:00', end: '18:00' })} data-testid="calendar-hours-add">
              {t('calendars.addPeriod')}
            </Button>
          </Stack>
        </Stack>
      </div>
      <Stack direction="row" spacing={2}>
        <TextField
          {...register('holidays')}
          multiline
          minRows={4}
          maxRows={10}
          fullWidth
          size="small"
          label={t('calendars.holidays')}
          error={!!e.holidays}
          helperText={message(e.holidays?.message) ?? t('calendars.count', { count: parseDateList(holidayText).dates.length })}
          slotProps={{ htmlInput: { 'data-testid': 'calendar-holidays' } }}
        />
        <TextField
          {...register('extraWorkingDays')}
          multiline
          minRows={4}
          maxRows={10}
          fullWidth
          size="small"
          label={t('calendars.extraWorkingDays')}
          error={!!e.extraWorkingDays}
          helperText={message(e.extraWorkingDays?.message) ?? t('calendars.count', { count: parseDateList(swapText).dates.length })}
          slotProps={{ htmlInput: { 'data-testid': 'calendar-swaps' } }}
        />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('calendars.datesHint')}
      </Typography>
      <PolicySaveBar
        testId="calendar"
        retroactive={isRetroactive(effectiveFrom, zone)}
        scheduled={scheduledFor(effectiveFrom, zone)}
        submitting={formState.isSubmitting}
        error={save.error}
        needsConfirm={save.needsConfirm}
        onConfirm={() => void save.confirm()}
        onCancel={save.cancel}
      />
    </Stack>
  );
};
