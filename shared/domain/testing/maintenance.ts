import type { CheckItem, ChecklistTemplateRecord, MaintenancePlanRecord, MaintenanceReadingRecord } from '../../schema/records/maintenance';
import { BASE_TIME, ids, newId } from './builders';

// Builders of maintenance records for tests: valid documents with overridable fields.
type Over<R extends { body: object }> = Partial<Omit<R, 'body'>> & { body?: Partial<R['body']> };
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

export const SAMPLE_ITEMS: CheckItem[] = [
  { key: 'rx', type: 'number', label: label('Optical receive power', '光接收功率'), unit: 'dBm', low: -28, high: -8, photoRequired: false },
  { key: 'temp', type: 'number', label: label('Temperature', '温度'), unit: '°C', low: 0, high: 45, photoRequired: false },
  { key: 'fan', type: 'number', label: label('Fan speed', '风扇转速'), unit: 'rpm', low: 2000, high: 9000, photoRequired: false },
  { key: 'ground', type: 'yesno', label: label('Grounding intact', '接地完好'), safety: true, photoRequired: false },
];

export function aChecklistTemplate(over: Over<ChecklistTemplateRecord> = {}): ChecklistTemplateRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'checklistTemplate',
    ref: '',
    ref2: '',
    status: 'active',
    ...rest,
    body: { name: label('OLT monthly check', 'OLT 月度巡检'), version: 1, items: SAMPLE_ITEMS, faults: 'offer', updatedBy: ids.manager, ...body },
  };
}

export function aMaintenancePlan(over: Over<MaintenancePlanRecord> = {}): MaintenancePlanRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'maintenancePlan',
    ref: ids.template,
    ref2: ids.team,
    status: 'active',
    ...rest,
    body: {
      name: 'OLT monthly 月检',
      customerId: ids.customer,
      siteId: ids.site,
      assetIds: [newId(), newId()],
      frequency: { every: 1, unit: 'month' },
      startDate: BASE_TIME.slice(0, 10),
      windowDays: null,
      assigneeId: null,
      region: 'cn-east',
      updatedBy: ids.manager,
      ...body,
    },
  };
}

export function aMaintenanceReading(over: Over<MaintenanceReadingRecord> = {}): MaintenanceReadingRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'maintenanceReading',
    ref: newId(),
    ref2: newId(),
    status: '',
    ...rest,
    body: { itemKey: 'rx', templateVersion: 1, value: -12, outOfRange: false, photos: [], note: '', region: 'cn-east', teamId: ids.team, by: ids.assignee, at: BASE_TIME, deviceId: 'device-1', ...body },
  };
}
