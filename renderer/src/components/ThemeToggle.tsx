import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import { IconButton, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useThemeMode } from '../app/theme';

/** Flips between light and dark; "follow the system" is chosen in the settings. */
export const ThemeToggle = () => {
  const { t } = useTranslation();
  const { resolved, setMode } = useThemeMode();
  return (
    <Tooltip title={t('theme.toggle')}>
      <IconButton
        color="inherit"
        aria-label={t('theme.toggle')}
        data-testid="theme-toggle"
        onClick={() => setMode(resolved === 'dark' ? 'light' : 'dark')}
      >
        {resolved === 'dark' ? <LightModeOutlined /> : <DarkModeOutlined />}
      </IconButton>
    </Tooltip>
  );
};
