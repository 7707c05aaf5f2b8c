import { Alert, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { ApiError } from '../../../../../shared/api/result';
import { FormError } from './FormDialogParts';

export const policyNameField = z.string().trim().min(1, 'validation.policyNameRequired').max(120, 'validation.policyNameTooLong');
export const effectiveDateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.dateInvalid');

/** Save button, the retroactive warning, the server's refusal and the re-evaluation question. */
export const PolicySaveBar = ({
  testId,
  retroactive,
  scheduled = null,
  submitting,
  error,
  needsConfirm,
  onConfirm,
  onCancel,
}: {
  testId: string;
  retroactive: boolean;
  /** The later day the version will wait for, if its effective date is after today. */
  scheduled?: string | null;
  submitting: boolean;
  error: ApiError | null;
  needsConfirm: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation('admin');
  return (
    <Stack spacing={1}>
      {retroactive && !needsConfirm && (
        <Alert severity="info" data-testid={`${testId}-retroactive`}>
          {t('policies.retroactive')}
        </Alert>
      )}
      {scheduled && (
        <Alert severity="info" data-testid={`${testId}-scheduled`}>
          {t('policies.scheduledNote', { date: scheduled })}
        </Alert>
      )}
      {needsConfirm && (
        <Alert
          severity="warning"
          data-testid={`${testId}-confirm`}
          action={
            <Stack direction="row" spacing={1}>
              <Button color="inherit" size="small" onClick={onCancel}>
                {t('cancel')}
              </Button>
              <Button color="inherit" size="small" variant="outlined" onClick={onConfirm} data-testid={`${testId}-confirm-yes`}>
                {t('policies.reevaluate')}
              </Button>
            </Stack>
          }
        >
          {t('policies.confirmReevaluation')}
        </Alert>
      )}
      <FormError error={error} testId={`${testId}-error`} />
      {error?.fields && (
        <Alert severity="error" data-testid={`${testId}-error`}>
          {error.fields.some((f) => f.path === 'effectiveFrom') ? t('validation.effectiveFrom') : t('validation.server')}
        </Alert>
      )}
      <Stack direction="row">
        <Button type="submit" variant="contained" disabled={submitting || needsConfirm} data-testid={`${testId}-submit`}>
          {submitting ? t('saving') : t('policies.saveVersion')}
        </Button>
      </Stack>
    </Stack>
  );
};
