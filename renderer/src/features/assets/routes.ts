import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import { lazyPage, type Feature } from '../../app/feature';

export const assetsFeature: Feature = {
  routes: [
    { path: 'assets', lazy: lazyPage(() => import('./pages/AssetsPage'), 'AssetsPage') },
    { path: 'assets/:code', lazy: lazyPage(() => import('./pages/AssetPage'), 'AssetPage') },
  ],
  nav: [{ to: '/assets', label: 'nav.assets', icon: Inventory2Outlined, order: 30, roles: ['technician', 'engineer', 'expert', 'manager', 'admin'] }],
};
