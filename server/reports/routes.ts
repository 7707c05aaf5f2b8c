import type { FastifyInstance } from 'fastify';
import { reportQuerySchema } from '../../shared/api/reports';
import type { ReportFilter } from '../../shared/domain/reports';
import type { CimsContext } from '../access/context';
import { audit } from '../audit';
import type { Queryable } from '../db/db';
import { parseBody, route } from '../http/route';
import { backlogFromSql, csatFromDb, escalationsFromDb, problemsFromDb, slaFromDb } from './flows';
import { checkFilter, reportContext } from './scope';
import { tl9000FromSql } from './tl9000';

/**
 * Settings of a report's transaction. Its statements are planned as costly (they aggregate
 * over every ticket in scope) but read few rows through indexes: compiling them to machine
 * code costs more than running them (seconds against tens of milliseconds), so no JIT. Their
 * groupings sort a few hundred thousand narrow rows: in memory, not in temporary files.
 */
async function reportSettings(tx: Queryable): Promise<void> {
  await tx.query(`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
}

type Compute<R> = (q: Queryable, ctx: CimsContext, f: ReportFilter, now: number) => Promise<R>;

/** `GET /reports/<name>`: decode the query, check range and scope, then compute. */
export function registerReportRoutes(app: FastifyInstance, clock: () => number = Date.now): void {
  const { db } = app.deps;
  const serve = <R>(compute: Compute<R>) =>
    async (request: Parameters<Parameters<typeof route>[2]>[0]): Promise<R> => {
      const user = await app.deps.requireUser(request);
      const f = parseBody(reportQuerySchema, request.query) as ReportFilter;
      const now = clock();
      let ctx: CimsContext;
      try {
        ctx = await reportContext(db, user, f);
      } catch (err) {
        await audit(db, { action: 'report', outcome: 'refused', actorId: user.id, actor: user.username, ip: request.ip, target: request.url.slice(0, 200) });
        throw err;
      }
      await checkFilter(db, f, now);
      return db.transaction(async (tx) => {
        await reportSettings(tx);
        return compute(tx, ctx, f, now);
      });
    };
  route(app, 'reportTl9000', serve(tl9000FromSql));
  route(app, 'reportSla', serve(slaFromDb));
  route(app, 'reportBacklog', serve(backlogFromSql));
  route(app, 'reportEscalations', serve(escalationsFromDb));
  route(app, 'reportCsat', serve(csatFromDb));
  route(app, 'reportProblems', serve(problemsFromDb));
}
