import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '../../../shared/api/app';
import { useTransport } from '../api/context';
import { isLocale, rememberLocale } from '../i18n';

export const LanguageSwitch = () => {
  const { t, i18n } = useTranslation();
  const transport = useTransport();
  const change = (_: unknown, value: Locale | null) => {
    if (!isLocale(value)) return;
    void i18n.changeLanguage(value);
    rememberLocale(value);
    // Main keeps the menu and native dialogs in the same language.
    void transport.invoke('app.setLocale', { locale: value });
  };
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={i18n.language}
      onChange={change}
      aria-label={t('language.label')}
      sx={{ bgcolor: 'rgba(255,255,255,0.9)' }}
    >
      {locales.map((locale) => (
        <ToggleButton key={locale} value={locale} lang={locale} data-testid={`locale-${locale}`}>
          {t(`language.${locale}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};
