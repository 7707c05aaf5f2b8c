/**
 * The app's theme: light, dark or following the system, with MUI's and MUI X's texts in the
 * user's language. The choice is a per-device preference, like the language.
 */
import { CssBaseline, ThemeProvider, createTheme, useMediaQuery } from '@mui/material';
import { enUS, zhCN } from '@mui/material/locale';
import { enUS as gridEnUS, zhCN as gridZhCN } from '@mui/x-data-grid/locales';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/api/app';
import { currentLocale } from '../i18n';

export const themeModes = ['light', 'dark', 'system'] as const;
export type ThemeMode = (typeof themeModes)[number];

const STORAGE_KEY = 'cims.theme';
const packs = { en: [enUS, gridEnUS], 'zh-CN': [zhCN, gridZhCN] } as const;

export const savedThemeMode = (): ThemeMode => {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return themeModes.includes(saved as ThemeMode) ? (saved as ThemeMode) : 'system';
};

export const createAppTheme = (mode: 'light' | 'dark', locale: Locale) =>
  createTheme(
    {
      palette: {
        mode,
        primary: { main: mode === 'light' ? '#0b5394' : '#7fb2e5' },
        background: mode === 'dark' ? { default: '#121417', paper: '#1b1e22' } : { default: '#f5f7fa' },
      },
      shape: { borderRadius: 6 },
    },
    ...packs[locale],
  );

interface ThemeModeContextValue {
  mode: ThemeMode;
  resolved: 'light' | 'dark';
  setMode: (mode: ThemeMode) => void;
}

const ThemeModeContext = createContext<ThemeModeContextValue | null>(null);

export const useThemeMode = (): ThemeModeContextValue => {
  const value = useContext(ThemeModeContext);
  if (!value) throw new Error('useThemeMode outside AppThemeProvider');
  return value;
};

export const AppThemeProvider = ({ children, initialMode }: { children: ReactNode; initialMode?: ThemeMode }) => {
  const { i18n } = useTranslation();
  const [mode, setModeState] = useState<ThemeMode>(initialMode ?? savedThemeMode);
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const resolved = mode === 'system' ? (systemDark ? 'dark' : 'light') : mode;
  const locale = currentLocale(i18n);
  const theme = useMemo(() => createAppTheme(resolved, locale), [resolved, locale]);
  const setMode = useCallback((next: ThemeMode) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setModeState(next);
  }, []);
  const value = useMemo(() => ({ mode, resolved, setMode }), [mode, resolved, setMode]);
  return (
    <ThemeModeContext.Provider value={value}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </ThemeModeContext.Provider>
  );
};
