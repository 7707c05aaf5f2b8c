import type { appApi, AppInfo, Diagnostics, Locale } from '../../../shared/api/app';
import type { SliceHandlers } from '../../core/router';
import type { SettingsStore } from '../../core/settings';

export interface AppHandlerOptions {
  version: string;
  shell: AppInfo['shell'];
  settings: SettingsStore;
  /** Called when the user picks another language (the Electron shell rebuilds its menu). */
  onLocaleChange?: (locale: Locale) => void;
  /** What "copy diagnostics" shows (diagnostics.ts). */
  diagnostics: () => Promise<Diagnostics>;
}

export const appHandlers = ({ version, shell, settings, onLocaleChange, diagnostics }: AppHandlerOptions): SliceHandlers<typeof appApi> => ({
  commands: {
    'app.info': async () => ({ version, shell, locale: settings.get().locale }),
    'app.diagnostics': () => diagnostics(),
    'app.setLocale': async ({ locale }) => {
      await settings.update({ locale });
      onLocaleChange?.(locale);
      return { locale };
    },
  },
  liveQueries: {},
});
