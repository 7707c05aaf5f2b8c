import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { resolveProblemInput, type ProblemDetail, type ResolveProblemResult } from '../../../../../shared/api/problems';
import { useCommand } from '../../../data/useCommand';
import { useProblemMessage } from './fieldMessage';

type FormInput = z.input<typeof resolveProblemInput>;
type FormOutput = z.output<typeof resolveProblemInput>;

const REFUSALS = ['role_forbidden', 'invalid_transition', 'ticket_not_found', 'validation_failed'] as const;
/** The ticket action's refusal code as a message key: main's English reason is for logs. */
const refusalKey = (code: string): (typeof REFUSALS)[number] | 'other' => {
  const key = code.toLowerCase();
  return (REFUSALS as readonly string[]).includes(key) ? (key as (typeof REFUSALS)[number]) : key === 'forbidden' ? 'role_forbidden' : 'other';
};

const Outcomes = ({ result }: { result: ResolveProblemResult }) => {
  const { t } = useTranslation('problems');
  return (
    <Stack spacing={1} data-testid="resolve-result">
      <Alert severity={result.tickets.some((x) => x.outcome === 'refused') ? 'warning' : 'success'}>{t('resolve.done')}</Alert>
      {result.tickets.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3">
            {t('resolve.result')}
          </Typography>
          <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
            {result.tickets.map((o) => (
              <li key={o.ticketId} data-testid={`resolve-outcome-${o.outcome}`}>
                <Typography variant="body2" color={o.outcome === 'refused' ? 'error' : 'text.primary'}>
                  {o.number || t('resolve.hidden')}: {o.outcome === 'refused' ? t('resolve.outcome.refused', { reason: t(`resolve.refusal.${refusalKey(o.code)}`) }) : t(`resolve.outcome.${o.outcome}`)}
                </Typography>
              </li>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
};

/**
 * Resolves a problem: it moves to verifying (or closed) and, if asked, each linked ticket is
 * resolved with one public reply. The outcome per ticket is shown: a ticket the user may not
 * resolve is named with its reason, never left out.
 */
export const ResolveDialog = ({ problem, onClose }: { problem: ProblemDetail; onClose: () => void }) => {
  const { t } = useTranslation('problems');
  const { t: tc } = useTranslation();
  const message = useProblemMessage();
  const resolve = useCommand('problems.resolve', { errors: 'inline' });
  const open = problem.tickets.filter((x) => !x.visible || (x.status !== 'resolved' && x.status !== 'closed')).length;
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(resolveProblemInput),
    defaultValues: { id: problem.id, status: 'verifying', resolveTickets: open > 0, reply: t('resolve.replyDefault', { rootCause: problem.rootCause || '…' }) },
  });
  const { control, register, handleSubmit, formState, watch } = form;
  const submit = handleSubmit(async (values) => {
    await resolve.run(values);
  });
  const fieldIssues = resolve.error?.fields ?? [];

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="resolve-title">
      <DialogTitle id="resolve-title">{t('resolve.title')}</DialogTitle>
      <DialogContent>
        {resolve.result ? (
          <Outcomes result={resolve.result} />
        ) : (
          <Stack component="form" id="resolve-form" noValidate spacing={2} onSubmit={submit} sx={{ pt: 1 }}>
            <Typography variant="body2">{t('resolve.intro')}</Typography>
            <Controller
              control={control}
              name="status"
              render={({ field }) => (
                <Stack>
                  <FormLabel id="resolve-to">{t('resolve.to')}</FormLabel>
                  <RadioGroup aria-labelledby="resolve-to" value={field.value} onChange={(e) => field.onChange(e.target.value)}>
                    <FormControlLabel value="verifying" control={<Radio />} label={t('resolve.toVerifying')} />
                    <FormControlLabel value="closed" control={<Radio />} label={t('resolve.toClosed')} />
                  </RadioGroup>
                </Stack>
              )}
            />
            <Controller
              control={control}
              name="resolveTickets"
              render={({ field }) => (
                <FormControlLabel
                  control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} slotProps={{ input: { 'data-testid': 'resolve-tickets' } as object }} />}
                  label={t('resolve.tickets', { count: problem.tickets.length })}
                />
              )}
            />
            {watch('resolveTickets') && (
              <TextField
                {...register('reply')}
                multiline
                minRows={4}
                label={t('resolve.reply')}
                error={!!formState.errors.reply}
                helperText={message(formState.errors.reply?.message)}
                slotProps={{ htmlInput: { 'data-testid': 'resolve-reply' } }}
              />
            )}
            {resolve.error && (
              <Alert severity="error" data-testid="resolve-error">
                {fieldIssues.length > 0 ? fieldIssues.map((f) => message(f.message)).join(' ') : tc(`errors.${resolve.error.code}`)}
              </Alert>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {resolve.result ? (
          <Button onClick={onClose} data-testid="resolve-close">
            {t('resolve.close')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('form.cancel')}</Button>
            <Button type="submit" form="resolve-form" variant="contained" disabled={resolve.pending} data-testid="resolve-confirm">
              {t('resolve.confirm')}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};
