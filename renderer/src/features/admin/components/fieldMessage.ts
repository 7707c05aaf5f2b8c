import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en';

type Key = keyof (typeof en)['validation'];
const isKey = (key: string): key is Key => Object.prototype.hasOwnProperty.call(en.validation, key);

/**
 * Schema messages of the admin bodies are keys of this namespace (`validation.*`); anything
 * else (a check written elsewhere) shows the generic text rather than English in zh-CN.
 */
export const useFieldMessage = () => {
  const { t } = useTranslation('admin');
  return useCallback(
    (message: string | undefined) => {
      if (!message) return undefined;
      const key = message.replace(/^validation\./, '');
      return t(`validation.${isKey(key) ? key : 'invalid'}`);
    },
    [t],
  );
};
