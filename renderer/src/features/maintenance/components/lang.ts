import { useTranslation } from 'react-i18next';
import type { Lang } from './ReadingField';

/** The app's language as the maintenance labels name it. */
export const useLang = (): Lang => {
  const { i18n } = useTranslation();
  return i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
};
