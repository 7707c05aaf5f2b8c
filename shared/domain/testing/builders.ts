import type { Assessment, AssessmentCycle, Asset, Customer, Person, Policy, PolicyOf, Problem, Team, Ticket, TicketEvent, TicketEventOf, TrainingRecord, UnknownAssetRecord, ContactLogRecord, AccountPlanRecord, PartRecord, StockMovementRecord, SupplierRecord, VisitRecord } from '../../schema';
import type { OutcomeApprovalRecord, StocktakeCountRecord, StocktakeRecord, StocktakeResolutionRecord } from '../../schema/records';
import { newAssessment } from '../assessmentCycle';
import { NEW_TICKET_STATE } from '../lifecycle';
import { uuidV7, seededRandom } from '../ids';
import { defaultPolicies } from '../defaults';
import { provisionalTicketNumber } from '../ticketNumber';

// Test data builders: valid documents with overridable fields. Ids are deterministic per
// process (seeded), so a failing test prints the same ids on rerun.
const rnd = seededRandom(20260401);
let clock = Date.parse('2026-01-01T00:00:00.000Z');
export const newId = (): string => uuidV7(clock++, rnd);
export const iso = (s: string | number | Date): string => new Date(s).toISOString();

export const BASE_TIME = '2026-03-02T01:00:00.000Z'; // Monday 09:00 in Asia/Shanghai
export const ids = {
  customer: newId(),
  site: newId(),
  team: newId(),
  assignee: newId(),
  author: newId(),
  manager: newId(),
  cycle: newId(),
  template: newId(),
  problemTicket: newId(),
};

export function aTicket(over: Partial<Ticket> = {}): Ticket {
  const createdAt = over.createdAt ?? BASE_TIME;
  return {
    id: newId(),
    createdAt,
    updatedAt: createdAt,
    number: null,
    provisionalNumber: provisionalTicketNumber('TEST', 1),
    type: 'fault',
    channel: 'phone',
    title: 'Board alarm 板卡告警',
    description: 'LOS on port 3',
    customerId: ids.customer,
    // aCustomer()'s name and tier, so a ticket and the default customer agree.
    customerName: 'East Telecom',
    customerTier: 'general',
    siteId: ids.site,
    region: 'cn-east',
    contact: { name: 'Li Wei', phone: '+86 21 5555 0101' },
    assetId: '',
    productLine: 'transport',
    severity: 'major',
    priority: 'P2',
    problemReport: true,
    ...NEW_TICKET_STATE,
    teamId: ids.team,
    assigneeId: ids.assignee,
    createdBy: ids.author,
    subjectPersonId: null,
    tags: [],
    ...over,
  };
}

type EventInput<K extends TicketEvent['kind']> = Omit<TicketEventOf<K>, 'id' | 'createdAt' | 'updatedAt' | 'ticketId' | 'authorId' | 'at' | 'kind'> &
  Partial<Pick<TicketEvent, 'id' | 'ticketId' | 'authorId' | 'at'>>;

export function anEvent<K extends TicketEvent['kind']>(kind: K, fields: EventInput<K>): TicketEventOf<K> {
  const at = fields.at ?? BASE_TIME;
  return { id: newId(), ticketId: newId(), authorId: ids.author, createdAt: at, updatedAt: at, at, kind, ...fields } as unknown as TicketEventOf<K>;
}

/** Events for a ticket: fills ticketId. */
export function eventsFor(ticket: Ticket, list: TicketEvent[]): TicketEvent[] {
  return list.map((e) => ({ ...e, ticketId: ticket.id }));
}

