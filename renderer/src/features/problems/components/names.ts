import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A person's name in the screen's language: the Chinese one in zh-CN where there is one. */
export const usePersonName = () => {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return useCallback((name: string, nameZh?: string) => (zh && nameZh ? nameZh : name) || '—', [zh]);
};
