import ConfirmationNumberOutlined from '@mui/icons-material/ConfirmationNumberOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const ticketsFeature: Feature = {
  routes: [
    { path: 'tickets', lazy: lazyPage(() => import('./pages/TicketsPage'), 'TicketsPage') },
    { path: 'tickets/:number', lazy: lazyPage(() => import('./pages/TicketPage'), 'TicketPage') },
  ],
  nav: [{ to: '/tickets', label: 'nav.tickets', icon: ConfirmationNumberOutlined, order: 10 }],
};
