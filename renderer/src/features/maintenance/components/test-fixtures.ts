import type { ComplianceFigures, MaintenanceHome, PlanSummary, RoundSummary, RoundView, TemplateView } from '../../../../../shared/api/maintenance';
import type { CheckItem } from '../../../../../shared/schema/records/maintenance';

// Data the maintenance component tests render: one OLT round with a reading out of range.
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
export const rx: CheckItem = { key: 'rx', type: 'number', label: label('Optical receive power', '光接收功率'), unit: 'dBm', low: -28, high: -8, photoRequired: false };
export const ground: CheckItem = { key: 'ground', type: 'yesno', label: label('Grounding intact', '接地完好'), safety: true, photoRequired: false };

export const summary: RoundSummary = {
  id: 'r1',
  planId: 'p1',
  planName: 'Hangzhou OLTs monthly',
  status: 'in_progress',
  timing: 'due',
  dueDate: '2026-03-10',
  windowStart: '2026-03-03',
  windowEnd: '2026-03-17',
  customerName: 'Zhejiang Mobile',
  siteName: 'Hangzhou 机房 1',
  assets: 2,
  done: 1,
  total: 4,
  faults: 0,
  assigneeId: null,
  workWindow: null,
};

export const roundView: RoundView = {
  summary,
  template: { id: 't1', version: 1, name: label('OLT monthly check', 'OLT 月度巡检'), items: [rx, ground], faults: 'offer' },
  newerTemplateVersion: 2,
  assets: [
    {
      assetId: 'a1',
      assetCode: 'OLT-0001',
      serial: 'SN1',
      model: 'MA5800',
      readings: { rx: { id: 'x1', itemKey: 'rx', value: -31.5, outOfRange: true, photos: [], note: '', by: 'u1', byName: 'Tech Zhang', at: '2026-03-09T02:00:00.000Z', ticketNumber: null, ticketId: null } },
      history: [],
    },
    { assetId: 'a2', assetCode: 'OLT-0002', serial: 'SN2', model: 'MA5800', readings: {}, history: [] },
  ],
  missing: [{ assetId: 'a1', itemKey: 'ground' }],
  openedBy: 'u1',
  openedAt: '2026-03-09T01:00:00.000Z',
  pausedAt: null,
  signedBy: null,
  signedAt: null,
  customerSigner: '',
  signatureSha256: '',
  can: { work: true, signOff: true },
};

export const plan: PlanSummary = {
  id: 'p1',
  name: 'Hangzhou OLTs monthly',
  status: 'active',
  templateId: 't1',
  templateName: label('OLT monthly check', 'OLT 月度巡检'),
  teamId: 'team1',
  teamName: 'East field',
  customerId: 'c1',
  customerName: 'Zhejiang Mobile',
  siteId: 's1',
  siteName: 'Hangzhou 机房 1',
  scope: 'assets',
  model: '',
  assetIds: ['a1', 'a2'],
  frequency: { every: 1, unit: 'month' },
  startDate: '2026-03-10',
  windowDays: 7,
  workWindow: null,
  assigneeId: null,
  nextDue: '2026-04-10',
};

export const template: TemplateView = { id: 't1', name: label('OLT monthly check', 'OLT 月度巡检'), model: 'MA5800', version: 1, items: [rx, ground], faults: 'offer', status: 'active', openRoundsOnOlderVersion: 0 };

export const figures: ComplianceFigures[] = [{ key: 'team1', label: 'East field', onTime: 3, late: 1, missed: 0, open: 2, rate: 0.75 }];

export const home = (manage: boolean): MaintenanceHome => ({ today: [summary], week: [], plans: [plan], templates: manage ? [template] : [], can: { manage }, viewerId: null });
