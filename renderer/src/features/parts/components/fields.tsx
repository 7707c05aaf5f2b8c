import { Checkbox, FormControlLabel, TextField, type TextFieldProps } from '@mui/material';
import { useCallback } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../../shared/api/result';

/** Schema messages of shared/api/parts.ts are keys under `parts:validation`. */
export const useFieldText = () => {
  const { t, i18n } = useTranslation('parts');
  return useCallback(
    (message: string | undefined) => (message === undefined ? undefined : i18n.exists(`parts:validation.${message}`) ? t(`validation.${message as 'invalid'}`) : t('validation.invalid')),
    [t, i18n],
  );
};

/** A refusal of the core in the user's language: its precise reason when known, else the general one. */
export const useErrorText = () => {
  const { t, i18n } = useTranslation('parts');
  const { t: tc } = useTranslation();
  return useCallback(
    (error: ApiError | null | undefined): string | null => {
      if (!error) return null;
      const known = (error.fields ?? []).map((f) => f.code).find((code) => i18n.exists(`parts:errors.${code}`));
      return known ? t(`errors.${known as 'not_in_stock'}`) : tc(`errors.${error.code}`);
    },
    [t, tc, i18n],
  );
};

type Common<T extends FieldValues> = { control: Control<T>; name: FieldPath<T>; label: string; testId: string };

/** A text (or number) field bound to the form, its schema message translated. */
export const Text = <T extends FieldValues>(props: Common<T> & Pick<TextFieldProps, 'type' | 'multiline' | 'minRows' | 'helperText' | 'required' | 'autoFocus' | 'disabled'>) => {
  const text = useFieldText();
  const { control, name, testId, helperText, type, ...rest } = props;
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...rest}
          type={type}
          name={field.name}
          inputRef={field.ref}
          onBlur={field.onBlur}
          value={field.value ?? ''}
          // A number field keeps what was typed; an empty or partial entry is NaN and the schema says why.
          onChange={(e) => field.onChange(type === 'number' ? (e.target.value === '' ? Number.NaN : Number(e.target.value)) : e.target.value)}
          fullWidth
          error={!!fieldState.error}
          helperText={text(fieldState.error?.message) ?? helperText}
          slotProps={{ htmlInput: { 'data-testid': testId } }}
        />
      )}
    />
  );
};

/** A native select (keyboard-friendly, and what tests pick by label). */
export const Select = <T extends FieldValues>(props: Common<T> & { options: readonly { value: string; label: string }[]; helperText?: string; placeholder?: string }) => {
  const text = useFieldText();
  return (
    <Controller
      name={props.name}
      control={props.control}
      render={({ field, fieldState }) => (
        <TextField
          select
          fullWidth
          label={props.label}
          name={field.name}
          inputRef={field.ref}
          onBlur={field.onBlur}
          value={field.value ?? ''}
          onChange={(e) => field.onChange(e.target.value)}
          error={!!fieldState.error}
          helperText={text(fieldState.error?.message) ?? props.helperText}
          slotProps={{ select: { native: true }, htmlInput: { 'data-testid': props.testId }, inputLabel: { shrink: true } }}
        >
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </TextField>
      )}
    />
  );
};

export const Check = <T extends FieldValues>(props: Common<T>) => (
  <Controller
    name={props.name}
    control={props.control}
    render={({ field }) => (
      <FormControlLabel
        control={<Checkbox name={field.name} checked={field.value === true} onChange={(e) => field.onChange(e.target.checked)} slotProps={{ input: { 'data-testid': props.testId } as object }} />}
        label={props.label}
      />
    )}
  />
);
