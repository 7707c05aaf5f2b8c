import AddOutlined from '@mui/icons-material/AddOutlined';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Stack, TextField, Typography } from '@mui/material';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ESCALATION_RULES } from '../../../../../shared/domain/defaults';
import type { EscalationRule, PolicyOf } from '../../../../../shared/schema';
import { useCommand } from '../../../data/useCommand';
import { EscalationDryRun } from './EscalationDryRun';
import { EscalationRuleCard } from './EscalationRuleCard';
import { blankRule, escalationFormSchema, toFormRule, type EscalationFormInput, type EscalationFormOutput } from './escalationForm';
import { FormError } from './FormDialogParts';
import { useFieldMessage } from './fieldMessage';
import { PolicySaveBar } from './policyFormParts';
import { isRetroactive, scheduledFor, todayIn, useSavePolicy } from './savePolicy';

const toRules = (v: EscalationFormOutput): EscalationRule[] => v.rules.map((r) => ({ ...r, id: r.id.trim() }));

/**
 * Edits the automatic escalation rules. A dry run shows which open tickets the edited rules
 * would escalate now, before anything is saved; saving makes a new version.
 */
export const EscalationForm = ({ policy }: { policy: PolicyOf<'escalation'> | null }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const save = useSavePolicy(() => t('policies.saved'));
  const dryRun = useCommand('admin.escalation.dryRun', { errors: 'inline' });
  const form = useForm<EscalationFormInput, unknown, EscalationFormOutput>({
    resolver: zodResolver(escalationFormSchema),
    defaultValues: { name: policy?.name ?? t('escalation.defaultName'), effectiveFrom: todayIn(), rules: (policy?.escalation.rules ?? DEFAULT_ESCALATION_RULES).map(toFormRule) },
  });
  const { register, handleSubmit, formState, control, setValue } = form;
  const rules = useFieldArray({ control, name: 'rules' });
  const effectiveFrom = useWatch({ control, name: 'effectiveFrom' });
  const ids = useWatch({ control, name: 'rules' }).map((r) => r.id);
  const submit = handleSubmit(async (v) => {
    await save.send({ replaces: policy?.id ?? null, effectiveFrom: v.effectiveFrom, draft: { kind: 'escalation', name: v.name, escalation: { rules: toRules(v) } } });
  });
  const tryRules = handleSubmit(async (v) => {
    await dryRun.run({ rules: toRules(v) });
  });
  return (
    <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="escalation-form" sx={{ maxWidth: 900 }}>
      <Typography variant="h6" component="h2">
        {t('escalation.rules')}
      </Typography>
      <Stack direction="row" spacing={2}>
        <TextField {...register('name')} required size="small" label={t('sla.name')} error={!!formState.errors.name} helperText={message(formState.errors.name?.message)} slotProps={{ htmlInput: { 'data-testid': 'escalation-name' } }} sx={{ flex: 2 }} />
        <TextField
          {...register('effectiveFrom')}
          type="date"
          size="small"
          label={t('policies.effectiveFrom')}
          error={!!formState.errors.effectiveFrom}
          helperText={message(formState.errors.effectiveFrom?.message)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'escalation-effective' } }}
          sx={{ flex: 1 }}
        />
      </Stack>
      {rules.fields.length === 0 && (
        <Typography color="text.secondary" data-testid="escalation-no-rules">
          {t('escalation.noRules')}
        </Typography>
      )}
      {rules.fields.map((f, i) => (
        <EscalationRuleCard key={f.id} index={i} form={{ control, register, setValue }} errors={formState.errors.rules} message={message} onRemove={() => rules.remove(i)} />
      ))}
      <Stack direction="row" spacing={1}>
        <Button startIcon={<AddOutlined />} disabled={rules.fields.length >= 50} onClick={() => rules.append(blankRule(ids))} data-testid="escalation-add-rule">
          {t('escalation.addRule')}
        </Button>
        <Button variant="outlined" disabled={dryRun.pending} onClick={() => void tryRules()} data-testid="escalation-dry-run-button">
          {dryRun.pending ? t('escalation.dryRunning') : t('escalation.dryRun')}
        </Button>
      </Stack>
      <FormError error={dryRun.error} testId="escalation-dry-run-error" />
      {dryRun.result && <EscalationDryRun result={dryRun.result} />}
      <PolicySaveBar
        testId="escalation"
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
