import { useTranslation } from 'react-i18next';
import type { en } from '../i18n/en';

type Key = `validation.${keyof (typeof en)['validation']}`;

/** Schema messages of shared/api/training.ts are keys of this namespace; others show as "not valid". */
export const useTrainingValidation = () => {
  const { t } = useTranslation('training');
  return (message: string | undefined): string | undefined => {
    if (!message) return undefined;
    const key = (message.startsWith('validation.') ? message : 'validation.invalid') as Key;
    return t(key);
  };
};
