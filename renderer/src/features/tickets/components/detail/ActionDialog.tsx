import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import type { FormEventHandler, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The frame of every ticket action: a titled form, the core's refusal, cancel and save. */
export const ActionDialog = (props: {
  open: boolean;
  title: string;
  testId: string;
  onClose: () => void;
  onSubmit: FormEventHandler<HTMLFormElement>;
  pending: boolean;
  error: string | null;
  submitLabel?: string;
  children: ReactNode;
}) => {
  const { t } = useTranslation('ticketDetail');
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby={`${props.testId}-title`}>
      <form noValidate onSubmit={props.onSubmit} data-testid={props.testId}>
        <DialogTitle id={`${props.testId}-title`}>{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.children}
            {props.error && (
              <Alert severity="error" data-testid={`${props.testId}-error`}>
                {props.error}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('dialog.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={props.pending} data-testid={`${props.testId}-submit`}>
            {props.submitLabel ?? t('dialog.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
