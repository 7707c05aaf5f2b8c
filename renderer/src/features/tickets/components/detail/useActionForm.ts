import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CommandInput, CommandName } from '../../../../../../shared/api/contract';
import type { ApiError } from '../../../../../../shared/api/result';
import { useCommand } from '../../../../data/useCommand';
import { validationKey } from '../../../../i18n/validation';

/** The text for a refusal from the core: its precise reason when the screen knows it, else the general one. */
export const useErrorText = () => {
  const { t, i18n } = useTranslation('ticketDetail');
  const { t: tc } = useTranslation();
  return useCallback(
    (error: ApiError | null | undefined): string | null => {
      if (!error) return null;
      const known = (error.fields ?? []).map((f) => `ticketDetail:errors.${f.code}`).find((key) => i18n.exists(key));
      return known ? t(known.slice('ticketDetail:'.length) as 'errors.reason_required') : tc(`errors.${error.code}`);
    },
    [t, tc, i18n],
  );
};

/** Schema messages are i18n keys; anything else shows as the generic "not valid" text. */
export const useFieldMessage = () => {
  const { t: tc } = useTranslation();
  return useCallback((key: string | undefined) => (key ? tc(validationKey(key)) : undefined), [tc]);
};

/**
 * A dialog form over one ticket command: the shared zod schema validates as the user types,
 * the core judges again, and its refusal is shown in the user's language; typed text is kept.
 */
export const useActionForm = <N extends CommandName, S extends z.ZodType<CommandInput<N>, FieldValues>>(
  name: N,
  schema: S,
  defaults: DefaultValues<z.input<S>>,
  onDone: () => void,
) => {
  const command = useCommand(name, { errors: 'inline' });
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: defaults,
  });
  const errorText = useErrorText();
  const submit = form.handleSubmit(async (values) => {
    const result = await command.run(values as CommandInput<N>);
    if (result.ok) {
      command.reset();
      form.reset(defaults);
      onDone();
    }
  });
  const close = () => {
    command.reset();
    onDone();
  };
  return { form, submit, close, pending: command.pending || form.formState.isSubmitting, error: errorText(command.error) };
};
