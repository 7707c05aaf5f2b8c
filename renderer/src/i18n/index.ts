import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { locales, type Locale } from '../../../shared/api/app';
import { namespaces, resources } from './resources';

const STORAGE_KEY = 'cims.locale';

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/** The saved choice, else the browser's language, else English. */
export const initialLocale = (): Locale => {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
};

export const rememberLocale = (locale: Locale): void => {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
};

export const createI18n = (locale: Locale): i18n => {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    ns: namespaces,
    defaultNS: 'common',
    lng: locale,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    // No vendor notice in the console of a user's app (or in every test's output).
    showSupportNotice: false,
  });
  return instance;
};

/** The language i18next is showing, as one of ours. */
export const currentLocale = (instance: i18n): Locale => (isLocale(instance.language) ? instance.language : 'en');
