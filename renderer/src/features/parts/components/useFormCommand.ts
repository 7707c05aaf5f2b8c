import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type DefaultValues, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { CommandInput, CommandName } from '../../../../../shared/api/contract';
import { useCommand } from '../../../data/useCommand';
import { useErrorText } from './fields';

/** A form over one parts command: the shared schema validates, the core judges again; typed text is kept on a refusal. */
export const useFormCommand = <N extends CommandName, S extends z.ZodType<CommandInput<N>, FieldValues>>(name: N, schema: S, defaults: DefaultValues<z.input<S>>, onDone: () => void, success: string) => {
  const command = useCommand(name, { errors: 'inline', success: () => success });
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>, defaultValues: defaults });
  const errorText = useErrorText();
  const close = () => {
    command.reset();
    onDone();
  };
  const submit = form.handleSubmit(async (values) => {
    const result = await command.run(values as CommandInput<N>);
    if (result.ok) close();
  });
  return { form, submit, close, pending: command.pending || form.formState.isSubmitting, error: errorText(command.error) };
};
