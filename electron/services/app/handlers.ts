import type { appApi, AppInfo, Locale } from '../../../shared/api/app';
import type { SliceHandlers } from '../../core/router';
import type { SettingsStore } from '../../core/settings';

export interface AppHandlerOptions {
  version: string;
  shell: AppInfo['shell'];
  settings: SettingsStore;
  /** Called when the user picks another language (the Electron shell rebuilds its menu). */
  onLocaleChange?: (locale: Locale) => void;
}

export const appHandlers = ({ version, shell, settings, onLocaleChange }: AppHandlerOptions): SliceHandlers<typeof appApi> => ({
  commands: {
    'app.info': async () => ({ version, shell, locale: settings.get().locale }),
    'app.setLocale': async ({ locale }) => {
      await settings.update({ locale });
      onLocaleChange?.(locale);
      return { locale };
    },
  },
  liveQueries: {},
});
