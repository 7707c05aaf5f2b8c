/**
 * Every HTTP route of the sync server, written once. The server registers its handlers from
 * this table (server/http/route.ts) and the clients build their URLs from it (`routePath`),
 * so a path, a method or a body schema cannot drift between the two; a test checks that the
 * server registers exactly these routes. `body` is what the server decodes, `reply` what a
 * client decodes, `event` the data of each Server-Sent Event.
 */
import type { z } from 'zod';
import { reportQuerySchema, reportSchemas, type ReportName } from '../api/reports';
import {
  healthResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  logoutRequestSchema,
  meResponseSchema,
  okResponseSchema,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  refreshRequestSchema,
  streamEventSchema,
  streamQuerySchema,
} from './protocol';
import {
  adminTeamReplySchema,
  adminUserReplySchema,
  auditQuerySchema,
  auditReplySchema,
  createUserBody,
  teamBody,
  updateTeamBody,
  updateUserBody,
} from './admin';
import { cancelScheduleBody, policyReplySchema, policyScheduleReplySchema, rollbackPolicyBody, savePolicyBody } from './adminPolicies';
import { saveSettingsBody, settingsReplySchema } from './adminSettings';
import { blobStatusQuerySchema, blobStatusReplySchema, blobUploadQuerySchema } from './blobs';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

export interface RouteSpec {
  method: HttpMethod;
  /** Fastify path template: `:name` segments are parameters. */
  path: string;
  /** Requests must carry SYNC_VERSION_HEADER (or `?v=`); refused with 426 otherwise. */
  versioned: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  reply?: z.ZodType;
  event?: z.ZodType;
}

