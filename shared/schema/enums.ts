// Closed sets of the domain. Schemas and domain rules import them from here, so a value is
// written once. Order matters where noted (levels and phases are ordered).

export const ROLES = ['technician', 'engineer', 'expert', 'manager', 'assessor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// TL 9000 severity classes.
export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

// Seed: 关键客户 (key) / 普遍客户 (general).
export const TIERS = ['key', 'general'] as const;
export type Tier = (typeof TIERS)[number];

// Seed: 投诉 complaint, 咨询 inquiry, 故障 fault, plus service requests.
export const TICKET_TYPES = ['fault', 'complaint', 'inquiry', 'service_request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ['phone', 'email', 'onsite', 'portal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TICKET_STATUSES = ['new', 'acknowledged', 'in_progress', 'pending', 'restored', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PENDING_REASONS = ['customer', 'parts', 'third_party'] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

// Functional axis, ordered L1 -> L3; spare parts and logistics are sideways targets.
export const SUPPORT_LEVELS = ['L1', 'L2', 'L3'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];
export const TEAM_FUNCTIONS = ['field', 'technical_support', 'rnd', 'spare_parts', 'logistics'] as const;
export type TeamFunction = (typeof TEAM_FUNCTIONS)[number];
export const FUNCTIONAL_TARGETS = ['L1', 'L2', 'L3', 'spare_parts', 'logistics'] as const;
export type FunctionalTarget = (typeof FUNCTIONAL_TARGETS)[number];

// Hierarchical axis, ordered.
export const MANAGEMENT_LEVELS = ['assignee', 'team_lead', 'service_manager', 'regional_director'] as const;
export type ManagementLevel = (typeof MANAGEMENT_LEVELS)[number];

export const ESCALATION_AXES = ['functional', 'hierarchical'] as const;
export type EscalationAxis = (typeof ESCALATION_AXES)[number];

export const SLA_CLOCKS = ['firstResponse', 'restore', 'fix'] as const;
export type SlaClockKind = (typeof SLA_CLOCKS)[number];
export const CLOCK_MODES = ['24x7', 'business'] as const;
export type ClockMode = (typeof CLOCK_MODES)[number];

export const ASSET_KINDS = ['rack', 'shelf', 'board', 'unit'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_STATUSES = ['in_service', 'spare', 'under_repair', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
// Asset schema v1: lifecycle history, ownership and custody events.
export const ASSET_LIFECYCLE_STATES = ['acquired', 'registered', 'in_service', 'under_maintenance', 'retired', 'disposed'] as const;
export type AssetLifecycleState = (typeof ASSET_LIFECYCLE_STATES)[number];
export const ASSET_OWNERSHIPS = ['ours', 'customer'] as const;
export type AssetOwnership = (typeof ASSET_OWNERSHIPS)[number];
export const ASSET_CUSTODY_EVENTS = ['received', 'moved', 'returned'] as const;
export type AssetCustodyEvent = (typeof ASSET_CUSTODY_EVENTS)[number];

export const CAUSE_CATEGORIES = ['hardware', 'software', 'configuration', 'environment', 'operation', 'third_party', 'unknown'] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];
export const ACTION_KINDS = ['corrective', 'preventive'] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const PROBLEM_STATUSES = ['open', 'analysing', 'action_planned', 'verifying', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

// Assessment phases, ordered.
export const ASSESSMENT_PHASES = ['self_review', 'manager_review', 'calibration', 'acknowledgement', 'closed'] as const;
export type AssessmentPhase = (typeof ASSESSMENT_PHASES)[number];
export const OUTCOMES = ['reward', 'meets', 'improvement_plan'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const POLICY_KINDS = ['sla', 'calendar', 'escalation', 'priority', 'assessmentTemplate', 'general'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
