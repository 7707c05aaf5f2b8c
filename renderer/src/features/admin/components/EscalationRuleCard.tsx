import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { Button, Checkbox, FormControlLabel, FormGroup, FormHelperText, IconButton, Paper, Stack, TextField, Typography } from '@mui/material';
import { Controller, useFieldArray, useWatch, type Control, type UseFormRegister, type UseFormSetValue, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ESCALATION_AXES, SEVERITIES } from '../../../../../shared/schema/enums';
import { Choice } from './Choice';
import { RULE_CLOCKS, TARGETS_OF, type EscalationFormInput, type EscalationFormOutput } from './escalationForm';

type Form = { control: Control<EscalationFormInput, unknown, EscalationFormOutput>; register: UseFormRegister<EscalationFormInput>; setValue: UseFormSetValue<EscalationFormInput> };

/** One automatic rule: which clock, at what percentage of its target, for which severities, and where to. */
export const EscalationRuleCard = ({
  index,
  form,
  errors,
  message,
  onRemove,
}: {
  index: number;
  form: Form;
  errors: FieldErrors<EscalationFormInput>['rules'];
  message: (key: string | undefined) => string | undefined;
  onRemove: () => void;
}) => {
  const { t } = useTranslation('admin');
  const { control, register, setValue } = form;
  const actions = useFieldArray({ control, name: `rules.${index}.actions` });
  const axes = useWatch({ control, name: `rules.${index}.actions` });
  const e = errors?.[index];
  const prefix = `escalation-rule-${index}`;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="escalation-rule">
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField {...register(`rules.${index}.id`)} size="small" label={t('escalation.ruleId')} error={!!e?.id} helperText={message(e?.id?.message)} slotProps={{ htmlInput: { 'data-testid': `${prefix}-id` } }} sx={{ flex: 2 }} />
          <Stack sx={{ flex: 2 }}>
            <Choice control={control} name={`rules.${index}.clock`} label={t('escalation.clock')} testId={`${prefix}-clock`} message={message} options={RULE_CLOCKS.map((c) => ({ value: c, label: t(`escalation.clocks.${c}`) }))} />
          </Stack>
          <TextField
            {...register(`rules.${index}.atPercent`)}
            size="small"
            label={t('escalation.atPercent')}
            error={!!e?.atPercent}
            helperText={message(e?.atPercent?.message)}
            slotProps={{ htmlInput: { 'data-testid': `${prefix}-percent`, inputMode: 'numeric' } }}
            sx={{ flex: 1 }}
          />
          <IconButton aria-label={t('escalation.removeRule')} onClick={onRemove} data-testid={`${prefix}-remove`}>
            <DeleteOutlined />
          </IconButton>
        </Stack>
        <div>
          <Typography variant="subtitle2">{t('escalation.severities')}</Typography>
          <Controller
            control={control}
            name={`rules.${index}.severities`}
            render={({ field }) => (
              <FormGroup row>
                {SEVERITIES.map((s) => (
                  <FormControlLabel
                    key={s}
                    label={t(`sla.severities.${s}`)}
                    control={
                      <Checkbox
                        checked={field.value.includes(s)}
                        onChange={() => field.onChange(field.value.includes(s) ? field.value.filter((x) => x !== s) : SEVERITIES.filter((x) => x === s || field.value.includes(x)))}
                        slotProps={{ input: { 'data-testid': `${prefix}-severity-${s}` } as object }}
                      />
                    }
                  />
                ))}
              </FormGroup>
            )}
          />
          <FormHelperText>{t('escalation.severitiesHint')}</FormHelperText>
        </div>
        <div>
          <Typography variant="subtitle2">{t('escalation.actions')}</Typography>
          <Stack spacing={1} sx={{ mt: 1 }}>
            {actions.fields.map((f, j) => {
              const axis = axes[j]?.axis ?? 'hierarchical';
              return (
                <Stack key={f.id} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-testid={`${prefix}-action`}>
                  <Controller
                    control={control}
                    name={`rules.${index}.actions.${j}.axis`}
                    render={({ field }) => (
                      <TextField
                        {...field}
                        select
                        size="small"
                        label={t('escalation.axisLabel')}
                        onChange={(ev) => {
                          const next = ev.target.value as (typeof ESCALATION_AXES)[number];
                          field.onChange(next);
                          // A level of the other axis would be refused: start from the first of this one.
                          setValue(`rules.${index}.actions.${j}.to`, TARGETS_OF[next][0]);
                        }}
                        slotProps={{ select: { native: true }, htmlInput: { 'data-testid': `${prefix}-action-${j}-axis` }, inputLabel: { shrink: true } }}
                        sx={{ flex: 1 }}
                      >
                        {ESCALATION_AXES.map((a) => (
                          <option key={a} value={a}>
                            {t(`escalation.axis.${a}`)}
                          </option>
                        ))}
                      </TextField>
                    )}
                  />
                  <Stack sx={{ flex: 1 }}>
                    <Choice control={control} name={`rules.${index}.actions.${j}.to`} label={t('escalation.toLabel')} testId={`${prefix}-action-${j}-to`} message={message} options={TARGETS_OF[axis].map((l) => ({ value: l, label: t(`escalation.to.${l}`) }))} />
                  </Stack>
                  <IconButton aria-label={t('escalation.removeAction')} disabled={actions.fields.length <= 1} onClick={() => actions.remove(j)} data-testid={`${prefix}-action-${j}-remove`}>
                    <DeleteOutlined />
                  </IconButton>
                </Stack>
              );
            })}
            {e?.actions?.message && <FormHelperText error>{message(e.actions.message)}</FormHelperText>}
            <Stack direction="row">
              <Button size="small" startIcon={<AddOutlined />} disabled={actions.fields.length >= 4} onClick={() => actions.append({ axis: 'functional', to: 'next' })} data-testid={`${prefix}-action-add`}>
                {t('escalation.addAction')}
              </Button>
            </Stack>
          </Stack>
        </div>
      </Stack>
    </Paper>
  );
};
