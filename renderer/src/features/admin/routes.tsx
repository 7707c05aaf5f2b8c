import AdminPanelSettingsOutlined from '@mui/icons-material/AdminPanelSettingsOutlined';
import { Navigate } from 'react-router';
import { lazyPage, type Feature } from '../../app/feature';

export const adminFeature: Feature = {
  routes: [
    { path: 'admin', element: <Navigate to="/admin/people" replace /> },
    { path: 'admin/people', lazy: lazyPage(() => import('./pages/PeoplePage'), 'PeoplePage') },
    { path: 'admin/teams', lazy: lazyPage(() => import('./pages/TeamsPage'), 'TeamsPage') },
    { path: 'admin/customers', lazy: lazyPage(() => import('./pages/CustomersPage'), 'CustomersPage') },
    { path: 'admin/sla', lazy: lazyPage(() => import('./pages/SlaPage'), 'SlaPage') },
    { path: 'admin/calendars', lazy: lazyPage(() => import('./pages/CalendarsPage'), 'CalendarsPage') },
    { path: 'admin/escalation', lazy: lazyPage(() => import('./pages/EscalationPage'), 'EscalationPage') },
    { path: 'admin/priority', lazy: lazyPage(() => import('./pages/PriorityPage'), 'PriorityPage') },
    { path: 'admin/templates', lazy: lazyPage(() => import('./pages/TemplatesPage'), 'TemplatesPage') },
    { path: 'admin/settings', lazy: lazyPage(() => import('./pages/SettingsPage'), 'SettingsPage') },
    { path: 'admin/audit', lazy: lazyPage(() => import('./pages/AuditPage'), 'AuditPage') },
  ],
  nav: [{ to: '/admin/people', label: 'nav.admin', icon: AdminPanelSettingsOutlined, order: 85, roles: ['admin'] }],
};