export const routes = {
  health: { method: 'GET', path: '/health', versioned: false, reply: healthResponseSchema },
  // Operations: load balancers and Prometheus, not the app (server/ops).
  ready: { method: 'GET', path: '/ready', versioned: false },
  metrics: { method: 'GET', path: '/metrics', versioned: false },
  // The desktop app's update feed (electron-updater's generic provider): latest*.yml, the
  // installers and their blockmaps, as published into CIMS_UPDATES_DIR.
  updates: { method: 'GET', path: '/updates/:file', versioned: false },

  login: { method: 'POST', path: '/auth/login', versioned: true, body: loginRequestSchema, reply: loginResponseSchema },
  refresh: { method: 'POST', path: '/auth/refresh', versioned: true, body: refreshRequestSchema, reply: loginResponseSchema },
  logout: { method: 'POST', path: '/auth/logout', versioned: true, body: logoutRequestSchema, reply: okResponseSchema },
  me: { method: 'GET', path: '/auth/me', versioned: true, reply: meResponseSchema },

  pull: { method: 'POST', path: '/sync/:collection/pull', versioned: true, body: pullRequestSchema, reply: pullResponseSchema },
  push: { method: 'POST', path: '/sync/:collection/push', versioned: true, body: pushRequestSchema, reply: pushResponseSchema },
  stream: { method: 'GET', path: '/sync/:collection/stream', versioned: true, query: streamQuerySchema, event: streamEventSchema },

  // Administration (admins only): the app's admin screens and the CLI (shared/sync/admin.ts).
  createUser: { method: 'POST', path: '/admin/users', versioned: false, body: createUserBody, reply: adminUserReplySchema },
  updateUser: { method: 'PATCH', path: '/admin/users/:id', versioned: false, body: updateUserBody, reply: adminUserReplySchema },
  createTeam: { method: 'POST', path: '/admin/teams', versioned: false, body: teamBody, reply: adminTeamReplySchema },
  updateTeam: { method: 'PATCH', path: '/admin/teams/:id', versioned: false, body: updateTeamBody, reply: adminTeamReplySchema },
  auditLog: { method: 'GET', path: '/admin/audit', versioned: false, query: auditQuerySchema, reply: auditReplySchema },
  savePolicy: { method: 'POST', path: '/admin/policies', versioned: false, body: savePolicyBody, reply: policyReplySchema },
  rollbackPolicy: { method: 'POST', path: '/admin/policies/:id/rollback', versioned: false, body: rollbackPolicyBody, reply: policyReplySchema },
  policySchedule: { method: 'GET', path: '/admin/policies/scheduled', versioned: false, reply: policyScheduleReplySchema },
  cancelPolicySchedule: { method: 'POST', path: '/admin/policies/:id/cancel', versioned: false, body: cancelScheduleBody, reply: okResponseSchema },
  saveSettings: { method: 'POST', path: '/admin/settings', versioned: false, body: saveSettingsBody, reply: settingsReplySchema },

  // Quality reports (managers in their scope, admins everything); the query is the same for
  // every report, the reply is each report's schema (shared/api/reports.ts).
  reportTl9000: { method: 'GET', path: '/reports/tl9000', versioned: true, query: reportQuerySchema, reply: reportSchemas.tl9000 },
  reportSla: { method: 'GET', path: '/reports/sla', versioned: true, query: reportQuerySchema, reply: reportSchemas.sla },
  reportBacklog: { method: 'GET', path: '/reports/backlog', versioned: true, query: reportQuerySchema, reply: reportSchemas.backlog },
  reportEscalations: { method: 'GET', path: '/reports/escalations', versioned: true, query: reportQuerySchema, reply: reportSchemas.escalations },
  reportCsat: { method: 'GET', path: '/reports/csat', versioned: true, query: reportQuerySchema, reply: reportSchemas.csat },
  reportProblems: { method: 'GET', path: '/reports/problems', versioned: true, query: reportQuerySchema, reply: reportSchemas.problems },

  // Attachment bytes, content-addressed and resumable (shared/sync/blobs.ts).
  blobStatus: { method: 'GET', path: '/blobs/:sha256/status', versioned: true, query: blobStatusQuerySchema, reply: blobStatusReplySchema },
  blobUpload: { method: 'PATCH', path: '/blobs/:sha256', versioned: true, query: blobUploadQuerySchema, reply: blobStatusReplySchema },
  blobGet: { method: 'GET', path: '/blobs/:sha256', versioned: true },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

/** The route of each quality report. */
export const reportRoutes = {
  tl9000: 'reportTl9000',
  sla: 'reportSla',
  backlog: 'reportBacklog',
  escalations: 'reportEscalations',
  csat: 'reportCsat',
  problems: 'reportProblems',
} as const satisfies Record<ReportName, RouteName>;
export const routeNames = Object.keys(routes) as RouteName[];

/** `'/sync/:collection/pull'` -> `'collection'`. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path parameters of a route, e.g. `{ collection: string }` for `pull`. */
export type RouteParams<N extends RouteName> = { [K in ParamNames<(typeof routes)[N]['path']>]: string };

type SchemaOf<N extends RouteName, K extends 'body' | 'reply' | 'event'> = (typeof routes)[N] extends { [P in K]: infer S extends z.ZodType } ? S : never;
/** What the client sends (before the server's defaults apply). */
export type RouteBody<N extends RouteName> = z.input<SchemaOf<N, 'body'>>;
/** What the server returns; the client decodes it into `z.output`. */
export type RouteReply<N extends RouteName> = z.input<SchemaOf<N, 'reply'>>;
export type RouteEvent<N extends RouteName> = z.input<SchemaOf<N, 'event'>>;

/**
 * The path of a route with its parameters filled in and encoded: `routePath('pull',
 * { collection: 'tickets' })` is `/sync/tickets/pull`. Routes without parameters take none.
 */
export function routePath<N extends RouteName>(
  name: N,
  ...[params]: keyof RouteParams<N> extends never ? [] : [RouteParams<N>]
): string {
  const values = (params ?? {}) as Record<string, string>;
  return routes[name].path.replace(/:([A-Za-z_]\w*)/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined || value === '') throw new RangeError(`Route ${name} needs a non-empty ${key}`);
    return encodeURIComponent(value);
  });
}
