import type { Assessment, AssessmentCycle, CimsRecord, Customer, TrainingRecord, Person, PendingReason, Problem, Ticket, TicketEvent, TicketStatus } from '../schema';
import { assessmentResult, personKpis, quarterRange } from './assessment';
import { addBusinessMs } from './calendar';
import { groupEventsByTicket, slaContextFrom } from './context';
import { DEMO_REGIONS, NOTES, PRODUCT_LINES, REPLIES, TICKET_TEXTS } from './demoCatalog';
import { generateOrg, makeRng, type DemoLogin, type Rng } from './demoOrg';
import { generateParts } from './demoParts';
import { generateStocktakes } from './demoStocktakes';
import { applyEscalation } from './escalation';
import { seededRandom } from './ids';
import { applyTransition, isOpen, NEW_TICKET_STATE, type EventDraft } from './lifecycle';
import { defaultProblemReport, priorityFor } from './priority';
import { slaDueAtField, slaState, slaTargetFor } from './sla';
import { provisionalTicketNumber } from './ticketNumber';

// Deterministic demo data from a seed: a year of tickets with their timelines, run through
// the real lifecycle functions so milestones, pauses and escalations are consistent.

export interface DemoOptions {
  seed?: number;
  /** Number of tickets (default 3,000; up to 100,000). */
  tickets?: number;
  /** End of the simulated year (epoch ms); tickets still open at that time stay open. */
  end?: number;
}

export interface DemoData {
  tickets: Ticket[];
  ticketEvents: TicketEvent[];
  customers: Customer[];
  assets: ReturnType<typeof generateOrg>['assets'];
  people: Person[];
  teams: ReturnType<typeof generateOrg>['teams'];
  policies: ReturnType<typeof generateOrg>['policies'];
  problems: Problem[];
  assessmentCycles: AssessmentCycle[];
  assessments: Assessment[];
  records: CimsRecord[];
  /** Demo login identities, one or more per role (passwords are the server's business). */
  logins: DemoLogin[];
}

export const DEMO_END = Date.parse('2026-11-01T00:00:00.000Z');

/** Every demo login uses this password: printed by the server at start and used by the launchers. */
export const DEMO_PASSWORD = 'cims-demo';
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();

