import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en';

type Key = keyof (typeof en)['validation'];
const isKey = (key: string): key is Key => Object.prototype.hasOwnProperty.call(en.validation, key);

/** Schema messages are keys of this namespace (`validation.*`); anything else shows the generic text. */
export const useFieldMessage = () => {
  const { t } = useTranslation('customers');
  return useCallback(
    (message: string | undefined) => {
      if (!message) return undefined;
      const key = message.replace(/^validation\./, '');
      return t(`validation.${isKey(key) ? key : 'invalid'}`);
    },
    [t],
  );
};
