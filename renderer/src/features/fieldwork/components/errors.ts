import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../../shared/api/result';
import { validationKey } from '../../../i18n/validation';

/** Field work's messages are codes (shared/api/fieldwork.ts): its own texts, else the common ones. */
export const useFieldworkText = () => {
  const { t, i18n } = useTranslation('fieldwork');
  const { t: tc } = useTranslation();
  const message = useCallback(
    (code: string | undefined): string | undefined => {
      if (!code) return undefined;
      return i18n.exists(`fieldwork:errors.${code}`)
        ? t(`errors.${code}` as 'errors.reason_required')
        : tc(validationKey(code));
    },
    [t, tc, i18n],
  );
  const error = useCallback(
    (e: ApiError | null | undefined): string | null => {
      if (!e) return null;
      const known = (e.fields ?? [])
        .flatMap((f) => [f.code, f.message])
        .find((c) => i18n.exists(`fieldwork:errors.${c}`));
      return known ? (message(known) ?? null) : tc(`errors.${e.code}`);
    },
    [message, tc, i18n],
  );
  return { message, error };
};
