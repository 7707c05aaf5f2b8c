import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en';

type Key = keyof (typeof en)['error'];
const isKey = (key: string): key is Key => Object.prototype.hasOwnProperty.call(en.error, key);

/** A form or service error code as text; an unknown one shows the generic text, never English in zh-CN. */
export const useAssetError = () => {
  const { t } = useTranslation('assets');
  return useCallback((code: string | undefined) => (code ? t(`error.${isKey(code) ? code : 'invalid'}`) : undefined), [t]);
};
