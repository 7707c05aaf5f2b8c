/**
 * npm run bench:download: what the store's worker spends per downloaded ticket, the part of
 * `clientCpuUsPerDoc` (bench:sync) that is SQLite and the page's own JavaScript. Pages of
 * 1,000 CIMS tickets, as the server answers a pull, are parsed and written by writePage
 * (../electron/db/download-page.ts) into a new store in this thread, with the tickets'
 * projection and full-text index, as the worker does. Then the same with one part left out
 * at a time (the projection, the full-text index, RxDB's meta rows), which tells what each
 * costs. Configurations alternate, so load on the machine hits each alike; medians are shown.
 * CPU is the process's (this thread and V8's helper threads). Not part of npm test.
 * Env: BENCH_PAGES (50), BENCH_RUNS (3).
 */
import { fillWithDefaultSettings, getRxReplicationMetaInstanceSchema, now, type RxJsonSchema, type RxStorageInstance } from 'rxdb';
import { getRxStorageSQLite } from '../electron/db/sqlite-storage';
import { tempDir } from '../electron/db/sqlite-storage/test-builders';
import { parsePage, writePage, type DownloadInstances, type DownloadPageRequest } from '../electron/db/download-page';
import { cimsFullText } from '../electron/db/search-spec';
import { cimsProjections } from '../electron/db/ticket-projection';
import { collections } from '../shared/schema';
import { aTicket } from '../shared/domain/testing/builders';
import { median, round } from './lib/stats';

const PAGES = Number(process.env.BENCH_PAGES ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGE_SIZE = 1000;

type Config = { name: string; fullText: boolean; projection: boolean; meta: boolean };
const CONFIGS: Config[] = [
  { name: 'as the app writes', fullText: true, projection: true, meta: true },
  { name: 'without the projection', fullText: true, projection: false, meta: true },
  { name: 'without the full-text index', fullText: false, projection: true, meta: true },
  { name: "without RxDB's meta rows", fullText: true, projection: true, meta: false },
  { name: 'documents only', fullText: false, projection: false, meta: false },
];

/** The pages as the server sends them: JSON bytes of 1,000 tickets and a checkpoint. */
const makePages = (): ArrayBuffer[] => {
  const pages: ArrayBuffer[] = [];
  for (let p = 0, seq = 0; p < PAGES; p++) {
    const documents = Array.from({ length: PAGE_SIZE }, () => ({ ...aTicket({}), _deleted: false }));
    seq += PAGE_SIZE;
    pages.push(new TextEncoder().encode(JSON.stringify({ documents, checkpoint: { seq, id: documents[documents.length - 1]!.id } })).buffer as ArrayBuffer);
  }
  return pages;
};

const schema = fillWithDefaultSettings(collections.tickets.rxSchema as RxJsonSchema<never>);
const params = (collectionName: string, s: unknown) =>
  ({ databaseName: 'cims', collectionName, schema: s, options: {}, multiInstance: false, databaseInstanceToken: 'bench-token', devMode: false }) as never;

async function run(config: Config, pages: ArrayBuffer[]): Promise<{ cpuUs: number; wallUs: number }> {
  const { dir, cleanup } = tempDir('cims-download-bench-');
  const storage = getRxStorageSQLite({ directory: dir, fullText: config.fullText ? cimsFullText : {}, projections: config.projection ? cimsProjections : {} });
  const fork = await storage.createStorageInstance(params('tickets', schema));
  const meta = await storage.createStorageInstance(params('rx-replication-meta-bench', getRxReplicationMetaInstanceSchema(schema as never, false)));
  const request: Omit<DownloadPageRequest, 'bytes' | 'inFlight'> = {
    cimsDownload: 'page',
    requestId: 1,
    databaseName: 'cims',
    collectionName: 'tickets',
    schemaVersion: schema.version,
    metaCollectionName: 'rx-replication-meta-bench',
    context: 'replication-downstream-bench',
    checkpointKey: 'bench',
    identifierHash: 'bench',
    databaseToken: 'bench-token',
    skipStoringPullMeta: !config.meta,
    lwt: 0,
  };
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const bytes of pages) {
      const page = parsePage(bytes);
      writePage({ fork, meta } as unknown as DownloadInstances, { ...request, lwt: now() }, page.documents, page.checkpoint);
    }
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const docs = pages.length * PAGE_SIZE;
    return { cpuUs: (cpu.user + cpu.system) / docs, wallUs: (wallMs * 1000) / docs };
  } finally {
    await Promise.all([fork, meta].map((i: RxStorageInstance<unknown, unknown, unknown>) => i.close()));
    cleanup();
  }
}

async function main(): Promise<void> {
  const pages = makePages();
  const results = new Map<string, { cpu: number[]; wall: number[] }>(CONFIGS.map((c) => [c.name, { cpu: [], wall: [] }]));
  for (let r = 0; r < RUNS; r++) {
    for (const config of CONFIGS) {
      const { cpuUs, wallUs } = await run(config, pages);
      results.get(config.name)!.cpu.push(cpuUs);
      results.get(config.name)!.wall.push(wallUs);
    }
  }
  const full = median(results.get(CONFIGS[0]!.name)!.cpu);
  console.log(`store's worker per downloaded ticket: ${PAGES} pages of ${PAGE_SIZE} tickets, median of ${RUNS} runs`);
  console.log(`${'configuration'.padEnd(32)}${'CPU (us)'.padStart(10)}${'wall (us)'.padStart(11)}${'saves (us)'.padStart(12)}`);
  for (const config of CONFIGS) {
    const { cpu, wall } = results.get(config.name)!;
    const c = median(cpu);
    console.log(`${config.name.padEnd(32)}${String(round(c, 1)).padStart(10)}${String(round(median(wall), 1)).padStart(11)}${(config === CONFIGS[0] ? '' : String(round(full - c, 1))).padStart(12)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
