import { zodResolver } from '@hookform/resolvers/zod';
import { Dialog, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { PersonRow, TeamRow } from '../../../../../shared/api/admin';
import { SUPPORT_LEVELS, TEAM_FUNCTIONS } from '../../../../../shared/schema/enums';
import { teamBody } from '../../../../../shared/sync/admin';
import { useCommand } from '../../../data/useCommand';
import { Choice } from './Choice';
import { FormError, SaveActions } from './FormDialogParts';
import { useFieldMessage } from './fieldMessage';

// '' in the form is "none" (no level, nobody in charge); the command sends null.
const noneToNull = z.string().transform((v) => (v === '' ? null : v));
const schema = teamBody.extend({ level: z.enum(['', ...SUPPORT_LEVELS]).transform((v) => (v === '' ? null : v)), managerId: noneToNull, leadId: noneToNull });
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

/** Creates or edits a team: support level, function, region, manager and lead. */
export const TeamDialog = ({ team, people, onClose }: { team: TeamRow | null; people: readonly PersonRow[]; onClose: () => void }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const create = useCommand('admin.teams.create', { errors: 'inline', success: () => t('teams.created', { name: form.getValues('name') }) });
  const update = useCommand('admin.teams.update', { errors: 'inline', success: () => t('teams.saved', { name: form.getValues('name') }) });
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: team?.name ?? '',
      level: team ? (team.level ?? '') : 'L1',
      function: team?.function ?? 'field',
      region: team?.region ?? '',
      managerId: team?.managerId ?? '',
      leadId: team?.leadId ?? '',
    },
  });
  const { register, handleSubmit, formState, control, setError } = form;
  const submit = handleSubmit(async (values) => {
    const result = team ? await update.run({ id: team.id, change: values }) : await create.run(values);
    if (result.ok) return onClose();
    for (const issue of result.error.fields ?? []) {
      if (issue.path in values) setError(issue.path as keyof FormInput, { message: 'validation.server' });
    }
  });
  const error = (team ? update : create).error;
  const personOptions = [{ value: '', label: t('none') }, ...people.filter((p) => p.active).map((p) => ({ value: p.id, label: p.displayName }))];
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="team-dialog-title">
      <DialogTitle id="team-dialog-title">{team ? t('teamForm.editTitle', { name: team.name }) : t('teamForm.createTitle')}</DialogTitle>
      <DialogContent>
        <Stack component="form" id="team-form" noValidate spacing={2} sx={{ pt: 1 }} onSubmit={submit} data-testid="team-form">
          <TextField
            {...register('name')}
            required
            label={t('teamForm.name')}
            error={!!formState.errors.name}
            helperText={message(formState.errors.name?.message)}
            slotProps={{ htmlInput: { 'data-testid': 'team-name' } }}
          />
          <Stack direction="row" spacing={2}>
            <Choice control={control} name="level" label={t('teamForm.level')} testId="team-level" message={message} options={[...SUPPORT_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) })), { value: '', label: t('level.none') }]} />
            <Choice control={control} name="function" label={t('teamForm.function')} testId="team-function" message={message} options={TEAM_FUNCTIONS.map((f) => ({ value: f, label: t(`function.${f}`) }))} />
          </Stack>
          <TextField
            {...register('region')}
            required
            label={t('teamForm.region')}
            error={!!formState.errors.region}
            helperText={message(formState.errors.region?.message)}
            slotProps={{ htmlInput: { 'data-testid': 'team-region' } }}
          />
          <Stack direction="row" spacing={2}>
            <Choice control={control} name="managerId" label={t('teamForm.manager')} testId="team-manager" message={message} options={personOptions} />
            <Choice control={control} name="leadId" label={t('teamForm.lead')} testId="team-lead" message={message} options={personOptions} />
          </Stack>
          <FormError error={error} testId="team-form-error" />
        </Stack>
      </DialogContent>
      <SaveActions form="team-form" submitting={formState.isSubmitting} onClose={onClose} testId="team-submit" />
    </Dialog>
  );
};
