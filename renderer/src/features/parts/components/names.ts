import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The part's name in the reader's language, falling back to the other one. */
export const usePartName = () => {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return useCallback((p: { nameEn: string; nameZh: string }) => (zh ? p.nameZh || p.nameEn : p.nameEn || p.nameZh), [zh]);
};

/** Supplier names likewise (the Chinese one is optional). */
export const useSupplierName = () => {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return useCallback((s: { name: string; nameZh: string }) => (zh && s.nameZh ? s.nameZh : s.name), [zh]);
};
