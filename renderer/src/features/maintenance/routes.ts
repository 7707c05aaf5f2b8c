import BuildOutlined from '@mui/icons-material/BuildOutlined';
import { lazyPage, type Feature } from '../../app/feature';

/** Routes of UI.md's map: `#/maintenance`, `#/maintenance/plans/:id`, `#/maintenance/rounds/:id`; and the calendar of rounds, `#/maintenance/calendar`. */
export const maintenanceFeature: Feature = {
  routes: [
    { path: 'maintenance', lazy: lazyPage(() => import('./pages/MaintenancePage'), 'MaintenancePage') },
    { path: 'maintenance/calendar', lazy: lazyPage(() => import('./pages/CalendarPage'), 'CalendarPage') },
    { path: 'maintenance/plans/:id', lazy: lazyPage(() => import('./pages/PlanPage'), 'PlanPage') },
    { path: 'maintenance/rounds/:id', lazy: lazyPage(() => import('./pages/RoundPage'), 'RoundPage') },
  ],
  // Field staff do rounds; managers and admins keep plans and templates.
  nav: [{ to: '/maintenance', label: 'nav.maintenance', icon: BuildOutlined, order: 52, roles: ['technician', 'engineer', 'expert', 'manager', 'admin'] }],
  // The round report's print view: A4, without the frame, what the PDF is printed from.
  bareRoutes: [{ path: '/maintenance/rounds/:id/report', lazy: lazyPage(() => import('./pages/RoundReportPage'), 'RoundReportPage') }],
};
