import { z } from 'zod';
import { CLOCK_MODES, ESCALATION_AXES, FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS, PRIORITIES, SEVERITIES, SLA_CLOCKS, TICKET_TYPES, TIERS } from './enums';
import { hhmm, ianaZone, id, localDate, name, text, timestamps } from './primitives';

// Minutes; null = no target (e.g. minor restore).
const minutes = z.number().min(0).max(10 * 366 * 24 * 60).nullable();

export const slaTargetSchema = z.strictObject({
  severity: z.enum(SEVERITIES),
  tier: z.enum(TIERS),
  firstResponseMinutes: minutes,
  restoreMinutes: minutes,
  fixMinutes: minutes,
  firstResponseClock: z.enum(CLOCK_MODES),
  restoreClock: z.enum(CLOCK_MODES),
  fixClock: z.enum(CLOCK_MODES),
});
export const slaPolicyBody = z.strictObject({
  // A contract may carry its own targets; null = the default for everyone.
  customerId: id().nullable(),
  warningRatio: z.number().gt(0).lt(1),
  targets: z.array(slaTargetSchema).min(1).max(60),
});

export const calendarBody = z.strictObject({
  region: name(40),
  timeZone: ianaZone(),
  // ISO weekdays, 1 = Monday ... 7 = Sunday.
  workingDays: z.array(z.number().int().min(1).max(7)).max(7),
  hours: z.array(z.strictObject({ start: hhmm(), end: hhmm() })).min(1).max(6),
  holidays: z.array(localDate()).max(1000),
  // Weekend days worked in exchange for a holiday (China's 调休).
  extraWorkingDays: z.array(localDate()).max(200),
});

export const escalationRuleSchema = z.strictObject({
  id: name(40),
  clock: z.enum([...SLA_CLOCKS, 'any']),
  // Percent of the target elapsed: 100 = breach.
  atPercent: z.number().int().min(1).max(1000),
  severities: z.array(z.enum(SEVERITIES)).max(3),
  actions: z
    .array(
      z.strictObject({
        axis: z.enum(ESCALATION_AXES),
        // 'next' = one functional level up (L1 -> L2 -> L3).
        to: z.enum(['next', ...FUNCTIONAL_TARGETS, ...MANAGEMENT_LEVELS]),
      }),
    )
    .min(1)
    .max(4),
});
export const escalationBody = z.strictObject({ rules: z.array(escalationRuleSchema).max(50) });

export const priorityBody = z.strictObject({
  matrix: z.array(z.strictObject({ severity: z.enum(SEVERITIES), tier: z.enum(TIERS), priority: z.enum(PRIORITIES) })).min(1).max(6),
  // Ticket types without a fault get this priority regardless of severity.
  noFaultTypes: z.array(z.enum(TICKET_TYPES)).max(4),
  noFaultPriority: z.enum(PRIORITIES),
});

export const assessmentTemplateBody = z.strictObject({
  criteria: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, { error: 'must be a camelCase key' }),
        labelEn: name(120),
        labelZh: name(120),
        weight: z.number().gt(0).max(1),
      }),
    )
    .min(1)
    .max(20),
  rewardAtLeast: z.number().min(1).max(5),
  meetsAtLeast: z.number().min(1).max(5),
});

export const generalBody = z.strictObject({
  reopenWindowDays: z.number().int().min(0).max(365),
});

const base = { ...timestamps, name: name(120), active: z.boolean(), description: text(2000).optional() };

export const POLICY_VARIANTS = [
  z.strictObject({ ...base, kind: z.literal('sla'), sla: slaPolicyBody }),
  z.strictObject({ ...base, kind: z.literal('calendar'), calendar: calendarBody }),
  z.strictObject({ ...base, kind: z.literal('escalation'), escalation: escalationBody }),
  z.strictObject({ ...base, kind: z.literal('priority'), priority: priorityBody }),
  z.strictObject({ ...base, kind: z.literal('assessmentTemplate'), assessmentTemplate: assessmentTemplateBody }),
  z.strictObject({ ...base, kind: z.literal('general'), general: generalBody }),
] as const;
export const policySchema = z.discriminatedUnion('kind', POLICY_VARIANTS);
export type Policy = z.infer<typeof policySchema>;
export type PolicyOf<K extends Policy['kind']> = Extract<Policy, { kind: K }>;
export type SlaPolicyBody = z.infer<typeof slaPolicyBody>;
export type SlaTarget = z.infer<typeof slaTargetSchema>;
export type BusinessCalendar = z.infer<typeof calendarBody>;
export type EscalationRule = z.infer<typeof escalationRuleSchema>;
export type EscalationPolicyBody = z.infer<typeof escalationBody>;
export type PriorityPolicyBody = z.infer<typeof priorityBody>;
export type AssessmentTemplate = z.infer<typeof assessmentTemplateBody>;
export type GeneralPolicyBody = z.infer<typeof generalBody>;
