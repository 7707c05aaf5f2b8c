import { aboutFeature } from '../features/about/routes';
import { adminFeature } from '../features/admin/routes';
import { assessmentsFeature } from '../features/assessments/routes';
import { customersFeature } from '../features/customers/routes';
import { assetsFeature } from '../features/assets/routes';
import { notificationsFeature } from '../features/notifications/routes';
import { partsFeature } from '../features/parts/routes';
import { problemsFeature } from '../features/problems/routes';
import { boardFeature } from '../features/board/routes';
import { fieldworkFeature } from '../features/fieldwork/routes';
import { queueFeature } from '../features/queue/routes';
import { reportsFeature } from '../features/reports/routes';
import { sessionFeature } from '../features/session/routes';
import { settingsFeature } from '../features/settings/routes';
import { stocktakesFeature } from '../features/stocktakes/routes';
import { maintenanceFeature } from '../features/maintenance/routes';
import { syncFeature } from '../features/sync/routes';
import { ticketsFeature } from '../features/tickets/routes';
import { trainingFeature } from '../features/training/routes';
import type { Feature } from './feature';

/** Every feature of the app: one line each. */
export const features: Feature[] = [queueFeature, boardFeature, ticketsFeature, customersFeature, problemsFeature, notificationsFeature, partsFeature, reportsFeature, assessmentsFeature, stocktakesFeature, trainingFeature, assetsFeature, syncFeature, settingsFeature, aboutFeature, adminFeature, fieldworkFeature, maintenanceFeature, sessionFeature];

export const navEntries = features.flatMap((f) => f.nav).sort((a, b) => a.order - b.order);
