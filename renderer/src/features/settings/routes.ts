import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const settingsFeature: Feature = {
  routes: [{ path: 'settings', lazy: lazyPage(() => import('./pages/SettingsPage'), 'SettingsPage') }],
  nav: [{ to: '/settings', label: 'nav.settings', icon: SettingsOutlined, order: 90 }],
};
