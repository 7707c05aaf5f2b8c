import { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { adminApi } from './admin';
import { appApi } from './app';
import { assessmentsApi } from './assessments';
import { attachmentsApi } from './attachments';
import { boardApi } from './board';
import { stocktakesApi } from './stocktakes';
import { maintenanceApi } from './maintenance';
import { customersApi } from './customers';
import { partsApi } from './parts';
import { commandNames, commands, liveQueryNames, type CommandResult, type LiveQueryResult } from './contract';
import { command, liveQuery, mergeSlices, slice } from './define';
import { fieldworkApi } from './fieldwork';
import { reportsApi } from './reports';
import { reportPacksApi } from './reportPacks';
import { sessionApi } from './session';
import { syncApi } from './sync';
import { ticketsApi, type TicketSummary } from './tickets';
import { ticketWorkApi } from './ticketWork';
import { trainingApi } from './training';
import { intakeApi } from './intake';
import { notificationsApi } from './notifications';
import { assetsApi } from './assets';
import { queueApi } from './queue';
import { problemsApi } from './problems';
import { recoveryApi } from './recovery';
import { setupApi } from './setup';
import { updatesApi } from './updates';

describe('the contract merged from feature slices', () => {
  it('holds every name of every slice exactly once', () => {
    const slices = [appApi, sessionApi, syncApi, ticketsApi, ticketWorkApi, intakeApi, notificationsApi, queueApi, reportsApi, reportPacksApi, adminApi, assessmentsApi, boardApi, attachmentsApi, customersApi, stocktakesApi, problemsApi, trainingApi, assetsApi, partsApi, fieldworkApi, maintenanceApi, recoveryApi, setupApi, updatesApi];
    const declared = slices.flatMap((s) => [...Object.keys(s.commands), ...Object.keys(s.liveQueries)]);
    expect(new Set(declared).size).toBe(declared.length);
    expect([...commandNames, ...liveQueryNames].sort()).toEqual([...declared].sort());
    expect(commands['tickets.create']).toBe(ticketsApi.commands['tickets.create']);
  });

  it('keeps each result type', () => {
    expectTypeOf<CommandResult<'tickets.create'>>().toEqualTypeOf<TicketSummary>();
    expectTypeOf<LiveQueryResult<'tickets.page'>>().toEqualTypeOf<{ rows: TicketSummary[]; total: number }>();
  });

  it('refuses a name declared by two slices, at compile time and at load', () => {
    const a = slice({ commands: { 'x.do': command<number>()(z.object({})) }, liveQueries: {} });
    const b = slice({ commands: {}, liveQueries: { 'x.do': liveQuery<string>()(z.object({})) } });
    // @ts-expect-error a duplicate name is a type error at the merge
    expect(() => mergeSlices(a, b)).toThrow('API name declared twice: x.do');
    expect(Object.keys(mergeSlices(a).commands)).toEqual(['x.do']);
  });
});
