import { useTranslation } from 'react-i18next';
import type { PersonRef } from '../../../../../shared/api/assessments';

/** A person's name in the UI's language (the Chinese name where one is recorded). */
export const usePersonName = () => {
  const { i18n } = useTranslation();
  return (p: PersonRef) => (i18n.language === 'zh-CN' && p.nameZh ? p.nameZh : p.name);
};

/** A criterion's label in the UI's language. */
export const useCriterionLabel = () => {
  const { i18n } = useTranslation();
  return (c: { labelEn: string; labelZh: string }) => (i18n.language === 'zh-CN' ? c.labelZh : c.labelEn);
};
