import { join } from 'node:path';
import { debounceTime, distinctUntilChanged, firstValueFrom, merge, Observable, of, shareReplay, switchMap } from 'rxjs';
import type { maintenanceApi } from '../../../shared/api/maintenance';
import type { SessionView } from '../../../shared/api/session';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { SliceHandlers } from '../../core/router';
import type { CimsDatabase } from '../../db/open';
import type { AttachmentService } from '../attachments/service';
import { createFolderBlobStore } from '../fieldwork/blobs';
import type { PrintToPdf } from '../fieldwork/report';
import type { TicketService } from '../tickets/tickets';
import { createAssignCommand } from './assign';
import { queueFolderBlobs, roundBlobStore } from './blobs';
import { createCalendarQueries, type CalendarQueries } from './calendar';
import { createMaintenanceCommands, type MaintenanceCommands } from './commands';
import { createMaintenanceQueries } from './queries';
import { createMaintenanceStore, viewerFrom, type MaintenanceViewer } from './store';

export const maintenanceHandlers = (
  commands: MaintenanceCommands,
  queries: ReturnType<typeof createMaintenanceQueries>,
  calendar: { assign: ReturnType<typeof createAssignCommand>; queries: CalendarQueries },
): SliceHandlers<typeof maintenanceApi> => ({
  commands: {
    'maintenance.saveTemplate': (input) => commands.saveTemplate(input),
    'maintenance.savePlan': (input) => commands.savePlan(input),
    'maintenance.openRound': (input) => commands.openRound(input),
    'maintenance.pauseRound': (input) => commands.pauseRound(input),
    'maintenance.recordReading': (input) => commands.recordReading(input),
    'maintenance.addPhoto': (input) => commands.addPhoto(input),
    'maintenance.raiseFault': (input) => commands.raiseFault(input),
    'maintenance.signOff': (input) => commands.signOff(input),
    'maintenance.makeReport': (input) => commands.makeReport(input),
    'maintenance.assignRound': (input) => calendar.assign(input),
  },
  liveQueries: {
    'maintenance.home': (_params, emit, onError) => queries.watchHome(emit, onError),
    'maintenance.round': (params, emit, onError) => queries.watchRound(params.roundId, emit, onError),
    'maintenance.plan': (params, emit, onError) => queries.watchPlan(params.planId, emit, onError),
    'maintenance.compliance': (_params, emit, onError) => queries.watchCompliance(emit, onError),
    'maintenance.assetReadings': (params, emit, onError) => queries.watchAssetReadings(params.assetId, emit, onError),
    'maintenance.planOptions': (params, emit, onError) => queries.watchPlanOptions(params.siteId, emit, onError),
    'maintenance.calendar': (params, emit, onError) => calendar.queries.watchCalendar(params, emit, onError),
    'maintenance.assignees': (params, emit, onError) => calendar.queries.watchAssignees(params.roundId, emit, onError),
  },
});

/** The signed-in user with their team; emits again on sign-in, sign-out and when people or teams arrive. */
export const maintenanceViewer$ = (db: CimsDatabase, watchSession: (emit: (view: SessionView) => void) => () => void): Observable<MaintenanceViewer | null> =>
  new Observable<SessionView>((subscriber) => watchSession((view) => subscriber.next(view))).pipe(
    distinctUntilChanged((a, b) => a.user?.id === b.user?.id && a.user?.roles.join() === b.user?.roles.join()),
    switchMap((view) => merge(of(null), db.people.$.pipe(debounceTime(50)), db.teams.$.pipe(debounceTime(50))).pipe(switchMap(() => viewerFrom(db, view.user)))),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
  );

/** A reading's photo onto a fault ticket's timeline: an `attachment` event, the bytes stored once. */
export const attachToTicketVia =
  (attachments: AttachmentService) =>
  async (ticketId: string, sha256: string, bytes: Uint8Array): Promise<void> => {
    await attachments.add({ ticketId, fileName: `${sha256.slice(0, 12)}.${bytes[0] === 0x89 ? 'png' : 'jpg'}`, mimeType: bytes[0] === 0x89 ? 'image/png' : 'image/jpeg', dataBase64: Buffer.from(bytes).toString('base64'), withEvent: true });
  };

/** The feature's handlers from what the core has: one line in core.ts. */
export const maintenanceFeature = (deps: {
  db: CimsDatabase;
  dataDir: string;
  session: { watchSession: (emit: (view: SessionView) => void) => () => void; user: () => SessionUser | null };
  tickets: TicketService;
  attachments?: AttachmentService;
  printToPdf: PrintToPdf | null;
  deviceId: () => string;
  log?: (message: string, error?: unknown) => void;
}) => {
  const store = createMaintenanceStore(deps.db);
  // Bytes go through the attachments service (queued, uploaded for the round); the old local
  // folder is still read, and its files are queued for their rounds once (blobs.ts).
  const folderDir = join(deps.dataDir, 'maintenance-blobs');
  const folder = createFolderBlobStore(folderDir);
  const blobs = deps.attachments ? roundBlobStore(deps.attachments, folder) : folder;
  if (deps.attachments) {
    const attachments = deps.attachments;
    void queueFolderBlobs(folderDir, attachments, store).then(
      (o) => {
        if (o.queued + o.unnamed + o.failed > 0) deps.log?.(`maintenance blobs of the local folder: ${o.queued} queued for upload, ${o.unnamed} named by no round here, ${o.failed} refused (left in the folder)`);
      },
      (error: unknown) => deps.log?.('maintenance blobs of the local folder were not queued', error),
    );
  }
  const viewer$ = maintenanceViewer$(deps.db, deps.session.watchSession).pipe(shareReplay({ bufferSize: 1, refCount: true }));
  const commands = createMaintenanceCommands({
    db: deps.db,
    store,
    viewer: () => firstValueFrom(viewer$),
    blobs,
    createTicket: (input) => deps.tickets.create(input as Parameters<TicketService['create']>[0]),
    attachToTicket: deps.attachments ? attachToTicketVia(deps.attachments) : undefined,
    printToPdf: deps.printToPdf,
    deviceId: deps.deviceId,
  });
  const calendar = { assign: createAssignCommand({ db: deps.db, store, viewer: () => firstValueFrom(viewer$) }), queries: createCalendarQueries(deps.db, store, viewer$) };
  return maintenanceHandlers(commands, createMaintenanceQueries(deps.db, store, viewer$), calendar);
};
