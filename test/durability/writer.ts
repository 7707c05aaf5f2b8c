/**
 * Child process for the kill -9 test (D1): writes tickets through the storage as fast as
 * it can and prints `ack <id>` to stdout only after bulkWrite resolved. The parent kills it
 * at a random moment and then checks that every acknowledged id is in the file.
 *
 * argv: <directory> <databaseName> <idPrefix>
 */
import { writeSync } from 'node:fs';
import { durableTicket, openDurableTickets } from './ticket-schema';

async function main(): Promise<void> {
  const [directory, databaseName, prefix] = process.argv.slice(2);
  if (!directory || !databaseName || !prefix) throw new Error('usage: writer <directory> <databaseName> <idPrefix>');
  const instance = await openDurableTickets(directory, databaseName);
  writeSync(1, 'ready\n');
  for (let seq = 0; ; seq++) {
    // Batches of 1-4 tickets: one transaction each, acknowledged together.
    const docs = Array.from({ length: 1 + (seq % 4) }, (_, i) => durableTicket(`${prefix}-${seq}-${i}`, 100 + ((seq * 37) % 2000)));
    const res = await instance.bulkWrite(docs.map((document) => ({ document })), 'durability');
    if (res.error.length > 0) throw new Error(`unexpected write error ${JSON.stringify(res.error[0])}`);
    // writeSync: an acknowledgement is on the pipe before the next write starts.
    writeSync(1, docs.map((d) => `ack ${d.id}\n`).join(''));
  }
}

main().catch((err: unknown) => {
  writeSync(2, `writer failed: ${String(err)}\n`);
  process.exit(1);
});
