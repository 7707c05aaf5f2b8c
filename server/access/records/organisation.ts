import { refuse, type RecordKindAccess } from './kinds';

// Organisation settings: everyone signed in reads them (language, zone, limits apply to all);
// only the server writes them, through the audited admin route, so no device may push one.
export const orgSettingsAccess: RecordKindAccess = {
  canRead: () => true,
  canWrite: (_ctx, old) => refuse(old ? ['body'] : ['kind'], 'organisation settings are changed on the administration screen'),
  appendOnly: true,
};
