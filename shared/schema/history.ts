/**
 * Earlier schema versions of the collections, exactly as they were released, so that tests
 * can build a store written by the previous version and open it with this one (a migration
 * is tested on real data, not on a description of it). Add the old definition here whenever
 * a collection's version is bumped; never change an entry.
 */
import { defineCollection } from './builder';
import { ASSET_INDEXES, collections, TICKET_EVENT_INDEXES, TICKET_INDEXES } from './index';
import { assetSchemaV0 } from './assets';
import { ticketSchemaV0 } from './tickets';
import { ticketEventSchemaV0 } from './ticketEvents';

export const previousVersions = {
  tickets: {
    0: defineCollection({ name: 'tickets', zod: ticketSchemaV0, conflict: 'merge', indexes: TICKET_INDEXES }),
  },
  assets: {
    0: defineCollection({ name: 'assets', zod: assetSchemaV0, conflict: 'merge', indexes: ASSET_INDEXES }),
  },
  ticketEvents: {
    0: defineCollection({ name: 'ticketEvents', zod: ticketEventSchemaV0, conflict: 'immutable', indexes: TICKET_EVENT_INDEXES }),
  },
} as const;

/**
 * The collection set of the release before this one: every collection at its previous
 * version, without the ones added since (`records` is created when the store next opens).
 */
const { records: _addedSince, ...releasedBefore } = collections;
export const collectionsAtPreviousRelease = { ...releasedBefore, tickets: previousVersions.tickets[0], assets: previousVersions.assets[0], ticketEvents: previousVersions.ticketEvents[0] };
