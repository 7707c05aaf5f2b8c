import StorefrontOutlined from '@mui/icons-material/StorefrontOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const customersFeature: Feature = {
  routes: [
    { path: 'customers', lazy: lazyPage(() => import('./pages/CustomersPage'), 'CustomersPage') },
    { path: 'customers/:id', lazy: lazyPage(() => import('./pages/CustomerPage'), 'CustomerPage') },
  ],
  nav: [{ to: '/customers', label: 'nav.customers', icon: StorefrontOutlined, order: 30 }],
};
