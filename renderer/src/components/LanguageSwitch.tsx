import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '../../../shared/api/app';
import { useCommand } from '../data/useCommand';
import { isLocale, rememberLocale } from '../i18n';

/** Switches the UI language at once; main follows for its menus and dialogs. */
export const LanguageSwitch = ({ onDark = true }: { onDark?: boolean }) => {
  const { t, i18n } = useTranslation();
  const setLocale = useCommand('app.setLocale');
  const change = (_: unknown, value: Locale | null) => {
    if (!isLocale(value)) return;
    void i18n.changeLanguage(value);
    rememberLocale(value);
    void setLocale.run({ locale: value });
  };
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={i18n.language}
      onChange={change}
      aria-label={t('language.label')}
      sx={onDark ? { bgcolor: 'background.paper' } : undefined}
    >
      {locales.map((locale) => (
        <ToggleButton key={locale} value={locale} lang={locale} data-testid={`locale-${locale}`}>
          {t(`language.${locale}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};
