import { join } from 'node:path';
import type { Observable } from 'rxjs';
import type { fieldworkApi } from '../../../shared/api/fieldwork';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { SliceHandlers } from '../../core/router';
import type { AttachmentService } from '../attachments/service';
import { attachmentBlobStore, createFolderBlobStore } from './blobs';
import { createFieldworkQueries } from './queries';
import { createReportMaker, type PrintToPdf } from './report';
import { createFieldworkService, type FieldworkService } from './work';

export const fieldworkHandlers = (
  work: FieldworkService,
  reports: ReturnType<typeof createReportMaker>,
  queries: ReturnType<typeof createFieldworkQueries>,
): SliceHandlers<typeof fieldworkApi> => ({
  commands: {
    'fieldwork.checkIn': (input) => work.checkIn(input),
    'fieldwork.checkOut': (input) => work.checkOut(input),
    'fieldwork.logWork': (input) => work.logWork(input),
    'fieldwork.signOff': (input) => work.signOff(input),
    'fieldwork.correctVisit': (input) => work.correctVisit(input),
    'fieldwork.makeReport': (input) => reports.make(input),
  },
  liveQueries: {
    'fieldwork.panel': (params, emit, onError) => queries.watchPanel(params, emit, onError),
    'fieldwork.report': (params, emit, onError) => queries.watchReport(params, emit, onError),
  },
});

/** The feature's handlers from what the core has: one line in core.ts. */
export const fieldworkFeature = (deps: {
  db: Parameters<typeof createFieldworkService>[0];
  settings: Parameters<typeof createFieldworkService>[1];
  dataDir: string;
  printToPdf: PrintToPdf | null;
  currentUser: () => SessionUser | null;
  identity$: Observable<unknown>;
  /** Where signatures and reports go (stored and uploaded); without it, a local folder (tests). */
  attachments?: AttachmentService;
}) => {
  const blobs = deps.attachments ? attachmentBlobStore(deps.attachments) : createFolderBlobStore(join(deps.dataDir, 'fieldwork-blobs'));
  return fieldworkHandlers(
    createFieldworkService(deps.db, deps.settings, blobs, deps.currentUser),
    createReportMaker(deps.db, deps.settings, blobs, deps.printToPdf, deps.currentUser),
    createFieldworkQueries(deps.db, deps.settings, blobs, deps.currentUser, deps.identity$),
  );
};
