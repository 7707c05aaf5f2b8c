import { z } from 'zod';
import { escalationIssues } from '../../../../../shared/domain/policyForms';
import type { EscalationRule } from '../../../../../shared/schema';
import { ESCALATION_AXES, FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS, SEVERITIES, SLA_CLOCKS } from '../../../../../shared/schema/enums';
import { effectiveDateField, policyNameField } from './policyFormParts';

export const RULE_CLOCKS = [...SLA_CLOCKS, 'any'] as const;
export const ACTION_TARGETS = ['next', ...FUNCTIONAL_TARGETS, ...MANAGEMENT_LEVELS] as const;
/** What each axis may escalate to; the assignee is where the hierarchical axis starts. */
export const TARGETS_OF = {
  functional: ['next', ...FUNCTIONAL_TARGETS],
  hierarchical: MANAGEMENT_LEVELS.filter((l) => l !== 'assignee'),
} as const;

const ruleField = z.object({
  id: z.string().trim().min(1, 'validation.ruleIdRequired').max(40, 'validation.ruleIdTooLong'),
  clock: z.enum(RULE_CLOCKS),
  // As typed: a whole percentage of the target (100 = breach).
  atPercent: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, 'validation.percentInvalid')
    .transform(Number),
  severities: z.array(z.enum(SEVERITIES)),
  actions: z
    .array(z.object({ axis: z.enum(ESCALATION_AXES), to: z.enum(ACTION_TARGETS) }))
    .min(1, 'validation.actionsRequired')
    .max(4),
});

export const escalationFormSchema = z
  .object({ name: policyNameField, effectiveFrom: effectiveDateField, rules: z.array(ruleField).max(50, 'validation.tooManyRules') })
  .superRefine((v, ctx) => {
    for (const issue of escalationIssues(v.rules)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type EscalationFormInput = z.input<typeof escalationFormSchema>;
export type EscalationFormOutput = z.output<typeof escalationFormSchema>;

export const toFormRule = (r: EscalationRule): EscalationFormInput['rules'][number] => ({ ...r, atPercent: String(r.atPercent), severities: [...r.severities], actions: r.actions.map((a) => ({ ...a })) });

/** A new rule: the next free id, a breach of any clock, to the team lead. */
export const blankRule = (taken: readonly string[]): EscalationFormInput['rules'][number] => {
  let n = taken.length + 1;
  while (taken.includes(`rule-${n}`)) n++;
  return { id: `rule-${n}`, clock: 'any', atPercent: '100', severities: [], actions: [{ axis: 'hierarchical', to: 'team_lead' }] };
};
