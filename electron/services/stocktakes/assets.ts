/**
 * The one place a stocktake changes the register: an asset found at the stocktake's site but
 * registered elsewhere, resolved as "moved", is re-registered at that site. Other resolutions
 * (new, missing, wrong data) are recorded only; registering a new asset or correcting its data
 * is the asset register's work (#/assets), which reads the resolutions.
 */
import { validateDocument, type Asset } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';

export async function moveAssetToSite(
  db: CimsDatabase,
  assetId: string,
  to: { customerId: string; siteId: string },
  at: string,
): Promise<boolean> {
  const doc = await db.assets.findOne(assetId).exec();
  if (!doc) return false;
  const asset = doc.toJSON() as Asset;
  if (asset.siteId === to.siteId && asset.customerId === to.customerId) return false;
  // Only the fields a move changes: whatever else the asset team adds to the schema is kept.
  const patch = { customerId: to.customerId, siteId: to.siteId, updatedAt: at };
  const checked = validateDocument('assets', { ...asset, ...patch });
  if (!checked.ok) throw new DomainError('VALIDATION_FAILED', `assets: ${checked.errors.join('; ')}`);
  await doc.incrementalPatch(patch);
  return true;
}