export function generateDemoData(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? 1;
  const count = Math.max(0, Math.min(options.tickets ?? 3000, 100_000));
  const end = options.end ?? DEMO_END;
  const start = end - 365 * DAY;
  const rng = makeRng(seededRandom(seed));
  const org = generateOrg(rng, start - 30 * DAY);
  const ctx = slaContextFrom({ customers: org.customers, policies: org.policies });
  const calendars = new Map(DEMO_REGIONS.map((r) => [r.code, r.calendar]));
  const l2 = org.teams.filter((t) => t.level === 'L2');
  const l3 = org.teams.filter((t) => t.level === 'L3');
  const assetsBySite = new Map<string, typeof org.assets>();
  for (const a of org.assets) assetsBySite.set(a.siteId, [...(assetsBySite.get(a.siteId) ?? []), a]);
  const keyCustomers = org.customers.filter((c) => c.tier === 'key');

  const createdTimes = Array.from({ length: count }, () => start + Math.floor(rng.next() * 365 * DAY / 1000) * 1000).sort((a, b) => a - b);
  const tickets: Ticket[] = [];
  const events: TicketEvent[] = [];

  for (let n = 0; n < count; n++) {
    const created = createdTimes[n]!;
    // Key accounts own more of the installed base, so they raise more tickets.
    const customer = rng.chance(0.35) ? rng.pick(keyCustomers) : rng.pick(org.customers);
    const site = rng.pick(customer.sites);
    const region = DEMO_REGIONS.find((r) => r.code === customer.region)!;
    const siteAssets = assetsBySite.get(site.id) ?? [];
    const asset = siteAssets.length && rng.chance(0.8) ? rng.pick(siteAssets) : null;
    const roll = rng.next();
    const type = roll < 0.7 ? 'fault' : roll < 0.8 ? 'service_request' : roll < 0.92 ? 'inquiry' : 'complaint';
    const text = rng.pick(TICKET_TEXTS.filter((t) => t.type === type));
    const pl = asset ? PRODUCT_LINES.find((p) => p.line === asset.productLine)! : rng.pick(PRODUCT_LINES);
    const fill = (s: string) => s.replace('{board}', rng.pick(pl.boards)).replace('{model}', asset?.model ?? rng.pick(pl.racks)).replace('{city}', site.address).replace('{n}', String(rng.int(1, 16)));
    const lang = region.lang === 'zh' || rng.chance(0.1) ? 'zh' : 'en';
    const sevRoll = rng.next();
    const severity = type === 'inquiry' ? 'minor' : sevRoll < 0.06 ? 'critical' : sevRoll < 0.36 ? 'major' : 'minor';
    const field = org.fieldTeams.get(customer.region)!;
    const assignee = rng.pick(field.members);
    const complaintAbout = type === 'complaint' ? rng.pick(field.members).id : null;
    let ticket: Ticket = {
      id: rng.id(created),
      createdAt: iso(created),
      updatedAt: iso(created),
      number: n + 1,
      provisionalNumber: provisionalTicketNumber('DEMO', n + 1),
      type,
      channel: rng.pick(['phone', 'phone', 'email', 'portal', 'onsite'] as const),
      title: fill(lang === 'zh' ? text.zh : text.en),
      description: `${fill(text.en)}\n${fill(text.zh)}`,
      customerId: customer.id,
      customerName: customer.name,
      customerTier: customer.tier,
      siteId: site.id,
      region: customer.region,
      contact: customer.contacts[0]!,
      assetId: asset?.id ?? '',
      productLine: pl.line,
      severity,
      priority: priorityFor({ severity, tier: customer.tier, type }),
      problemReport: defaultProblemReport(type) && type === 'fault' && rng.chance(0.85),
      ...NEW_TICKET_STATE,
      teamId: field.team.id,
      assigneeId: assignee.id,
      createdBy: assignee.id,
      subjectPersonId: complaintAbout,
      tags: asset ? [asset.model] : [],
    };
    const mine: TicketEvent[] = [];
    const push = (d: EventDraft, author = assignee.id) => {
      const e = { ...d, id: rng.id(Date.parse(d.at)), ticketId: ticket.id, authorId: author, createdAt: d.at, updatedAt: d.at } as TicketEvent;
      mine.push(e);
    };
    const target = slaTargetFor(null, severity, customer.tier);
    const cal = calendars.get(customer.region)!;
    const after = (from: number, minutes: number, business: boolean) => addBusinessMs(business ? cal : null, from, minutes * MIN) ?? from + minutes * MIN;
    let t = created;
    let stopped = false;
    const move = (to: TicketStatus, at: number, pendingReason?: PendingReason) => {
      if (stopped || at > end) return (stopped = true), false;
      t = at;
      const r = applyTransition(ticket, to, { now: at, pendingReason: pendingReason ?? null });
      ticket = r.ticket;
      for (const d of r.events) push(d);
      return true;
    };
    const say = (d: EventDraft, at: number, author?: string) => {
      if (stopped || at > end) return (stopped = true), false;
      t = at;
      push(d, author);
      return true;
    };
    const tr = (m: { en: string; zh: string }) => (lang === 'zh' ? m.zh : m.en);

    // First response: most within target, some late.
    const fr = target.firstResponseMinutes ?? 240;
    const respondIn = fr * (rng.chance(0.85) ? 0.1 + rng.next() * 0.8 : 1.1 + rng.next() * 2);
    move('acknowledged', after(t, respondIn, target.firstResponseClock === 'business'));
    say({ kind: 'reply', at: iso(t + MIN), body: tr(REPLIES.ack) }, t + MIN);
    move('in_progress', t + rng.int(5, 60) * MIN);
    if (rng.chance(0.5)) say({ kind: 'note', at: iso(t + 10 * MIN), body: tr(rng.pick(NOTES)) }, t + 10 * MIN);
    if (rng.chance(0.3)) {
      const reason = rng.pick(['customer', 'parts', 'third_party'] as const);
      move('pending', t + rng.int(1, 8) * H, reason);
      move('in_progress', t + rng.int(2, 72) * H);
    }
    if (rng.chance(0.12)) {
      const to = rng.pick(l2);
      const at = t + rng.int(10, 120) * MIN;
      const d: EventDraft = { kind: 'escalation', at: iso(at), axis: 'functional', fromLevel: 'L1', toLevel: 'L2', direction: 'up', reason: lang === 'zh' ? '现场无法定位，需要远程技术支持' : 'Cannot isolate on site, needs remote support', ruleKey: null, toPersonId: to.leadId, toTeamId: to.id };
      if (say(d, at)) {
        ticket = applyEscalation(ticket, d as never);
        say({ kind: 'escalation_ack', at: iso(at + 20 * MIN), escalationEventId: mine[mine.length - 1]!.id }, at + 20 * MIN, to.leadId ?? assignee.id);
        if (rng.chance(0.3)) {
          const up = l3.find((x) => x.productLines.includes(pl.line)) ?? l3[0]!;
          const at3 = t + rng.int(2, 24) * H;
          const d3: EventDraft = { kind: 'escalation', at: iso(at3), axis: 'functional', fromLevel: 'L2', toLevel: 'L3', direction: 'up', reason: lang === 'zh' ? '疑似软件缺陷，转研发分析' : 'Suspected software defect, R&D analysis', ruleKey: null, toPersonId: up.leadId, toTeamId: up.id };
          if (say(d3, at3, to.leadId ?? assignee.id)) ticket = applyEscalation(ticket, d3 as never);
        }
      }
    }
    for (let w = rng.int(1, 3); w > 0; w--)
      say({ kind: 'work_log', at: iso(t + 30 * MIN), workMinutes: rng.int(3, 48) * 5, travelMinutes: ticket.channel === 'onsite' || rng.chance(0.4) ? rng.int(0, 24) * 5 : 0 }, t + 30 * MIN);
    if (rng.chance(0.2)) say({ kind: 'part', at: iso(t + 40 * MIN), partAction: 'used', partNumber: rng.pick(pl.boards), serial: `21${rng.int(100000, 999999)}`, quantity: 1 }, t + 40 * MIN);
    const rs = target.restoreMinutes;
    if (rs !== null) {
      const restoreAt = after(created, rs * (rng.chance(0.85) ? 0.2 + rng.next() * 0.7 : 1.05 + rng.next()), target.restoreClock === 'business');
      move('restored', Math.max(t + MIN, restoreAt));
      say({ kind: 'reply', at: iso(t + MIN), body: tr(REPLIES.restored) }, t + MIN);
    }
    const fixDays = ticket.problemReport ? (rng.chance(0.9) ? rng.int(1, 25) : rng.int(31, 70)) : rng.next() * 2;
    move('resolved', Math.max(t + MIN, created + fixDays * DAY));
    say({ kind: 'reply', at: iso(t + MIN), body: tr(REPLIES.resolved) }, t + MIN);
    if (ticket.channel === 'onsite' && rng.chance(0.5)) say({ kind: 'signature', at: iso(t + 2 * MIN), signerName: ticket.contact.name, sha256: hex64(rng) }, t + 2 * MIN);
    if (rng.chance(0.65)) {
      const r = rng.next();
      const score = r < 0.03 ? 1 : r < 0.08 ? 2 : r < 0.2 ? 3 : r < 0.55 ? 4 : 5;
      say({ kind: 'csat', at: iso(t + 3 * H), score, ...(score <= 2 ? { reason: lang === 'zh' ? '处理时间太长' : 'Took too long' } : {}) }, t + 3 * H);
    }
    move('closed', t + rng.int(1, 5) * DAY);
    if (rng.chance(0.03) && move('in_progress', t + rng.int(1, 10) * DAY)) {
      move('resolved', t + rng.int(1, 3) * DAY);
      move('closed', t + rng.int(1, 3) * DAY);
    }
    ticket.updatedAt = mine.length ? mine[mine.length - 1]!.at : ticket.createdAt;
    if (isOpen(ticket.status) || ticket.status === 'resolved') ticket.slaDueAt = slaDueAtField(slaState({ ticket, events: mine, now: end, ...ctx(ticket) }));
    tickets.push(ticket);
    for (const e of mine) events.push(e);
  }

  const problems = generateProblems(rng, tickets, org.people, end);
  const { cycles, assessments } = generateAssessments(rng, { people: org.people, tickets, events, ctx, end, templateId: org.policies.find((p) => p.kind === 'assessmentTemplate')!.id });
  // Generated last, so the documents above stay what they were before records existed.
  const records = [...generateTraining(rng, assessments, org.people, end), ...generateRelations(rng, org.customers, org.people, end)];
  records.push(...generateParts(rng, { people: org.people, events, start, end }));
  records.push(...generateStocktakes(rng, org, end));
  return { tickets, ticketEvents: events, customers: org.customers, assets: org.assets, people: org.people, teams: org.teams, policies: org.policies, problems, assessmentCycles: cycles, assessments, records, logins: org.logins };
}

