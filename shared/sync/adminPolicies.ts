/**
 * Bodies of the policy administration routes (SLA targets, business calendars, priority and
 * escalation matrices, assessment templates). A change is a
 * new policy document; the one it replaces is marked inactive, so every version stays and a
 * rollback re-activates an earlier one. Messages are keys of the admin namespace's `validation.*`.
 */
import { z } from 'zod';
import { calendarIssues, escalationIssues, priorityIssues, slaIssues, templateIssues, type PolicyIssue } from '../domain/policyForms';
import { assessmentTemplateBody, calendarBody, escalationBody, policySchema, priorityBody, slaPolicyBody } from '../schema/policies';

const refId = z.string().min(1).max(64);
const policyName = z.string().trim().min(1, 'validation.policyNameRequired').max(120, 'validation.policyNameTooLong');
const effectiveDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.dateInvalid');

export const POLICY_ADMIN_KINDS = ['sla', 'calendar', 'priority', 'escalation', 'assessmentTemplate'] as const;
export type PolicyAdminKind = (typeof POLICY_ADMIN_KINDS)[number];

const draft = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sla'), name: policyName, sla: slaPolicyBody }).strict(),
  z.object({ kind: z.literal('calendar'), name: policyName, calendar: calendarBody }).strict(),
  z.object({ kind: z.literal('priority'), name: policyName, priority: priorityBody }).strict(),
  z.object({ kind: z.literal('escalation'), name: policyName, escalation: escalationBody }).strict(),
  // A cycle names the template version it opened with, so a new version never changes a running cycle.
  z.object({ kind: z.literal('assessmentTemplate'), name: policyName, assessmentTemplate: assessmentTemplateBody }).strict(),
]);

const issuesOf = (d: z.output<typeof draft>): PolicyIssue[] => {
  switch (d.kind) {
    case 'sla':
      return slaIssues(d.sla.targets, d.sla.warningRatio);
    case 'calendar':
      return calendarIssues(d.calendar);
    case 'priority':
      return priorityIssues(d.priority.matrix);
    case 'escalation':
      return escalationIssues(d.escalation.rules);
    case 'assessmentTemplate':
      return templateIssues(d.assessmentTemplate);
  }
};

export const savePolicyBody = z
  .object({
    /** The active version this one replaces; null adds a new policy beside the others. */
    replaces: refId.nullable(),
    /** Local date from which the version applies. Earlier than today re-evaluates running tickets. */
    effectiveFrom: effectiveDate,
    /** The admin confirmed re-evaluating running tickets under a retroactive version. */
    confirmReevaluation: z.boolean().default(false),
    draft,
  })
  .strict()
  .superRefine((body, ctx) => {
    for (const issue of issuesOf(body.draft)) ctx.addIssue({ code: 'custom', path: ['draft', body.draft.kind, ...issue.path], message: issue.message });
  });
export type SavePolicyBody = z.input<typeof savePolicyBody>;

export const rollbackPolicyBody = z.object({ confirmReevaluation: z.boolean().default(false) }).strict();
export type RollbackPolicyBody = z.input<typeof rollbackPolicyBody>;

export const policyReplySchema = z.object({ policy: policySchema.or(z.record(z.string(), z.unknown())) });

/** A version saved for a later day: stored inactive until `activateAt` (the start of `effectiveFrom` in `zone`). */
export const scheduledPolicySchema = z.object({
  policyId: z.string(),
  kind: z.enum(POLICY_ADMIN_KINDS),
  effectiveFrom: z.string(),
  zone: z.string(),
  activateAt: z.string(),
  replaces: z.string().nullable(),
  scheduledBy: z.string().nullable(),
});
export type ScheduledPolicy = z.infer<typeof scheduledPolicySchema>;
export const policyScheduleReplySchema = z.object({ scheduled: z.array(scheduledPolicySchema) });
export const cancelScheduleBody = z.object({}).strict();
