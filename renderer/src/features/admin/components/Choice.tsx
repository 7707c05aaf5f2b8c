import { TextField } from '@mui/material';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

export interface ChoiceOption {
  value: string;
  label: string;
}

/** A native select bound to a form field: keyboard-friendly, and '' stands for "none". */
export const Choice = <F extends FieldValues, O extends FieldValues = F>({
  control,
  name,
  label,
  options,
  testId,
  message,
}: {
  control: Control<F, unknown, O>;
  name: Path<F>;
  label: string;
  options: readonly ChoiceOption[];
  testId: string;
  message: (key: string | undefined) => string | undefined;
}) => (
  <Controller
    name={name}
    control={control}
    render={({ field, fieldState }) => (
      <TextField
        {...field}
        value={field.value ?? ''}
        select
        fullWidth
        label={label}
        error={!!fieldState.error}
        helperText={message(fieldState.error?.message)}
        slotProps={{ select: { native: true }, htmlInput: { 'data-testid': testId }, inputLabel: { shrink: true } }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </TextField>
    )}
  />
);
