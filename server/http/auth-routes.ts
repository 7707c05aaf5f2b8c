import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loginRequestSchema, refreshRequestSchema } from '../../shared/sync/protocol';
import { audit } from '../audit';
import { toSessionUser } from '../auth/users';
import { parseBody } from './sync-routes';

const logoutSchema = z.object({ refreshToken: z.string().min(16).max(512).optional() }).strict();

export function registerAuthRoutes(app: FastifyInstance): void {
  const { auth, db } = app.deps;

  app.post('/auth/login', async (request) => {
    const body = parseBody(loginRequestSchema, request.body);
    return auth.login(body.username, body.password, request.ip, body.device);
  });

  app.post('/auth/refresh', async (request) => {
    const body = parseBody(refreshRequestSchema, request.body);
    return auth.refresh(body.refreshToken, request.ip);
  });

  // Body optional: with a refresh token ends that session, without ends all of the user's.
  app.post('/auth/logout', async (request) => {
    const user = await app.deps.requireUser(request);
    const body = parseBody(logoutSchema, request.body ?? {});
    await auth.logout(user.id, body.refreshToken);
    await audit(db, { action: 'logout', outcome: 'ok', actorId: user.id, actor: user.username, ip: request.ip });
    return { ok: true };
  });

  app.get('/auth/me', async (request) => {
    const user = await app.deps.requireUser(request);
    return { user: toSessionUser(user) };
  });
}
