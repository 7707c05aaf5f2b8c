import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en';

type Key = keyof (typeof en)['validation'];
const isKey = (key: string): key is Key => Object.prototype.hasOwnProperty.call(en.validation, key);

/**
 * Messages of the problem schemas and of main's refusals are keys of this namespace
 * (`validation.*`); anything else shows the generic text rather than English in zh-CN.
 */
export const useProblemMessage = () => {
  const { t } = useTranslation('problems');
  return useCallback(
    (message: string | undefined) => {
      if (!message) return undefined;
      const key = message.replace(/^validation\./, '');
      return t(`validation.${isKey(key) ? key : 'invalid'}`);
    },
    [t],
  );
};

/** The viewer's calendar date: due dates are local dates. */
export const localToday = (d = new Date()): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
