import type { Observable } from 'rxjs';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import type { SettingsStore } from '../../core/settings';
import type { TicketWorkService } from '../ticketWork/work';
import { createProblemCommands } from './commands';
import { createProblemFacts } from './facts';
import { problemsHandlers } from './handlers';
import { createProblemQueries } from './queries';

/** The problems feature wired for the core: one line there. */
export const problemsService = (db: CimsDatabase, settings: SettingsStore, work: TicketWorkService, currentUser: () => SessionUser | null, identity$: Observable<unknown>) => {
  const facts = createProblemFacts(db, settings, currentUser);
  return problemsHandlers(createProblemCommands(db, facts, work), createProblemQueries(db, facts, identity$));
};
