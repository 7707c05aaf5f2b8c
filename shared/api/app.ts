import { z } from 'zod';
import { LOCALES, type Locale } from '../schema/enums';
import { command, slice } from './define';

/** The UI languages: the schema's list (a person's stored locale), not a second copy. */
export const locales = LOCALES;
export type { Locale };

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
