import { orgSettingsFrom } from '../../../shared/domain/organisation';
import type { OrgSettings, OrgSettingsRecord } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';

/** The organisation settings in force on this device: the latest synced record, else the defaults. */
export const currentOrgSettings = async (db: CimsDatabase): Promise<OrgSettings> =>
  orgSettingsFrom((await db.records.find({ selector: { kind: 'orgSettings' } }).exec()).map((d) => d.toJSON() as OrgSettingsRecord));
