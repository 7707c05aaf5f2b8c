import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import LocalShippingOutlined from '@mui/icons-material/LocalShippingOutlined';
import { lazyPage, type Feature } from '../../app/feature';

/** Routes of UI.md's map: van stock and the parts catalogue, the suppliers and a supplier's page. */
export const partsFeature: Feature = {
  routes: [
    { path: 'parts', lazy: lazyPage(() => import('./pages/StockPage'), 'StockPage') },
    { path: 'parts/catalogue', lazy: lazyPage(() => import('./pages/CataloguePage'), 'CataloguePage') },
    { path: 'suppliers', lazy: lazyPage(() => import('./pages/SuppliersPage'), 'SuppliersPage') },
    { path: 'suppliers/:id', lazy: lazyPage(() => import('./pages/SupplierPage'), 'SupplierPage') },
  ],
  nav: [
    { to: '/parts', label: 'nav.parts', icon: Inventory2Outlined, order: 35, roles: ['technician', 'engineer', 'manager', 'admin'] },
    { to: '/suppliers', label: 'nav.suppliers', icon: LocalShippingOutlined, order: 65, roles: ['manager', 'admin'] },
  ],
};
