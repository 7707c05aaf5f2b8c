import { useSnackbar } from 'notistack';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/result';

/**
 * The one app-wide place where outcomes of commands reach the user: a snackbar in their
 * language. Error codes are translated; the core's English message is never shown.
 */
export const useNotify = () => {
  const { enqueueSnackbar } = useSnackbar();
  const { i18n } = useTranslation();
  return useMemo(
    () => ({
      // Translated in the language shown when the error arrives, not the one of the render
      // that started the command: a failing app.setLocale reports in the language just chosen.
      error: (error: ApiError) =>
        enqueueSnackbar(i18n.t(`errors.${error.code}`), { variant: 'error', preventDuplicate: true, autoHideDuration: 8_000 }),
      success: (message: string) => enqueueSnackbar(message, { variant: 'success', autoHideDuration: 4_000 }),
      info: (message: string) => enqueueSnackbar(message, { variant: 'info', autoHideDuration: 4_000 }),
    }),
    [enqueueSnackbar, i18n],
  );
};
