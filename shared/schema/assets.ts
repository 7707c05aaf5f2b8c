import { z } from 'zod';
import { ASSET_KINDS, ASSET_STATUSES } from './enums';
import { id, localDate, name, text, timestamps } from './primitives';

// Installed base (seed: 资产管理, 资产编码, RFID): rack -> shelf -> board at a customer site.
export const assetSchema = z.strictObject({
  ...timestamps,
  assetCode: name(40),
  serial: name(80),
  rfidTag: text(64),
  model: name(80),
  productLine: name(60),
  kind: z.enum(ASSET_KINDS),
  customerId: id(),
  siteId: id(),
  parentId: id().nullable(),
  installDate: localDate(),
  warrantyEnd: localDate().nullable(),
  status: z.enum(ASSET_STATUSES),
});
export type Asset = z.infer<typeof assetSchema>;