const hex64 = (rng: Rng) => Array.from({ length: 8 }, () => rng.int(0, 0xffffffff).toString(16).padStart(8, '0')).join('');

function generateProblems(rng: Rng, tickets: Ticket[], people: Person[], end: number): Problem[] {
  const experts = people.filter((p) => p.roles.includes('expert'));
  const out: Problem[] = [];
  const candidates = tickets.filter((t) => t.problemReport && t.resolvedAt !== null);
  const wanted = Math.min(20, Math.floor(candidates.length / 5));
  for (let i = 0; i < wanted; i++) {
    const first = rng.pick(candidates);
    const linked = [first, ...Array.from({ length: rng.int(1, 6) }, () => rng.pick(candidates)).filter((t) => t.productLine === first.productLine)];
    const ids = [...new Set(linked.map((t) => t.id))];
    const createdMs = Date.parse(first.resolvedAt!);
    const text = TICKET_TEXTS.find((x) => first.title.includes(x.en.split(' ')[0]!)) ?? TICKET_TEXTS[0]!;
    const owner = rng.pick(experts);
    const status = createdMs < end - 60 * DAY ? rng.pick(['closed', 'verifying'] as const) : rng.pick(['analysing', 'action_planned'] as const);
    const at = iso(createdMs);
    const problem: Problem = {
      id: rng.id(createdMs),
      createdAt: at,
      updatedAt: at,
      title: `Recurring: ${first.title}`,
      description: `重复故障分析 / recurring fault analysis over ${ids.length} tickets`,
      status,
      causeCategory: status === 'analysing' ? 'unknown' : text.cause,
      productLine: first.productLine,
      ownerId: owner.id,
      ticketIds: ids,
      assetIds: [...new Set(linked.map((t) => t.assetId).filter((a) => a !== ''))],
      whys: ['Service dropped on the board', 'The board reset under load', 'Memory leak in the driver (内存泄漏)'].slice(0, rng.int(1, 3)),
      rootCause: status === 'analysing' ? '' : 'Driver memory leak triggered by alarm storms',
      actions:
        status === 'analysing'
          ? []
          : [
              { id: rng.id(createdMs), kind: 'corrective', description: 'Install hot patch SPH210 on affected sites', ownerId: owner.id, dueDate: iso(createdMs + 14 * DAY).slice(0, 10), status: status === 'closed' ? 'done' : 'in_progress', effective: status === 'closed' ? true : null, checkedAt: status === 'closed' ? iso(createdMs + 40 * DAY) : null },
              { id: rng.id(createdMs), kind: 'preventive', description: 'Add alarm-storm test case to release regression', ownerId: owner.id, dueDate: iso(createdMs + 45 * DAY).slice(0, 10), status: 'open', effective: null, checkedAt: null },
            ],
    };
    out.push(problem);
    for (const t of linked) if (t.problemId === null) t.problemId = problem.id;
  }
  return out;
}

