import { FormControl, FormControlLabel, FormLabel, Paper, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { themeModes, useThemeMode, type ThemeMode } from '../../../app/theme';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { ServerSection } from '../components/ServerSection';

/** Per-device preferences: language, appearance and the server. */
export const SettingsPage = () => {
  const { t } = useTranslation('settings');
  const { mode, setMode } = useThemeMode();
  return (
    <>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('heading')}
      </Typography>
      <Paper sx={{ p: 3, maxWidth: 640 }}>
        <Stack spacing={3}>
          <FormControl component="fieldset">
            <FormLabel component="legend">{t('language')}</FormLabel>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {t('languageHint')}
            </Typography>
            <LanguageSwitch onDark={false} />
          </FormControl>
          <FormControl component="fieldset">
            <FormLabel component="legend" id="theme-mode-label">
              {t('theme')}
            </FormLabel>
            <RadioGroup
              aria-labelledby="theme-mode-label"
              value={mode}
              onChange={(event) => setMode(event.target.value as ThemeMode)}
              row
            >
              {themeModes.map((option) => (
                <FormControlLabel
                  key={option}
                  value={option}
                  control={<Radio slotProps={{ input: { 'data-testid': `theme-${option}` } as object }} />}
                  label={t(`themeMode.${option}`)}
                />
              ))}
            </RadioGroup>
          </FormControl>
          <ServerSection />
        </Stack>
      </Paper>
    </>
  );
};
