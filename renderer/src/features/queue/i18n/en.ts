export const en = {
  heading: 'Queues',
  views: {
    label: 'Queue',
    mine: 'My open tickets',
    team: "My team's queue",
    unassigned: 'Unassigned',
    open: 'All open',
    pending: 'Pending',
    resolved: 'Recently resolved',
    all: 'All tickets',
  },
  empty: {
    mine: 'Nothing assigned to you is open. Take a ticket from your team’s queue.',
    other: 'No tickets in this queue.',
  },
  total_one: '{{count}} ticket',
  total_other: '{{count}} tickets',
} as const;