const COURSES = ['OTN fibre splicing and OTDR / 光纤熔接与 OTDR 测试', 'Customer communication on site / 现场客户沟通', 'Router platform L2 troubleshooting / 路由器二线排障'];
const CERTIFICATES = ['Electrical safety at customer sites / 现场用电安全证书', 'Working at height / 登高作业证'];

/**
 * Training of the assessed staff: a confirmed course for about half of them, a certification
 * for some (a few expiring soon), a course awaiting confirmation, and a course planned by the
 * manager after a review that ended in an improvement plan.
 */
function generateTraining(rng: Rng, assessments: Assessment[], people: Person[], end: number): CimsRecord[] {
  const out: CimsRecord[] = [];
  const managerOf = new Map(people.map((p) => [p.id, p.managerId]));
  const latestByPerson = new Map<string, Assessment>();
  for (const a of assessments) latestByPerson.set(a.personId, a);
  const day = (t: number) => iso(t).slice(0, 10);
  const record = (personId: string, at: number, status: 'submitted' | 'confirmed', body: Omit<TrainingRecord['body'], 'enteredBy' | 'decidedBy' | 'decidedAt' | 'note'> & { note?: string }, ref2 = ''): TrainingRecord => {
    const manager = managerOf.get(personId) ?? null;
    const decided = status === 'confirmed' && manager !== null;
    return {
      id: rng.id(at),
      createdAt: iso(at),
      updatedAt: iso(at),
      kind: 'training',
      ref: personId,
      ref2,
      status: decided ? 'confirmed' : 'submitted',
      body: { note: '', ...body, enteredBy: personId, decidedBy: decided ? manager : null, decidedAt: decided ? iso(at + DAY) : null },
    };
  };
  for (const a of latestByPerson.values()) {
    const at = Math.min(Date.parse(a.createdAt), end);
    if (rng.chance(0.5)) {
      const done = at - rng.int(20, 80) * DAY;
      out.push(record(a.personId, done, 'confirmed', { trainingKind: 'course', title: COURSES[rng.int(0, COURSES.length - 1)]!, provider: 'CIMS Academy', startsOn: day(done - 2 * DAY), endsOn: day(done), hours: rng.int(4, 16), result: 'passed', expiresOn: null }));
    }
    if (rng.chance(0.4)) {
      const got = at - rng.int(300, 700) * DAY;
      // Valid for two years: some lapse within the coming weeks.
      out.push(record(a.personId, got, 'confirmed', { trainingKind: 'certification', title: CERTIFICATES[rng.int(0, CERTIFICATES.length - 1)]!, provider: 'Provincial safety board', startsOn: day(got), endsOn: day(got), hours: 8, result: 'certified', expiresOn: day(got + 730 * DAY) }));
    }
    if (rng.chance(0.15)) {
      const done = at - rng.int(1, 10) * DAY;
      out.push(record(a.personId, done, 'submitted', { trainingKind: 'course', title: COURSES[0]!, provider: 'Vendor online academy', startsOn: day(done), endsOn: day(done), hours: 3, result: 'attended', expiresOn: null }));
    }
    if (a.outcome === 'improvement_plan') {
      const from = at + 30 * DAY;
      out.push(record(a.personId, at, 'submitted', { trainingKind: 'course', title: COURSES[1]!, provider: 'CIMS Academy', startsOn: day(from), endsOn: day(from + DAY), hours: 8, result: '', expiresOn: null, note: 'Agreed in the quarterly review. 季度考核约定。' }, a.id));
    }
  }
  return out;
}

