import AddCircleOutlined from '@mui/icons-material/AddCircleOutlined';
import ConfirmationNumberOutlined from '@mui/icons-material/ConfirmationNumberOutlined';
import { lazyPage, type Feature } from '../../app/feature';

export const ticketsFeature: Feature = {
  routes: [
    { path: 'tickets', lazy: lazyPage(() => import('./pages/TicketsPage'), 'TicketsPage') },
    // Before `tickets/:number`, so "new" is never taken for a ticket number.
    { path: 'tickets/new', lazy: lazyPage(() => import('./pages/NewTicketPage'), 'NewTicketPage') },
    { path: 'tickets/:number', lazy: lazyPage(() => import('./pages/TicketPage'), 'TicketPage') },
  ],
  nav: [
    { to: '/tickets', label: 'nav.tickets', icon: ConfirmationNumberOutlined, order: 10 },
    { to: '/tickets/new', label: 'nav.newTicket', icon: AddCircleOutlined, order: 11 },
  ],
};
