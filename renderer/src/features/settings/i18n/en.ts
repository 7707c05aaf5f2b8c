export const en = {
  heading: 'Settings',
  language: 'Language',
  languageHint: 'Menus, messages and dates follow this language.',
  theme: 'Appearance',
  themeMode: {
    light: 'Light',
    dark: 'Dark',
    system: 'Follow the system',
  },
  saved: 'Settings saved',
} as const;
