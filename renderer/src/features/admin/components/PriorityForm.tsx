import { zodResolver } from '@hookform/resolvers/zod';
import { Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DEFAULT_PRIORITY } from '../../../../../shared/domain/defaults';
import type { PolicyOf } from '../../../../../shared/schema';
import { PRIORITIES, SEVERITIES, TIERS } from '../../../../../shared/schema/enums';
import { Choice } from './Choice';
import { useFieldMessage } from './fieldMessage';
import { effectiveDateField, PolicySaveBar, policyNameField } from './policyFormParts';
import { isRetroactive, scheduledFor, todayIn, useSavePolicy } from './savePolicy';

const schema = z.object({
  name: policyNameField,
  effectiveFrom: effectiveDateField,
  // One cell per severity and tier, keyed `severity_tier`.
  cells: z.record(z.string(), z.enum(PRIORITIES)),
  noFaultPriority: z.enum(PRIORITIES),
});
type Form = z.infer<typeof schema>;
const cellKey = (severity: string, tier: string) => `${severity}_${tier}`;

/** Edits the priority matrix (severity x tier -> priority); saving makes a new version. */
export const PriorityForm = ({ policy }: { policy: PolicyOf<'priority'> | null }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const save = useSavePolicy(() => t('policies.saved'));
  const body = policy?.priority ?? DEFAULT_PRIORITY;
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: policy?.name ?? t('priority.defaultName'),
      effectiveFrom: todayIn(),
      cells: Object.fromEntries(body.matrix.map((c) => [cellKey(c.severity, c.tier), c.priority])),
      noFaultPriority: body.noFaultPriority,
    },
  });
  const { register, handleSubmit, formState, control } = form;
  const effectiveFrom = useWatch({ control, name: 'effectiveFrom' });
  const options = PRIORITIES.map((p) => ({ value: p, label: t(`priority.level.${p}`) }));
  const submit = handleSubmit(async (v) => {
    const matrix = SEVERITIES.flatMap((severity) => TIERS.map((tier) => ({ severity, tier, priority: v.cells[cellKey(severity, tier)] ?? 'P3' })));
    await save.send({ replaces: policy?.id ?? null, effectiveFrom: v.effectiveFrom, draft: { kind: 'priority', name: v.name, priority: { matrix, noFaultTypes: body.noFaultTypes, noFaultPriority: v.noFaultPriority } } });
  });
  return (
    <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="priority-form" sx={{ maxWidth: 720 }}>
      <Stack direction="row" spacing={2}>
        <TextField {...register('name')} required size="small" label={t('sla.name')} error={!!formState.errors.name} helperText={message(formState.errors.name?.message)} slotProps={{ htmlInput: { 'data-testid': 'priority-name' } }} sx={{ flex: 2 }} />
        <TextField {...register('effectiveFrom')} type="date" size="small" label={t('policies.effectiveFrom')} error={!!formState.errors.effectiveFrom} helperText={message(formState.errors.effectiveFrom?.message)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'priority-effective' } }} sx={{ flex: 1 }} />
      </Stack>
      <Table size="small" data-testid="priority-matrix">
        <TableHead>
          <TableRow>
            <TableCell>{t('sla.severity')}</TableCell>
            {TIERS.map((tier) => (
              <TableCell key={tier}>{t(`sla.tiers.${tier}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {SEVERITIES.map((severity) => (
            <TableRow key={severity}>
              <TableCell component="th">{t(`sla.severities.${severity}`)}</TableCell>
              {TIERS.map((tier) => (
                <TableCell key={tier}>
                  <Choice control={control} name={`cells.${cellKey(severity, tier)}`} label={`${t(`sla.severities.${severity}`)} · ${t(`sla.tiers.${tier}`)}`} testId={`priority-${severity}-${tier}`} message={message} options={options} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" sx={{ maxWidth: 360 }}>
        <Choice control={control} name="noFaultPriority" label={t('priority.noFault')} testId="priority-no-fault" message={message} options={options} />
      </Stack>
      <PolicySaveBar
        testId="priority"
        retroactive={isRetroactive(effectiveFrom)}
        scheduled={scheduledFor(effectiveFrom)}
        submitting={formState.isSubmitting}
        error={save.error}
        needsConfirm={save.needsConfirm}
        onConfirm={() => void save.confirm()}
        onCancel={save.cancel}
      />
    </Stack>
  );
};
