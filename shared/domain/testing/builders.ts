import type { Assessment, AssessmentCycle, Asset, Customer, Person, Policy, PolicyOf, Problem, Team, Ticket, TicketEvent, TicketEventOf } from '../../schema';
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
    ticketIds: [],
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
