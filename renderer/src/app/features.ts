import { aboutFeature } from '../features/about/routes';
import { adminFeature } from '../features/admin/routes';
import { assessmentsFeature } from '../features/assessments/routes';
import { notificationsFeature } from '../features/notifications/routes';
import { boardFeature } from '../features/board/routes';
import { queueFeature } from '../features/queue/routes';
import { reportsFeature } from '../features/reports/routes';
import { settingsFeature } from '../features/settings/routes';
import { syncFeature } from '../features/sync/routes';
import { ticketsFeature } from '../features/tickets/routes';
import type { Feature } from './feature';

/** Every feature of the app: one line each. */
export const features: Feature[] = [queueFeature, boardFeature, ticketsFeature, notificationsFeature, reportsFeature, assessmentsFeature, syncFeature, settingsFeature, aboutFeature, adminFeature];

export const navEntries = features.flatMap((f) => f.nav).sort((a, b) => a.order - b.order);
