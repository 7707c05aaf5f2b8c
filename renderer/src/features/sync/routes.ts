import SyncOutlined from '@mui/icons-material/SyncOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const syncFeature: Feature = {
  routes: [{ path: 'sync', lazy: lazyPage(() => import('./pages/SyncPage'), 'SyncPage') }],
  nav: [{ to: '/sync', label: 'nav.sync', icon: SyncOutlined, order: 80 }],
};
