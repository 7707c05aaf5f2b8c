/**
 * The one contract between the renderer and the main process, merged from the features'
 * slices (`shared/api/<feature>.ts`). Main registers one handler per command and parses
 * the input with its schema before any service sees it; the preload and the browser
 * harness transport are both built from these maps, so no channel or command name is
 * written twice. Adding a feature: one entry in `contract` below.
 */
import type { z } from 'zod';
import { adminApi } from './admin';
import { appApi } from './app';
import { assessmentsApi } from './assessments';
import { attachmentsApi } from './attachments';
import { assetsApi } from './assets';
import { boardApi } from './board';
import { customersApi } from './customers';
import { mergeSlices } from './define';
import { fieldworkApi } from './fieldwork';
import { queueApi } from './queue';
import { reportsApi } from './reports';
import { reportPacksApi } from './reportPacks';
import { intakeApi } from './intake';
import { notificationsApi } from './notifications';
import { partsApi } from './parts';
import { problemsApi } from './problems';
import { sessionApi } from './session';
import { setupApi } from './setup';
import { stocktakesApi } from './stocktakes';
import { maintenanceApi } from './maintenance';
import { recoveryApi } from './recovery';
import { syncApi } from './sync';
import { ticketsApi } from './tickets';
import { ticketWorkApi } from './ticketWork';
import { trainingApi } from './training';
import { updatesApi } from './updates';

export const contract = mergeSlices(appApi, sessionApi, syncApi, ticketsApi, ticketWorkApi, intakeApi, notificationsApi, queueApi, reportsApi, reportPacksApi, adminApi, assessmentsApi, boardApi, attachmentsApi, customersApi, stocktakesApi, problemsApi, trainingApi, assetsApi, partsApi, fieldworkApi, maintenanceApi, recoveryApi, setupApi, updatesApi);

export const commands = contract.commands;
export const liveQueries = contract.liveQueries;

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
