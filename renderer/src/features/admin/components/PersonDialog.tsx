import { zodResolver } from '@hookform/resolvers/zod';
import { Checkbox, Dialog, DialogContent, DialogTitle, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, Stack, TextField } from '@mui/material';
import { useMemo } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { PersonRow, TeamRow } from '../../../../../shared/api/admin';
import { wouldManageThemself } from '../../../../../shared/domain/people';
import { ROLES } from '../../../../../shared/schema/enums';
import { createUserBody, PERSON_TITLES } from '../../../../../shared/sync/admin';
import { useCommand } from '../../../data/useCommand';
import { Choice } from './Choice';
import { FormError, SaveActions } from './FormDialogParts';
import { useFieldMessage } from './fieldMessage';

// In the form '' means "none" (a native select's empty option); the command sends null.
const noneToNull = z.string().transform((v) => (v === '' ? null : v));

/** Who the person is and where they sit; the loop check uses the people the screen shows. */
const personFields = (people: readonly PersonRow[], personId: string | null) => {
  const { displayName, roles, title, region } = createUserBody.shape;
  return z.object({ displayName, roles, title, region, teamId: noneToNull, managerId: noneToNull }).superRefine((v, ctx) => {
    if (personId !== null && wouldManageThemself(people, personId, v.managerId)) {
      ctx.addIssue({ code: 'custom', path: ['managerId'], message: 'validation.managerLoop' });
    }
  });
};

const createSchema = (people: readonly PersonRow[]) => {
  const { username, password } = createUserBody.shape;
  return personFields(people, null).and(z.object({ username, password }));
};

interface FormValues {
  username: string;
  password: string;
  displayName: string;
  roles: (typeof ROLES)[number][];
  title: (typeof PERSON_TITLES)[number];
  teamId: string;
  managerId: string;
  region: string;
}

/** Creates a person (with a sign-in) or edits one: roles, title, team, manager, region. */
export const PersonDialog = ({ person, people, teams, onClose }: { person: PersonRow | null; people: readonly PersonRow[]; teams: readonly TeamRow[]; onClose: () => void }) => {
  const { t } = useTranslation('admin');
  const message = useFieldMessage();
  const editing = person !== null;
  const create = useCommand('admin.people.create', { errors: 'inline', success: (u) => t('people.created', { name: u.displayName }) });
  const update = useCommand('admin.people.update', { errors: 'inline', success: (u) => t('people.saved', { name: u.displayName }) });
  const schema = useMemo(() => (editing ? personFields(people, person.id) : createSchema(people)), [editing, people, person]);
  const form = useForm<FormValues>({
    // Both schemas check the same fields; the output is what the command takes.
    resolver: zodResolver(schema as unknown as z.ZodType<FormValues, FormValues>),
    defaultValues: {
      username: person?.username ?? '',
      password: '',
      displayName: person?.displayName ?? '',
      roles: person?.roles ?? [],
      title: person?.title ?? 'staff',
      teamId: person?.teamId ?? '',
      managerId: person?.managerId ?? '',
      region: person?.region ?? (teams[0]?.region ?? ''),
    },
  });
  const { register, handleSubmit, formState, control, setError } = form;

  const submit = handleSubmit(async (values) => {
    const v = values as unknown as z.output<ReturnType<typeof personFields>> & { username: string; password: string };
    const fields = { displayName: v.displayName, roles: v.roles, title: v.title, teamId: v.teamId, managerId: v.managerId, region: v.region };
    const result = person ? await update.run({ id: person.id, change: fields }) : await create.run({ ...fields, username: v.username, password: v.password });
    if (result.ok) return onClose();
    // The server names the field it refused; its reason shows there, in the user's language.
    for (const issue of result.error.fields ?? []) {
      if (issue.path in form.getValues()) setError(issue.path as keyof FormValues, { message: issue.message.startsWith('validation.') ? issue.message : 'validation.server' });
    }
  });
  const error = (person ? update : create).error;
  const teamOptions = [{ value: '', label: t('none') }, ...teams.filter((x) => x.active || x.id === person?.teamId).map((x) => ({ value: x.id, label: x.name }))];
  const managerOptions = [{ value: '', label: t('none') }, ...people.filter((p) => p.id !== person?.id && p.active).map((p) => ({ value: p.id, label: p.displayName }))];

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="person-dialog-title">
      <DialogTitle id="person-dialog-title">{person ? t('personForm.editTitle', { name: person.displayName }) : t('personForm.createTitle')}</DialogTitle>
      <DialogContent>
        <Stack component="form" id="person-form" noValidate spacing={2} sx={{ pt: 1 }} onSubmit={submit} data-testid="person-form">
          {!editing && (
            <Stack direction="row" spacing={2}>
              <TextField
                {...register('username')}
                required
                fullWidth
                label={t('personForm.username')}
                error={!!formState.errors.username}
                helperText={message(formState.errors.username?.message)}
                slotProps={{ htmlInput: { 'data-testid': 'person-username', autoComplete: 'off' } }}
              />
              <TextField
                {...register('password')}
                required
                fullWidth
                type="password"
                label={t('personForm.password')}
                error={!!formState.errors.password}
                helperText={message(formState.errors.password?.message)}
                slotProps={{ htmlInput: { 'data-testid': 'person-password', autoComplete: 'new-password' } }}
              />
            </Stack>
          )}
          <TextField
            {...register('displayName')}
            required
            label={t('personForm.displayName')}
            error={!!formState.errors.displayName}
            helperText={message(formState.errors.displayName?.message)}
            slotProps={{ htmlInput: { 'data-testid': 'person-display-name' } }}
          />
          <Controller
            name="roles"
            control={control}
            render={({ field, fieldState }) => (
              <FormControl component="fieldset" error={!!fieldState.error} required>
                <FormLabel component="legend">{t('personForm.roles')}</FormLabel>
                <FormGroup row>
                  {ROLES.map((role) => (
                    <FormControlLabel
                      key={role}
                      label={t(`role.${role}`)}
                      control={
                        <Checkbox
                          checked={field.value.includes(role)}
                          onChange={(event) => field.onChange(event.target.checked ? [...field.value, role] : field.value.filter((r) => r !== role))}
                          slotProps={{ input: { 'data-testid': `person-role-${role}` } as object }}
                        />
                      }
                    />
                  ))}
                </FormGroup>
                {fieldState.error && <FormHelperText>{message(fieldState.error.message)}</FormHelperText>}
              </FormControl>
            )}
          />
          <Stack direction="row" spacing={2}>
            <Choice control={control} name="title" label={t('personForm.title')} testId="person-title" message={message} options={PERSON_TITLES.map((x) => ({ value: x, label: t(`title.${x}`) }))} />
            <TextField
              {...register('region')}
              required
              fullWidth
              label={t('personForm.region')}
              error={!!formState.errors.region}
              helperText={message(formState.errors.region?.message)}
              slotProps={{ htmlInput: { 'data-testid': 'person-region' } }}
            />
          </Stack>
          <Stack direction="row" spacing={2}>
            <Choice control={control} name="teamId" label={t('personForm.team')} testId="person-team" message={message} options={teamOptions} />
            <Choice control={control} name="managerId" label={t('personForm.manager')} testId="person-manager" message={message} options={managerOptions} />
          </Stack>
          <FormError error={error} testId="person-form-error" />
        </Stack>
      </DialogContent>
      <SaveActions form="person-form" submitting={formState.isSubmitting} onClose={onClose} testId="person-submit" />
    </Dialog>
  );
};
