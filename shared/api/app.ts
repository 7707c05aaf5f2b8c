import { z } from 'zod';
import { command, slice } from './define';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export interface AppInfo {
  version: string;
  /** 'electron' in the desktop app, 'harness' in the browser harness. */
  shell: 'electron' | 'harness';
  locale: Locale;
}

/** The application itself: version and the language main uses for menus and dialogs. */
export const appApi = slice({
  commands: {
    'app.info': command<AppInfo>()(z.object({}).strict()),
    'app.setLocale': command<{ locale: Locale }>()(z.object({ locale: z.enum(locales) }).strict()),
  },
  liveQueries: {},
});
