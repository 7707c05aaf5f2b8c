import ViewKanbanOutlined from '@mui/icons-material/ViewKanbanOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const boardFeature: Feature = {
  routes: [{ path: 'board', lazy: lazyPage(() => import('./pages/BoardPage'), 'BoardPage') }],
  nav: [{ to: '/board', label: 'nav.board', icon: ViewKanbanOutlined, order: 10, roles: ['engineer', 'expert', 'manager', 'admin'] }],
};