function generateAssessments(
  rng: Rng,
  input: { people: Person[]; tickets: Ticket[]; events: TicketEvent[]; ctx: ReturnType<typeof slaContextFrom>; end: number; templateId: string },
): { cycles: AssessmentCycle[]; assessments: Assessment[] } {
  const endDate = new Date(input.end);
  // The last three quarters that have ended: the latest under manager review, older ones closed.
  const quarters: [number, number][] = [];
  let y = endDate.getUTCFullYear();
  let q = Math.floor(endDate.getUTCMonth() / 3); // current quarter index 0-3; step back to the last complete one
  for (let i = 0; i < 3; i++) {
    if (q === 0) {
      y--;
      q = 4;
    }
    quarters.unshift([y, q]);
    q--;
  }
  const staff = input.people.filter((p) => p.managerId && p.roles.some((r) => r === 'technician' || r === 'engineer' || r === 'expert'));
  const byAssignee = new Map<string, Ticket[]>();
  for (const t of input.tickets) {
    for (const pid of [t.assigneeId, t.subjectPersonId ?? '']) {
      if (!pid) continue;
      const list = byAssignee.get(pid);
      if (list) list.push(t);
      else byAssignee.set(pid, [t]);
    }
  }
  const eventsByTicket = groupEventsByTicket(input.events);
  const eventsOf = new Map(staff.map((p) => [p.id, (byAssignee.get(p.id) ?? []).flatMap((t) => eventsByTicket.get(t.id) ?? [])]));
  const cycles: AssessmentCycle[] = [];
  const assessments: Assessment[] = [];
  quarters.forEach(([year, quarter], i) => {
    const [from, to] = quarterRange(year, quarter);
    const latest = i === quarters.length - 1;
    const at = iso(Math.min(to + 5 * DAY, input.end));
    const cycle: AssessmentCycle = { id: rng.id(to), createdAt: at, updatedAt: at, name: `${year}-Q${quarter}`, year, quarter, startsOn: iso(from).slice(0, 10), endsOn: iso(to - DAY).slice(0, 10), phase: latest ? 'manager_review' : 'closed', templatePolicyId: input.templateId };
    cycles.push(cycle);
    for (const p of staff) {
      const tickets = byAssignee.get(p.id) ?? [];
      const events = eventsOf.get(p.id) ?? [];
      const kpis = personKpis({ personId: p.id, from, to, tickets, events, slaContext: input.ctx, now: input.end });
      const scores = () =>
        ['businessSkill', 'serviceAttitude', 'workEfficiency', 'customerSatisfaction'].map((criterion) => {
          const score = rng.int(2, 5);
          return { criterion, score, comment: score === 5 ? 'Outstanding this quarter / 本季度表现突出' : '' };
        });
      const self = { scores: scores(), summary: 'Handled my queue, see KPIs. 按时完成工单。', submittedAt: at };
      const manager = latest ? { scores: [], summary: '', submittedAt: null } : { scores: scores(), summary: 'Solid quarter.', submittedAt: at };
      const a: Assessment = {
        id: rng.id(to),
        createdAt: at,
        updatedAt: at,
        cycleId: cycle.id,
        personId: p.id,
        managerId: p.managerId!,
        phase: cycle.phase,
        selfReview: self,
        managerReview: manager,
        kpis,
        calibration: { adjustments: [], note: '' },
        total: null,
        outcome: null,
        acknowledgement: latest ? null : { at, comment: rng.chance(0.2) ? 'Acknowledged; I disagree on efficiency. 已确认。' : '' },
      };
      const result = assessmentResult(a);
      assessments.push({ ...a, ...result });
    }
  });
  return { cycles, assessments };
}

