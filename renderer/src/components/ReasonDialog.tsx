import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { reasonForm, type ReasonForm } from '../../../shared/api/board';

export interface ReasonDialogTexts {
  title: string;
  label: string;
  help: string;
  confirm: string;
  /** Turns a validation message key (`validation.*`) into text in the user's language. */
  message: (key: string) => string;
}

/**
 * Asks why before a move that needs a reason (an escalation, a de-escalation): whitespace alone
 * is refused with the translated message, and nothing is sent until the reason says something.
 */
export const ReasonDialog = ({
  open,
  texts,
  pending = false,
  children,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  texts: ReasonDialogTexts;
  pending?: boolean;
  children?: ReactNode;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) => {
  const { t: tc } = useTranslation();
  const form = useForm<ReasonForm>({ resolver: zodResolver(reasonForm), defaultValues: { reason: '' } });
  const error = form.formState.errors.reason?.message;
  const close = () => {
    form.reset();
    onCancel();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="reason-dialog-title">
      <form
        noValidate
        onSubmit={(e) =>
          void form.handleSubmit(({ reason }) => {
            form.reset();
            onConfirm(reason.trim());
          })(e)
        }
      >
        <DialogTitle id="reason-dialog-title">{texts.title}</DialogTitle>
        <DialogContent>
          {children && <Typography component="div" sx={{ mb: 2 }}>{children}</Typography>}
          <TextField
            {...form.register('reason')}
            autoFocus
            fullWidth
            multiline
            minRows={3}
            label={texts.label}
            error={!!error}
            helperText={error ? texts.message(error) : texts.help}
            slotProps={{ htmlInput: { 'data-testid': 'reason-input' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{tc('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={pending} data-testid="reason-confirm">
            {texts.confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
