/**
 * Fills a harness's local store with the demo organisation's data, as if it had been synced,
 * so screens over many tickets can be tested without a server: the harness then runs local
 * only (CIMS_SERVER_URL=none) on `<dataDir>/client`.
 */
import { join } from 'node:path';
import { generateDemoData } from '../../shared/domain/demo';
import { openDatabase } from '../../electron/db/open';

const ORDER = ['policies', 'teams', 'people', 'customers', 'assets', 'problems', 'tickets', 'ticketEvents'] as const;
const BATCH = 2000;

export const seedLocalStore = async (dataDir: string, tickets: number): Promise<{ tickets: number; events: number }> => {
  const data = generateDemoData({ seed: 1, tickets });
  const db = await openDatabase({ directory: join(dataDir, 'client') });
  try {
    for (const name of ORDER) {
      const docs = data[name] as unknown[];
      for (let i = 0; i < docs.length; i += BATCH) await db[name].bulkInsert(docs.slice(i, i + BATCH) as never[]);
    }
  } finally {
    await db.close();
  }
  return { tickets: data.tickets.length, events: data.ticketEvents.length };
};
