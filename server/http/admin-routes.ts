import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditQuerySchema } from '../../shared/sync/admin';
import { createPerson, toAdminUser, updateTeam, updateUser, addTeam } from '../admin';
import { cancelScheduledPolicy, rollbackPolicy, savePolicy, scheduledPolicies } from '../adminPolicies';
import { checkPasswordPolicy, saveSettings } from '../adminSettings';
import { audit, queryAudit } from '../audit';
import { findUserById, findUserByName, type UserRow } from '../auth/users';
import { HttpError } from './errors';
import { parseBody, route, routeBody } from './route';

/** The admin screens' routes: admins only; every refusal is audited. */
export function registerAdminRoutes(app: FastifyInstance): void {
  const { db, registry, config } = app.deps;

  async function requireAdmin(request: FastifyRequest): Promise<UserRow> {
    const user = await app.deps.requireUser(request);
    if (!user.roles.includes('admin')) {
      await audit(db, { action: 'admin', outcome: 'refused', actorId: user.id, actor: user.username, ip: request.ip, target: request.url.slice(0, 200) });
      throw new HttpError(403, 'FORBIDDEN', 'Requires the admin role');
    }
    return user;
  }
  const actor = (u: UserRow, request: FastifyRequest) => ({ id: u.id, name: u.username, ip: request.ip });

  route(app, 'createUser', async (request, reply) => {
    const admin = await requireAdmin(request);
    const body = routeBody('createUser', request.body);
    await checkPasswordPolicy(db, body.password, { names: [body.username, body.displayName], demo: config.demo });
    const user = await createPerson(db, registry, config.argon2MemoryKib, body, actor(admin, request));
    return reply.code(201).send({ user: toAdminUser(user) });
  });

  route(app, 'updateUser', async (request) => {
    const admin = await requireAdmin(request);
    const body = routeBody('updateUser', request.body);
    // Nobody locks themself out: an admin cannot disable their own account here.
    if (body.active === false && (request.params.id === admin.id || request.params.id === admin.username)) {
      throw new HttpError(400, 'VALIDATION_FAILED', 'You cannot disable your own account', 'active');
    }
    if (body.password !== undefined) {
      const target = (await findUserById(db, request.params.id)) ?? (await findUserByName(db, request.params.id));
      await checkPasswordPolicy(db, body.password, { names: [target?.username, target?.display_name, body.displayName], demo: config.demo });
    }
    const user = await updateUser(db, config.argon2MemoryKib, request.params.id, body, actor(admin, request), registry);
    return { user: toAdminUser(user) };
  });

  route(app, 'createTeam', async (request, reply) => {
    const admin = await requireAdmin(request);
    return reply.code(201).send({ team: await addTeam(db, registry, routeBody('createTeam', request.body), actor(admin, request)) });
  });

  route(app, 'updateTeam', async (request) => {
    const admin = await requireAdmin(request);
    return { team: await updateTeam(db, registry, request.params.id, routeBody('updateTeam', request.body), actor(admin, request)) };
  });

  route(app, 'auditLog', async (request) => {
    await requireAdmin(request);
    const filters = parseBody(auditQuerySchema, request.query);
    return { entries: await queryAudit(db, filters) };
  });

  route(app, 'savePolicy', async (request, reply) => {
    const admin = await requireAdmin(request);
    return reply.code(201).send({ policy: await savePolicy(db, registry, routeBody('savePolicy', request.body), actor(admin, request)) });
  });

  route(app, 'saveSettings', async (request, reply) => {
    const admin = await requireAdmin(request);
    return reply.code(201).send({ settings: await saveSettings(db, registry, routeBody('saveSettings', request.body), actor(admin, request)) });
  });

  route(app, 'policySchedule', async (request) => {
    await requireAdmin(request);
    return { scheduled: await scheduledPolicies(db) };
  });

  route(app, 'cancelPolicySchedule', async (request) => {
    const admin = await requireAdmin(request);
    routeBody('cancelPolicySchedule', request.body ?? {});
    await cancelScheduledPolicy(db, request.params.id, actor(admin, request));
    return { ok: true as const };
  });

  route(app, 'rollbackPolicy', async (request) => {
    const admin = await requireAdmin(request);
    return { policy: await rollbackPolicy(db, registry, request.params.id, routeBody('rollbackPolicy', request.body ?? {}), actor(admin, request)) };
  });
}