export function aCustomer(over: Partial<Customer> = {}): Customer {
  return {
    id: ids.customer,
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    code: 'CU-0001',
    name: 'East Telecom',
    nameZh: '东方电信',
    tier: 'general',
    region: 'cn-east',
    timeZone: 'Asia/Shanghai',
    contacts: [{ name: 'Li Wei', email: 'li.wei@example.com' }],
    sites: [{ id: ids.site, name: 'Pudong DC', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Shanghai' }],
    active: true,
    ...over,
  };
}

export function anAsset(over: Partial<Asset> = {}): Asset {
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    assetCode: 'AS-000001',
    serial: 'SN000001',
    rfidTag: 'E2000017221101441890',
    model: 'OSN-9800',
    productLine: 'transport',
    kind: 'rack',
    customerId: ids.customer,
    siteId: ids.site,
    parentId: null,
    installDate: '2024-01-15',
    warrantyEnd: '2027-01-15',
    status: 'in_service',
    ownership: 'customer',
    contractEnd: '2028-01-15',
    lifecycle: [
      { state: 'registered', at: '2024-01-10', by: '', note: '' },
      { state: 'in_service', at: '2024-01-15', by: '', note: '' },
    ],
    custody: [],
    ...over,
  };
}

export function aPerson(over: Partial<Person> = {}): Person {
  return {
    id: ids.assignee,
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    username: 'tech.zhang',
    displayName: 'Zhang San',
    displayNameZh: '张三',
    email: 'zhang.san@example.com',
    roles: ['technician'],
    title: 'staff',
    teamId: ids.team,
    managerId: ids.manager,
    skills: ['transport'],
    region: 'cn-east',
    locale: 'zh-CN',
    active: true,
    ...over,
  };
}

export function aTeam(over: Partial<Team> = {}): Team {
  return {
    id: ids.team,
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    name: 'Shanghai field team',
    nameZh: '上海现场组',
    level: 'L1',
    function: 'field',
    region: 'cn-east',
    productLines: [],
    leadId: null,
    managerId: ids.manager,
    active: true,
    ...over,
  };
}

export function aPolicy<K extends Policy['kind']>(kind: K, over: Partial<PolicyOf<K>> = {}): PolicyOf<K> {
  const p = defaultPolicies({ now: Date.parse(BASE_TIME), id: newId }).find((x) => x.kind === kind) as PolicyOf<K>;
  return { ...p, ...over };
}

export function aProblem(over: Partial<Problem> = {}): Problem {
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    title: 'Repeated LOS on OSN boards',
    description: '',
    status: 'open',
    causeCategory: 'unknown',
    productLine: 'transport',
    ownerId: ids.manager,
    // A problem links at least one ticket (shared/domain/problems.ts).
    ticketIds: [ids.problemTicket],
    assetIds: [],
    whys: [],
    rootCause: '',
    actions: [],
    ...over,
  };
}

export function aCycle(over: Partial<AssessmentCycle> = {}): AssessmentCycle {
  return {
    id: ids.cycle,
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    name: '2026-Q1',
    year: 2026,
    quarter: 1,
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
    phase: 'self_review',
    templatePolicyId: ids.template,
    ...over,
  };
}

export function anAssessment(over: Partial<Assessment> = {}): Assessment {
  return { ...newAssessment({ id: newId(), at: BASE_TIME, cycleId: ids.cycle, personId: ids.assignee, managerId: ids.manager }), ...over };
}

export function aTrainingRecord(over: Partial<TrainingRecord> = {}): TrainingRecord {
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'training',
    ref: ids.assignee,
    ref2: '',
    status: 'submitted',
    body: {
      trainingKind: 'course',
      title: 'OTN fibre splicing / 光纤熔接',
      provider: 'CIMS Academy',
      startsOn: '2026-02-19',
      endsOn: '2026-02-20',
      hours: 8,
      result: 'passed',
      expiresOn: null,
      enteredBy: over.ref ?? ids.assignee,
      decidedBy: null,
      decidedAt: null,
      note: '',
    },
    ...over,
  };
}

export function aStocktake(over: Partial<Omit<StocktakeRecord, 'body'>> & { body?: Partial<StocktakeRecord['body']> } = {}): StocktakeRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'stocktake',
    ref: ids.site,
    ref2: ids.customer,
    status: 'counting',
    ...rest,
    body: {
      title: 'Annual stocktake 年度盘点',
      scope: 'site',
      region: 'cn-east',
      customerId: ids.customer,
      siteId: ids.site,
      expected: [],
      openedBy: ids.manager,
      openedAt: BASE_TIME,
      countingEndedAt: null,
      closedBy: null,
      closedAt: null,
      closedResult: null,
      ...body,
    },
  };
}

export function aStocktakeCount(over: Partial<Omit<StocktakeCountRecord, 'body'>> & { body?: Partial<StocktakeCountRecord['body']> } = {}): StocktakeCountRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'stocktakeCount',
    ref: newId(),
    ref2: '',
    status: '',
    ...rest,
    body: { scannedCode: 'AS-000001', matchedBy: 'code', region: 'cn-east', countedBy: ids.assignee, at: BASE_TIME, deviceId: 'test-device', ...body },
  };
}

export function aStocktakeResolution(over: Partial<Omit<StocktakeResolutionRecord, 'body'>> & { body?: Partial<StocktakeResolutionRecord['body']> } = {}): StocktakeResolutionRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'stocktakeResolution',
    ref: newId(),
    ref2: newId(),
    status: 'missing',
    ...rest,
    body: { note: '', by: ids.manager, at: BASE_TIME, assetUpdated: false, ...body },
  };
}

