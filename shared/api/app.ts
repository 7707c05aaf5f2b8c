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

/**
 * What support needs to know about an installation, for "copy diagnostics" in the About
 * screen. No personal data: no names, no server address, no ticket contents.
 */
export interface Diagnostics {
  app: { version: string; shell: AppInfo['shell']; syncProtocol: number };
  platform: { os: string; arch: string; node: string; electron: string | null };
  store: { bytes: number; documents: Record<string, number> };
  sync: { state: string; signedIn: boolean; lastSuccessAt: string | null; pendingLocalChanges: number; lastErrorCode: string | null };
  generatedAt: string;
}

/** The application itself: version, diagnostics and the language main uses for menus and dialogs. */
export const appApi = slice({
  commands: {
    'app.info': command<AppInfo>()(z.object({}).strict()),
    'app.diagnostics': command<Diagnostics>()(z.object({}).strict()),
    'app.setLocale': command<{ locale: Locale }>()(z.object({ locale: z.enum(locales) }).strict()),
  },
  liveQueries: {},
});
