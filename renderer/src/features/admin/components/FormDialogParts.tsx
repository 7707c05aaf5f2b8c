import { Alert, Button, DialogActions } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../../shared/api/result';

/** A failure no field explains (offline, refused, signed out), in the user's language. */
export const FormError = ({ error, testId }: { error: ApiError | null; testId: string }) => {
  const { t } = useTranslation();
  if (!error || error.fields) return null;
  return (
    <Alert severity="error" data-testid={testId}>
      {t(`errors.${error.code}`)}
    </Alert>
  );
};

/** Cancel and save for a dialog whose form has the id `form`. */
export const SaveActions = ({ form, submitting, onClose, testId }: { form: string; submitting: boolean; onClose: () => void; testId: string }) => {
  const { t } = useTranslation('admin');
  return (
    <DialogActions>
      <Button onClick={onClose}>{t('cancel')}</Button>
      <Button type="submit" form={form} variant="contained" disabled={submitting} data-testid={testId}>
        {submitting ? t('saving') : t('save')}
      </Button>
    </DialogActions>
  );
};