export function aContactLog(over: Omit<Partial<ContactLogRecord>, 'body'> & { body?: Partial<ContactLogRecord['body']> } = {}): ContactLogRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'contactLog',
    ref: ids.customer,
    ref2: '',
    status: 'done',
    ...rest,
    body: { channel: 'call', contactName: '', at: BASE_TIME, by: ids.assignee, summary: 'Quarterly check-in / 季度回访', nextStep: '', ...body },
  };
}

export function anAccountPlan(over: Omit<Partial<AccountPlanRecord>, 'body'> & { body?: Partial<AccountPlanRecord['body']> } = {}): AccountPlanRecord {
  const { body, ...rest } = over;
  const customer = rest.ref ?? ids.customer;
  // The plan's id is its customer's (shared/schema/records/customers.ts).
  return { id: customer, createdAt: BASE_TIME, updatedAt: BASE_TIME, kind: 'account', ref: customer, ref2: '', status: 'active', ...rest, body: { managerId: ids.manager, cadenceDays: null, notes: '', ...body } };
}

type PartOver = Partial<Omit<PartRecord, 'body'>> & { body?: Partial<PartRecord['body']> };
/** A catalogue part; ref2 follows the part number unless given. */
export function aPart(over: PartOver = {}): PartRecord {
  const body = { partNumber: 'TN54NS4', nameEn: 'Line board NS4', nameZh: 'NS4 线路板', serialised: true, unit: 'pc', productLine: 'transport', note: '', ...over.body };
  return { id: newId(), createdAt: BASE_TIME, updatedAt: BASE_TIME, kind: 'part', ref: '', ref2: body.partNumber, status: 'active', ...over, body };
}

type MovementOver = Partial<Omit<StockMovementRecord, 'body'>> & { body?: Partial<StockMovementRecord['body']> };
/** One stock movement: by default 1 unit issued to ids.assignee. */
export function aStockMovement(over: MovementOver = {}): StockMovementRecord {
  const holder = over.ref2 ?? ids.assignee;
  const at = over.body?.at ?? over.createdAt ?? BASE_TIME;
  const body: StockMovementRecord['body'] = {
    quantity: 1, delta: 1, ticketId: null, eventId: null, serialIn: '', serialOut: '', defective: false, source: 'van', sourceNote: '', by: holder, at, note: '', ...over.body,
  };
  return { id: newId(), createdAt: at, updatedAt: at, kind: 'stockMovement', ref: newId(), ref2: holder, status: 'issue', ...over, body };
}

type SupplierOver = Partial<Omit<SupplierRecord, 'body'>> & { body?: Partial<SupplierRecord['body']> };
export function aSupplier(over: SupplierOver = {}): SupplierRecord {
  const body: SupplierRecord['body'] = { name: 'Jinling Electronics', nameZh: '金陵电子', kinds: ['parts'], contact: 'Li Wei', phone: '+86 25 5555 0101', email: 'service@jinling.example', note: '', ...over.body };
  return { id: newId(), createdAt: BASE_TIME, updatedAt: BASE_TIME, kind: 'supplier', ref: '', ref2: '', status: 'active', ...over, body };
}

export function anUnknownAssetRecord(over: Partial<UnknownAssetRecord> = {}): UnknownAssetRecord {
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'unknownAsset',
    ref: 'AS-UNKNOWN-1',
    ref2: '',
    status: 'open',
    body: { reportedBy: ids.assignee, reportedAt: BASE_TIME, source: 'scan', note: '' },
    ...over,
  };
}

export function aVisit(over: Partial<Omit<VisitRecord, 'body'>> & { body?: Partial<VisitRecord['body']> } = {}): VisitRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'visit',
    ref: newId(),
    ref2: ids.site,
    status: 'closed',
    body: { technicianId: ids.assignee, travelStartedAt: null, checkInAt: BASE_TIME, checkOutAt: iso(Date.parse(BASE_TIME) + 90 * 60_000), travelMinutes: 30, note: '', signedAt: null, ...body },
    ...rest,
  };
}

/** A decision on an assessment's outcome (by default: the reward of `a` approved). */
export function anOutcomeApproval(a: Pick<Assessment, 'id' | 'personId' | 'managerId' | 'cycleId'>, over: Partial<Omit<OutcomeApprovalRecord, 'body'>> & { body?: Partial<OutcomeApprovalRecord['body']> } = {}): OutcomeApprovalRecord {
  const { body, ...rest } = over;
  return {
    id: newId(),
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    kind: 'outcomeApproval',
    ref: a.id,
    ref2: a.personId,
    status: 'approved',
    body: { cycleId: a.cycleId, managerId: a.managerId, outcome: 'reward', decidedBy: newId(), comment: '', ...body },
    ...rest,
  };
}