const CONTACT_NOTES = [
  ['Quarterly service review with the NOC head', '与网管中心主任季度服务回顾', 'Send the SLA figures for the quarter'],
  ['Walked the sites after the last outage', '上次故障后现场巡视', 'Confirm the spare boards on site'],
  ['Call about the planned upgrade window', '沟通计划升级窗口', 'Share the cut-over plan'],
  ['Dinner with the operations director', '与运维总监晚餐交流', ''],
  ['Mail with the outage report', '邮件发送故障报告', 'Follow up on the root cause'],
] as const;

/**
 * Account plans for the key accounts (关键客户), kept by their region's service manager, and a
 * log of contacts (seed: 客户关系管理): key accounts about weekly, every third of them gone
 * quiet for one to three weeks before the demo's end so it shows overdue; general accounts
 * a contact or two a year, some never.
 */
function generateRelations(rng: Rng, customers: Customer[], people: Person[], end: number): CimsRecord[] {
  const out: CimsRecord[] = [];
  const managerOf = new Map(people.filter((p) => p.title === 'service_manager').map((p) => [p.region, p]));
  const techsOf = (region: string) => people.filter((p) => p.region === region && p.roles.includes('technician'));
  const contact = (c: Customer, at: number, by: string) => {
    const [en, zh, next] = CONTACT_NOTES[rng.int(0, CONTACT_NOTES.length - 1)]!;
    const name = c.contacts[0]?.name ?? '';
    const stamp = iso(at);
    out.push({
      id: rng.id(at),
      createdAt: stamp,
      updatedAt: stamp,
      kind: 'contactLog',
      ref: c.id,
      ref2: name.slice(0, 80),
      status: 'done',
      body: { channel: rng.pick(['visit', 'call', 'meeting', 'email'] as const), contactName: name, at: stamp, by, summary: `${en} / ${zh}`, nextStep: next },
    });
  };
  let keyIndex = 0;
  for (const c of customers) {
    const manager = managerOf.get(c.region);
    const techs = techsOf(c.region);
    if (c.tier === 'key' && manager) {
      const planned = iso(end - 200 * DAY);
      out.push({ id: c.id, createdAt: planned, updatedAt: planned, kind: 'account', ref: c.id, ref2: '', status: 'active', body: { managerId: manager.id, cadenceDays: null, notes: 'Key account: weekly contact with the NOC head. 关键客户：每周联系网管中心负责人。' } });
      const quiet = keyIndex++ % 3 === 0;
      let at = end - (quiet ? rng.int(9, 20) : rng.int(1, 5)) * DAY - rng.int(1, 8) * H;
      while (at > end - 120 * DAY) {
        contact(c, at, rng.chance(0.6) || techs.length === 0 ? manager.id : rng.pick(techs).id);
        at -= rng.int(4, 9) * DAY + rng.int(0, 6) * H;
      }
    } else if (rng.chance(0.7)) {
      for (let n = rng.int(1, 2); n > 0; n--) contact(c, end - rng.int(10, 300) * DAY, techs.length ? rng.pick(techs).id : (manager?.id ?? people[0]!.id));
    }
  }
  return out;
}
