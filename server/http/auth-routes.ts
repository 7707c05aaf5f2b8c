import type { FastifyInstance } from 'fastify';
import { audit } from '../audit';
import { toSessionUser } from '../auth/users';
import { route, routeBody } from './route';

export function registerAuthRoutes(app: FastifyInstance): void {
  const { auth, db } = app.deps;

  route(app, 'login', async (request) => {
    const body = routeBody('login', request.body);
    return auth.login(body.username, body.password, request.ip, body.device, body.newPassword);
  });

  route(app, 'refresh', async (request) => {
    const body = routeBody('refresh', request.body);
    return auth.refresh(body.refreshToken, request.ip);
  });

  // Body optional: with a refresh token ends that session, without ends all of the user's.
  route(app, 'logout', async (request) => {
    const user = await app.deps.requireUser(request);
    const body = routeBody('logout', request.body ?? {});
    await auth.logout(user.id, body.refreshToken);
    await audit(db, { action: 'logout', outcome: 'ok', actorId: user.id, actor: user.username, ip: request.ip });
    return { ok: true as const };
  });

  route(app, 'me', async (request) => {
    const user = await app.deps.requireUser(request);
    return { user: toSessionUser(user) };
  });
}
