/**
 * Earlier schema versions of the collections, exactly as they were released, so that tests
 * can build a store written by the previous version and open it with this one (a migration
 * is tested on real data, not on a description of it). Add the old definition here whenever
 * a collection's version is bumped; never change an entry.
 */
import { defineCollection } from './builder';
import { collections, TICKET_INDEXES } from './index';
import { ticketSchemaV0 } from './tickets';

export const previousVersions = {
  tickets: {
    0: defineCollection({ name: 'tickets', zod: ticketSchemaV0, conflict: 'merge', indexes: TICKET_INDEXES }),
  },
} as const;

/** The collection set of the release before this one (every collection at its previous version). */
export const collectionsAtPreviousRelease = { ...collections, tickets: previousVersions.tickets[0] };
