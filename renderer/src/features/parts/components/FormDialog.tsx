import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import type { FormEvent, ReactNode } from 'react';

/** A dialog around one form: its fields, the core's refusal, cancel and submit. */
export const FormDialog = (props: { title: string; testId: string; onClose: () => void; onSubmit: (e?: FormEvent) => Promise<void>; pending: boolean; error: string | null; submitLabel: string; cancelLabel: string; children: ReactNode }) => (
  <Dialog
    open
    onClose={props.onClose}
    fullWidth
    maxWidth="sm"
    aria-labelledby={`${props.testId}-title`}
    slotProps={{ paper: { component: 'form', onSubmit: (e: FormEvent) => void props.onSubmit(e), noValidate: true, 'data-testid': props.testId } as object }}
  >
    <DialogTitle id={`${props.testId}-title`}>{props.title}</DialogTitle>
    <DialogContent>
      <Stack spacing={2} sx={{ mt: 1 }}>
        {props.children}
        {props.error && (
          <Alert severity="error" data-testid={`${props.testId}-error`}>
            {props.error}
          </Alert>
        )}
      </Stack>
    </DialogContent>
    <DialogActions>
      <Button onClick={props.onClose} data-testid={`${props.testId}-cancel`}>
        {props.cancelLabel}
      </Button>
      <Button type="submit" variant="contained" disabled={props.pending} data-testid={`${props.testId}-submit`}>
        {props.submitLabel}
      </Button>
    </DialogActions>
  </Dialog>
);
