/**
 * npx tsx bench/maintenance.bench.ts: generating a year of maintenance rounds for BENCH_ASSETS
 * (default 10,000) assets on loopback PostgreSQL, with the server's own generator
 * (server/rounds/generator.ts). Two layouts: one monthly plan per asset (the worst case, a
 * round per asset and month), monthly plans of ten assets each (a site's rack), and monthly
 * plans of a model at a customer (10 customers x 10 models, the server finding each plan's
 * assets in service among the 10,000 registered). Each is run twice: the first writes the
 * rounds, the second finds them all and writes none (what every later tick costs). Prints and
 * writes bench/results/maintenance.json. Not in npm test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidV7, seededRandom } from '../shared/domain/ids';
import { anAsset } from '../shared/domain/testing/builders';
import { aMaintenancePlan } from '../shared/domain/testing/maintenance';
import { cimsRegistry } from '../server/access/cims';
import { migrate } from '../server/db/migrate';
import { openPg } from '../server/db/pg';
import { generateRounds } from '../server/rounds/generator';
import { writeServerDocs } from '../server/sync/engine';
import { createPgDatabase } from '../server/testing/test-db';
import { round } from './lib/stats';

const ASSETS = Number(process.env.BENCH_ASSETS ?? 10_000);
const rnd = seededRandom(15);
const now = Date.parse('2026-01-01T00:00:00.000Z');
const newId = () => uuidV7(now, rnd);

const CUSTOMERS = 10;
const MODELS = 10;

/** `perPlan` assets listed in each plan, or (`model`) a plan per customer and model with the assets registered. */
async function layout(perPlan: number | 'model') {
  const { url, drop } = await createPgDatabase();
  const db = await openPg(url);
  try {
    await migrate(db);
    const reg = cimsRegistry();
    const startDate = (i: number) => `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`;
    let plans: ReturnType<typeof aMaintenancePlan>[];
    if (perPlan === 'model') {
      const customers = Array.from({ length: CUSTOMERS }, newId);
      const assets = Array.from({ length: ASSETS }, (_, i) => anAsset({ id: newId(), assetCode: `AS-${i}`, customerId: customers[i % CUSTOMERS]!, model: `M-${Math.floor(i / CUSTOMERS) % MODELS}` }));
      for (let i = 0; i < assets.length; i += 1000) await db.transaction((tx) => writeServerDocs(tx, reg.get('assets')!, assets.slice(i, i + 1000).map((doc) => ({ doc }))));
      plans = customers.flatMap((customerId, c) =>
        Array.from({ length: MODELS }, (_, m) =>
          aMaintenancePlan({ id: newId(), createdAt: '2025-12-01T00:00:00.000Z', body: { customerId, siteId: null, scope: 'model', model: `M-${m}`, assetIds: [], startDate: startDate(c * MODELS + m) } }),
        ),
      );
    } else {
      const n = perPlan;
      plans = Array.from({ length: Math.ceil(ASSETS / n) }, (_, i) =>
        aMaintenancePlan({ id: newId(), createdAt: '2025-12-01T00:00:00.000Z', body: { assetIds: Array.from({ length: n }, newId), startDate: startDate(i) } }),
      );
    }
    for (let i = 0; i < plans.length; i += 1000) {
      await db.transaction((tx) => writeServerDocs(tx, reg.get('records')!, plans.slice(i, i + 1000).map((doc) => ({ doc }))));
    }
    // As autovacuum would after a bulk load: without statistics the id lookups scan.
    await db.exec('analyze sync_docs');
    const range = { from: '2026-01-01', to: '2026-12-31' };
    const t0 = performance.now();
    const written = await generateRounds(db, reg, now, range);
    const firstMs = performance.now() - t0;
    await db.exec('analyze sync_docs');
    const t1 = performance.now();
    const again = await generateRounds(db, reg, now, range);
    const secondMs = performance.now() - t1;
    return { assetsPerPlan: perPlan === 'model' ? ASSETS / (CUSTOMERS * MODELS) : perPlan, scope: perPlan === 'model' ? 'model' : 'assets', plans: plans.length, rounds: written, writtenAgain: again, firstRunS: round(firstMs / 1000, 2), noopRunS: round(secondMs / 1000, 2) };
  } finally {
    await db.close();
    await drop();
  }
}

const results = { assets: ASSETS, year: 2026, layouts: [await layout(1), await layout(10), await layout('model')] };
for (const r of results.layouts) {
  console.log(
    `${ASSETS} assets, ${r.assetsPerPlan} per plan (${r.plans} monthly ${r.scope === 'model' ? 'model ' : ''}plans): a year of ${r.rounds} rounds generated in ${r.firstRunS} s; the next run writes ${r.writtenAgain} in ${r.noopRunS} s`,
  );
}
mkdirSync(join('bench', 'results'), { recursive: true });
writeFileSync(join('bench', 'results', 'maintenance.json'), `${JSON.stringify(results, null, 2)}\n`);
