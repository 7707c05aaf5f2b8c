import { zodResolver } from '@hookform/resolvers/zod';
import { Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DEFAULT_SLA_TARGETS, WARNING_RATIO } from '../../../../../shared/domain/defaults';
import { slaIssues } from '../../../../../shared/domain/policyForms';
import type { BusinessCalendar, PolicyOf, SlaTarget } from '../../../../../shared/schema';
import { CLOCK_MODES, SEVERITIES, TIERS } from '../../../../../shared/schema/enums';
import { useFieldMessage } from './fieldMessage';
import { effectiveDateField, PolicySaveBar, policyNameField } from './policyFormParts';
import { SlaPreview } from './SlaPreview';
import { isRetroactive, scheduledFor, todayIn, useSavePolicy } from './savePolicy';

const MINUTE_FIELDS = ['firstResponseMinutes', 'restoreMinutes', 'fixMinutes'] as const;
// Minutes as typed: '' is "no target".
const minutesField = z
  .string()
  .trim()
  .regex(/^(\d{1,7}(\.\d{1,2})?)?$/, 'validation.minutesInvalid')
  .transform((v) => (v === '' ? null : Number(v)));
const toMinutes = (v: string): number | null => (/^\d{1,7}(\.\d{1,2})?$/.test(v.trim()) ? Number(v.trim()) : null);

const schema = z
  .object({
    name: policyNameField,
    warningPercent: z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, 'validation.warningRatio')
      .transform(Number),
    effectiveFrom: effectiveDateField,
    targets: z.array(
      z.object({
        severity: z.enum(SEVERITIES),
        tier: z.enum(TIERS),
        firstResponseMinutes: minutesField,
        restoreMinutes: minutesField,
        fixMinutes: minutesField,
        firstResponseClock: z.enum(CLOCK_MODES),
        restoreClock: z.enum(CLOCK_MODES),
        fixClock: z.enum(CLOCK_MODES),
      }),
    ),
  })
  .superRefine((v, ctx) => {
    for (const issue of slaIssues(v.targets, v.warningPercent / 100)) {
      const path = issue.path[0] === 'warningRatio' ? ['warningPercent'] : issue.path;
      ctx.addIssue({ code: 'custom', path, message: issue.message });
    }
  });
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

const asText = (m: number | null) => (m === null ? '' : String(m));
// One row per severity and tier, in a fixed order, whatever order the policy keeps them in.
const rowsOf = (targets: readonly SlaTarget[]): FormInput['targets'] =>
  TIERS.flatMap((tier) =>
    SEVERITIES.map((severity) => {
      const t = targets.find((x) => x.severity === severity && x.tier === tier) ?? DEFAULT_SLA_TARGETS.find((x) => x.severity === severity && x.tier === tier)!;
      return { ...t, firstResponseMinutes: asText(t.firstResponseMinutes), restoreMinutes: asText(t.restoreMinutes), fixMinutes: asText(t.fixMinutes) };
    }),
  );

/** Edits the targets of an SLA policy (minutes per severity and tier) with a live preview; saving makes a new version. */
export const SlaForm = ({ policy, calendars }: { policy: PolicyOf<'sla'> | null; calendars: readonly BusinessCalendar[] }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const save = useSavePolicy(() => t('policies.saved'));
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: policy?.name ?? t('sla.defaultName'),
      warningPercent: String(Math.round((policy?.sla.warningRatio ?? WARNING_RATIO) * 100)),
      effectiveFrom: todayIn(),
      targets: rowsOf(policy?.sla.targets ?? DEFAULT_SLA_TARGETS),
    },
  });
  const { register, handleSubmit, formState, control } = form;
  const watched = useWatch({ control, name: 'targets' });
  const effectiveFrom = useWatch({ control, name: 'effectiveFrom' });
  const live: SlaTarget[] = watched.map((r) => ({ ...r, firstResponseMinutes: toMinutes(r.firstResponseMinutes), restoreMinutes: toMinutes(r.restoreMinutes), fixMinutes: toMinutes(r.fixMinutes) }));
  const submit = handleSubmit(async (v) => {
    await save.send({
      replaces: policy?.id ?? null,
      effectiveFrom: v.effectiveFrom,
      draft: { kind: 'sla', name: v.name, sla: { customerId: policy?.sla.customerId ?? null, warningRatio: v.warningPercent / 100, targets: v.targets } },
    });
  });
  const err = (path: string) => {
    const parts = path.split('.');
    let e: unknown = formState.errors;
    for (const p of parts) e = (e as Record<string, unknown> | undefined)?.[p];
    return (e as { message?: string } | undefined)?.message;
  };
  return (
    <Stack direction={{ xs: 'column', lg: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
      <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="sla-form" sx={{ flex: 3, minWidth: 0 }}>
        <Stack direction="row" spacing={2}>
          <TextField {...register('name')} required size="small" label={t('sla.name')} error={!!formState.errors.name} helperText={message(formState.errors.name?.message)} slotProps={{ htmlInput: { 'data-testid': 'sla-name' } }} sx={{ flex: 2 }} />
          <TextField {...register('warningPercent')} size="small" label={t('sla.warningPercent')} error={!!formState.errors.warningPercent} helperText={message(formState.errors.warningPercent?.message)} slotProps={{ htmlInput: { 'data-testid': 'sla-warning', inputMode: 'numeric' } }} sx={{ flex: 1 }} />
          <TextField {...register('effectiveFrom')} type="date" size="small" label={t('policies.effectiveFrom')} error={!!formState.errors.effectiveFrom} helperText={message(formState.errors.effectiveFrom?.message)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'sla-effective' } }} sx={{ flex: 1 }} />
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t('sla.minutesHint')}
        </Typography>
        <Table size="small" data-testid="sla-targets">
          <TableHead>
            <TableRow>
              <TableCell>{t('sla.tier')}</TableCell>
              <TableCell>{t('sla.severity')}</TableCell>
              {MINUTE_FIELDS.map((f) => (
                <TableCell key={f}>{t(`sla.column.${f}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {watched.map((row, i) => (
              <TableRow key={`${row.tier}-${row.severity}`} data-testid="sla-target-row">
                <TableCell>{t(`sla.tiers.${row.tier}`)}</TableCell>
                <TableCell>{t(`sla.severities.${row.severity}`)}</TableCell>
                {MINUTE_FIELDS.map((f) => (
                  <TableCell key={f}>
                    <TextField
                      {...register(`targets.${i}.${f}`)}
                      size="small"
                      error={!!err(`targets.${i}.${f}`)}
                      helperText={message(err(`targets.${i}.${f}`))}
                      slotProps={{ htmlInput: { 'data-testid': `sla-${row.tier}-${row.severity}-${f}`, inputMode: 'numeric', 'aria-label': `${t(`sla.tiers.${row.tier}`)} ${t(`sla.severities.${row.severity}`)} ${t(`sla.column.${f}`)}` } }}
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <PolicySaveBar
          testId="sla"
          retroactive={isRetroactive(effectiveFrom)}
        scheduled={scheduledFor(effectiveFrom)}
          submitting={formState.isSubmitting}
          error={save.error}
          needsConfirm={save.needsConfirm}
          onConfirm={() => void save.confirm()}
          onCancel={save.cancel}
        />
      </Stack>
      <Stack sx={{ flex: 2, minWidth: 280 }}>
        <SlaPreview targets={live} calendars={calendars} />
      </Stack>
    </Stack>
  );
};
