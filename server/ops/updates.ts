/**
 * The desktop app's update feed: GET /updates/:file serves what the release process
 * published into CIMS_UPDATES_DIR (electron-builder's latest.yml, latest-mac.yml and
 * latest-linux.yml, the installers and their blockmaps) for electron-updater's generic
 * provider. Files are served by @fastify/static (ETag, Range for resumed downloads, no path
 * outside the folder); only plain file names are accepted.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors';
import { route } from '../http/route';

/** A published file: letters, digits, dot, dash, underscore, space; not hidden. */
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._ -]{0,199}$/;

export async function registerUpdateFeed(app: FastifyInstance, updatesDir: string | null): Promise<void> {
  if (updatesDir) await app.register(fastifyStatic, { root: updatesDir, serve: false, dotfiles: 'deny', index: false, cacheControl: false });
  route(app, 'updates', async (request, reply) => {
    const { file } = request.params;
    if (!updatesDir) throw new HttpError(404, 'NOT_FOUND', 'This server publishes no desktop updates');
    if (!FILE_NAME.test(file) || file.includes('..')) throw new HttpError(404, 'NOT_FOUND', 'No such update file');
    // The channel files say which version is current: never cached; installers are immutable.
    reply.header('cache-control', file.endsWith('.yml') ? 'no-cache' : 'public, max-age=31536000, immutable');
    return reply.sendFile(file);
  });
}
