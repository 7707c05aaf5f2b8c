import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import { lazyPage, type Feature } from '../../app/feature';

/** Routes of UI.md's map: `#/stocktakes` and `#/stocktakes/:id`. */
export const stocktakesFeature: Feature = {
  routes: [
    { path: 'stocktakes', lazy: lazyPage(() => import('./pages/StocktakesPage'), 'StocktakesPage') },
    { path: 'stocktakes/:id', lazy: lazyPage(() => import('./pages/StocktakePage'), 'StocktakePage') },
  ],
  // Technicians count, asset managers (managers, admins) open and reconcile (UI.md).
  nav: [{ to: '/stocktakes', label: 'nav.stocktakes', icon: FactCheckOutlined, order: 50, roles: ['technician', 'engineer', 'manager', 'admin'] }],
};
