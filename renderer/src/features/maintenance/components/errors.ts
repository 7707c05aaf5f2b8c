import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../../shared/api/result';

/** A refused command in words: the field's maintenance code if it has one, else the common error. */
export const useErrorText = () => {
  const { t, i18n } = useTranslation('maintenance');
  const { t: tc } = useTranslation();
  return (error: ApiError | null | undefined): string | null => {
    if (!error) return null;
    const key = error.fields?.[0]?.message;
    if (key && i18n.exists(`maintenance:${key}`)) return t(key as 'errors.invalid');
    return tc(`errors.${error.code}`);
  };
};
