import type { AssessmentTemplate, BusinessCalendar, EscalationRule, Policy, PriorityPolicyBody, SlaTarget } from '../schema';

// The shipped defaults of DOMAIN.md. Every number here is asserted by a test (sla, priority,
// lifecycle, escalation, assessment tests); change them through `policies`, not in code.

export const WARNING_RATIO = 0.75;
export const REOPEN_WINDOW_DAYS = 14;
const H = 60;
const DAY = 24 * H;

// Key accounts: response targets halved. We read "response" as the first-response target
// only; restore and fix targets are the same for both tiers (a contract policy can differ).
function target(severity: SlaTarget['severity'], tier: SlaTarget['tier'], fr: number, restore: number | null, fixDays: number, clock: '24x7' | 'business'): SlaTarget {
  return {
    severity,
    tier,
    firstResponseMinutes: tier === 'key' ? fr / 2 : fr,
    restoreMinutes: restore,
    fixMinutes: fixDays * DAY,
    firstResponseClock: clock,
    restoreClock: clock,
    // Fix is counted in calendar days, whatever the response clock.
    fixClock: '24x7',
  };
}

export const DEFAULT_SLA_TARGETS: SlaTarget[] = (['general', 'key'] as const).flatMap((tier) => [
  target('critical', tier, 15, 4 * H, 30, '24x7'),
  target('major', tier, 1 * H, 24 * H, 30, 'business'),
  target('minor', tier, 4 * H, null, 180, 'business'),
]);

export const DEFAULT_ESCALATION_RULES: EscalationRule[] = [
  // Response breach -> team lead.
  { id: 'response-breach', clock: 'firstResponse', atPercent: 100, severities: [], actions: [{ axis: 'hierarchical', to: 'team_lead' }] },
  // Critical restore at 100 % -> next functional level and the service manager.
  {
    id: 'critical-restore-breach',
    clock: 'restore',
    atPercent: 100,
    severities: ['critical'],
    actions: [
      { axis: 'functional', to: 'next' },
      { axis: 'hierarchical', to: 'service_manager' },
    ],
  },
  // Any target at 200 % -> regional director.
  { id: 'any-double-breach', clock: 'any', atPercent: 200, severities: [], actions: [{ axis: 'hierarchical', to: 'regional_director' }] },
];

export const DEFAULT_PRIORITY: PriorityPolicyBody = {
  matrix: [
    { severity: 'critical', tier: 'general', priority: 'P1' },
    { severity: 'critical', tier: 'key', priority: 'P1' },
    { severity: 'major', tier: 'general', priority: 'P2' },
    { severity: 'major', tier: 'key', priority: 'P1' },
    { severity: 'minor', tier: 'general', priority: 'P3' },
    { severity: 'minor', tier: 'key', priority: 'P2' },
  ],
  noFaultTypes: ['inquiry'],
  noFaultPriority: 'P4',
};

// Seed 考核与奖惩: 业务水平, 服务态度, 工作效率, 客户满意度, 25 % each.
export const DEFAULT_ASSESSMENT_TEMPLATE: AssessmentTemplate = {
  criteria: [
    { key: 'businessSkill', labelEn: 'Business skill', labelZh: '业务水平', weight: 0.25 },
    { key: 'serviceAttitude', labelEn: 'Service attitude', labelZh: '服务态度', weight: 0.25 },
    { key: 'workEfficiency', labelEn: 'Work efficiency', labelZh: '工作效率', weight: 0.25 },
    { key: 'customerSatisfaction', labelEn: 'Customer satisfaction', labelZh: '客户满意度', weight: 0.25 },
  ],
  rewardAtLeast: 4.5,
  meetsAtLeast: 2.5,
};

export const DEFAULT_CALENDAR: BusinessCalendar = {
  region: 'cn-east',
  timeZone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5],
  hours: [{ start: '09:00', end: '18:00' }],
  holidays: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-06', '2026-05-01', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkingDays: ['2026-02-14', '2026-09-27'],
};

/** The default policy documents (one per kind) for a fresh installation. */
export function defaultPolicies(opts: { now: number; id: () => string }): Policy[] {
  const at = new Date(opts.now).toISOString();
  const base = { createdAt: at, updatedAt: at, active: true };
  return [
    { ...base, id: opts.id(), name: 'Default SLA', kind: 'sla', sla: { customerId: null, warningRatio: WARNING_RATIO, targets: DEFAULT_SLA_TARGETS } },
    { ...base, id: opts.id(), name: 'China East calendar', kind: 'calendar', calendar: DEFAULT_CALENDAR },
    { ...base, id: opts.id(), name: 'Default escalation', kind: 'escalation', escalation: { rules: DEFAULT_ESCALATION_RULES } },
    { ...base, id: opts.id(), name: 'Default priority matrix', kind: 'priority', priority: DEFAULT_PRIORITY },
    { ...base, id: opts.id(), name: 'Quarterly assessment', kind: 'assessmentTemplate', assessmentTemplate: DEFAULT_ASSESSMENT_TEMPLATE },
    { ...base, id: opts.id(), name: 'General', kind: 'general', general: { reopenWindowDays: REOPEN_WINDOW_DAYS } },
  ];
}
