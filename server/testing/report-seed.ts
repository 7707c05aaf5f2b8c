import type { ReportFixture } from '../../shared/domain/testing/report-fixture';
import { cimsRegistry } from '../access/cims';
import type { Db } from '../db/db';
import { writeServerDocs } from '../sync/engine';

/** Stores the reports' hand-made quarter (shared/domain/testing/report-fixture.ts) on the server. */
export async function seedReportFixture(db: Db, fx: ReportFixture): Promise<void> {
  const reg = cimsRegistry();
  await db.transaction(async (tx) => {
    await writeServerDocs(tx, reg.get('customers')!, fx.customers.map((doc) => ({ doc })));
    await writeServerDocs(tx, reg.get('policies')!, fx.policies.map((doc) => ({ doc })));
    await writeServerDocs(tx, reg.get('assets')!, fx.assets.map((doc) => ({ doc })));
    await writeServerDocs(tx, reg.get('tickets')!, Object.values(fx.tickets).map((doc) => ({ doc })));
    await writeServerDocs(tx, reg.get('ticketEvents')!, fx.events.map((doc) => ({ doc })));
    await writeServerDocs(tx, reg.get('problems')!, fx.problems.map((doc) => ({ doc })));
  });
}
