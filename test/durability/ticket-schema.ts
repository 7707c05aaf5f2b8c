import { createRevision, fillWithDefaultSettings, now, randomToken } from 'rxdb';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import { getRxStorageSQLite, type FullTextSpecs } from '../../electron/db/sqlite-storage/index';

/** A ticket shaped like CIMS's, reduced to what the durability tests need. */
export type DurableTicket = { id: string; title: string; team: string; status: string; slaDue: number; body: string };

export const durableTicketSchema: RxJsonSchema<RxDocumentData<DurableTicket>> = fillWithDefaultSettings<DurableTicket>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    title: { type: 'string', maxLength: 200 },
    team: { type: 'string', maxLength: 20 },
    status: { type: 'string', maxLength: 20 },
    slaDue: { type: 'integer', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 },
    body: { type: 'string' },
  },
  required: ['id', 'title', 'team', 'status', 'slaDue', 'body'],
  indexes: [['team', 'status', 'slaDue'], 'slaDue'],
});

export function durableTicket(id: string, bodyBytes = 200): RxDocumentData<DurableTicket> {
  return {
    id,
    title: `Pump 7 leaks again 泵 ${id}`,
    team: 'north',
    status: 'open',
    slaDue: Date.now() + 3_600_000,
    body: 'x'.repeat(bodyBytes),
    _deleted: false,
    _rev: createRevision(randomToken(10)),
    _meta: { lwt: now() },
    _attachments: {},
  };
}

/** Opens the tickets collection of `<directory>/<databaseName>.sqlite` on our SQLite storage. */
/** The tickets' full-text index is written with them: the durability tests cover it too. */
export const durableFullText: FullTextSpecs = {
  tickets: (doc) => ({ group: doc.id as string, head: doc.title as string, body: '' }),
};

export function openDurableTickets(directory: string, databaseName = 'store') {
  return getRxStorageSQLite({ directory, fullText: durableFullText }).createStorageInstance<DurableTicket>({
    databaseInstanceToken: randomToken(10),
    databaseName,
    collectionName: 'tickets',
    schema: durableTicketSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}
