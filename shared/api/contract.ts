/**
 * The one contract between the renderer and the main process. Main registers one handler
 * per command and parses the input with its schema before any service sees it; the preload
 * and the browser harness transport are both built from these maps, so no channel or
 * command name is written twice.
 */
import { z } from 'zod';
import { command, liveQuery } from './define';
import { createTicketInput, ticketListParams, type TicketSummary } from './tickets';
import { locales, type AppInfo, type SyncStatusView } from './app';
import { signInInput, type SessionView, type UnsyncedExportFile } from './session';
import type { SessionUser } from '../sync/protocol';

export const commands = {
  'app.info': command<AppInfo>()(z.object({}).strict()),
  'app.setLocale': command<{ locale: (typeof locales)[number] }>()(z.object({ locale: z.enum(locales) }).strict()),
  'tickets.create': command<TicketSummary>()(createTicketInput),
  'session.signIn': command<SessionUser>()(signInInput),
  'session.signOut': command<null>()(z.object({}).strict()),
  'session.exportUnsynced': command<UnsyncedExportFile>()(z.object({}).strict()),
} as const;

export const liveQueries = {
  'tickets.list': liveQuery<TicketSummary[]>()(ticketListParams),
  'sync.status': liveQuery<SyncStatusView>()(z.object({}).strict()),
  'session.current': liveQuery<SessionView>()(z.object({}).strict()),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandResult<N extends CommandName> = Exclude<Commands[N]['_result'], undefined>;

export type LiveQueries = typeof liveQueries;
export type LiveQueryName = keyof LiveQueries;
export type LiveQueryParams<N extends LiveQueryName> = z.input<LiveQueries[N]['params']>;
export type LiveQueryResult<N extends LiveQueryName> = Exclude<LiveQueries[N]['_result'], undefined>;

export const commandNames = Object.keys(commands) as CommandName[];
export const liveQueryNames = Object.keys(liveQueries) as LiveQueryName[];

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
export const isLiveQueryName = (name: unknown): name is LiveQueryName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(liveQueries, name);

/** Electron IPC channels, derived here once. */
export const ipcChannels = {
  command: 'cims:command',
  subscribe: 'cims:subscribe',
  unsubscribe: 'cims:unsubscribe',
  liveUpdate: 'cims:live-update',
} as const;
