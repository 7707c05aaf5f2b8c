import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addTeam, addUser, newTeamSchema, newUserSchema, updateUser, updateUserSchema } from '../admin';
import { audit, auditEntries } from '../audit';
import { toSessionUser, type UserRow } from '../auth/users';
import { HttpError } from './errors';
import { parseBody, route } from './route';

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
    const body = parseBody(newUserSchema, request.body);
    const user = await addUser(db, registry, config.argon2MemoryKib, body, actor(admin, request));
    return reply.code(201).send({ user: toSessionUser(user) });
  });

  route(app, 'updateUser', async (request) => {
    const admin = await requireAdmin(request);
    const body = parseBody(updateUserSchema, request.body);
    const user = await updateUser(db, config.argon2MemoryKib, request.params.id, body, actor(admin, request));
    return { user: { ...toSessionUser(user), active: user.active } };
  });

  route(app, 'createTeam', async (request, reply) => {
    const admin = await requireAdmin(request);
    const body = parseBody(newTeamSchema, request.body);
    return reply.code(201).send({ team: await addTeam(db, registry, body, actor(admin, request)) });
  });

  route(app, 'auditLog', async (request) => {
    await requireAdmin(request);
    const action = (request.query as { action?: string }).action;
    return { entries: (await auditEntries(db, action)).slice(-1000) };
  });
}
