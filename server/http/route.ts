/**
 * Registers a server handler for a route of the shared table (shared/sync/routes.ts): the
 * method and path come from the table, the handler's params and answer are typed from it, so
 * the server returns what the clients decode with the same table's reply schema.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { routes, type RouteName, type RouteParams } from '../../shared/sync/routes';
import { HttpError } from './errors';

type ReplyOf<N extends RouteName> = (typeof routes)[N] extends { reply: infer S extends z.ZodType } ? z.input<S> : unknown;
type BodyOf<N extends RouteName> = (typeof routes)[N] extends { body: infer S extends z.ZodType } ? z.output<S> : never;

export type RouteRequest<N extends RouteName> = FastifyRequest<{ Params: RouteParams<N> }>;
/** A handler answers with the route's reply, or sends (or hijacks) the reply itself. */
export type RouteHandler<N extends RouteName> = (request: RouteRequest<N>, reply: FastifyReply) => Promise<ReplyOf<N> | FastifyReply | undefined>;

export function route<N extends RouteName>(app: FastifyInstance, name: N, handler: RouteHandler<N>): void {
  const spec = routes[name];
  app.route<{ Params: RouteParams<N> }>({ method: spec.method, url: spec.path, handler });
}

/** Decodes a body with its schema; the first issue becomes a coded 400 naming the field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw new HttpError(400, 'BAD_REQUEST', `Invalid request${field ? ` at ${field}` : ''}: ${issue?.message ?? 'bad body'}`, field);
  }
  return r.data;
}

/** The request body of a table route, decoded with the table's schema. */
export function routeBody<N extends RouteName>(name: N, body: unknown): BodyOf<N> {
  const schema = (routes[name] as { body?: z.ZodType }).body;
  if (!schema) throw new Error(`Route ${name} has no body schema`);
  return parseBody(schema, body) as BodyOf<N>;
}
