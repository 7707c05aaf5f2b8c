import { MenuItem, TextField, type TextFieldProps } from '@mui/material';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useFieldMessage } from './useActionForm';

/** A select bound to a form field; options are values, labels come from the caller. */
export const SelectField = <T extends FieldValues, O extends string>(props: {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  options: readonly O[];
  optionLabel: (option: O) => string;
  testId: string;
  disabled?: boolean;
  helperText?: string;
  required?: boolean;
}) => {
  const message = useFieldMessage();
  return (
    <Controller
      name={props.name}
      control={props.control}
      render={({ field, fieldState }) => (
        <TextField
          {...field}
          value={field.value ?? ''}
          select
          fullWidth
          required={props.required ?? true}
          disabled={props.disabled}
          label={props.label}
          error={!!fieldState.error}
          helperText={message(fieldState.error?.message) ?? props.helperText}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': props.testId } as object } }}
        >
          {props.options.map((o) => (
            <MenuItem key={o} value={o}>
              {props.optionLabel(o)}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
};

/** A text field bound to a form field, its schema message translated. */
export const TextInput = <T extends FieldValues>(
  props: { control: Control<T>; name: FieldPath<T>; label: string; testId: string } & Pick<TextFieldProps, 'multiline' | 'minRows' | 'disabled' | 'helperText' | 'required' | 'autoFocus'>,
) => {
  const message = useFieldMessage();
  const { control, name, testId, helperText, ...rest } = props;
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...rest}
          {...field}
          value={field.value ?? ''}
          fullWidth
          error={!!fieldState.error}
          helperText={message(fieldState.error?.message) ?? helperText}
          slotProps={{ htmlInput: { 'data-testid': testId } }}
        />
      )}
    />
  );
};
