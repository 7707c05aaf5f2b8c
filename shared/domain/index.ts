// Public surface of the domain core: pure functions of data and a clock passed in (`now`,
// epoch ms). Used alike by main, renderer and server.
export { uuidV7, seededRandom } from './ids';
export {
  WARNING_RATIO,
  REOPEN_WINDOW_DAYS,
  DEFAULT_SLA_TARGETS,
  DEFAULT_ESCALATION_RULES,
  DEFAULT_PRIORITY,
  DEFAULT_ASSESSMENT_TEMPLATE,
  DEFAULT_CALENDAR,
  defaultPolicies,
} from './defaults';
export { priorityFor, countsForTl9000, defaultProblemReport, changeSeverity } from './priority';
export { TRANSITIONS, ROLE_ACTIONS, OPEN_STATUSES, isOpen, isReopen, canTransition, applyTransition, reopenDeadline } from './lifecycle';
export type { EventDraft, TransitionError, Check } from './lifecycle';
export {
  wallTime,
  zoneOffset,
  localToUtc,
  localDate,
  isWorkingDay,
  workingIntervals,
  businessMsBetween,
  addBusinessMs,
  mergeIntervals,
  subtractIntervals,
} from './calendar';
export type { Interval, WallTime } from './calendar';
export { slaTargetFor, sortEvents, pauseIntervals, isPaused, milestones, evaluateClock, slaState, slaDueAtField, slaMet } from './sla';
export type { SlaClock, SlaState, ClockState, Milestones } from './sla';
export { slaContextFrom, groupEventsByTicket } from './context';
export type { SlaContext, SlaContextFn } from './context';
export {
  dueEscalations,
  escalationRulesFrom,
  escalationDraft,
  manualEscalation,
  currentLevels,
  nextFunctionalLevel,
  unacknowledgedEscalations,
  applyEscalation,
  escalationTarget,
  escalationDryRun,
} from './escalation';
export type { EscalationDue, EscalationLevel, EscalationCheck, EscalationPreview } from './escalation';
export {
  weightedScore,
  outcomeFor,
  calibratedScores,
  assessmentResult,
  reviewIssues,
  calibrationIssues,
  canEditAssessment,
  canViewAssessment,
  managerChain,
  nextPhase,
  phaseExitIssues,
  quarterRange,
  personKpis,
  personKpiDetail,
  assigneeAt,
  displayScore,
  actsOnOwnAssessment,
  runsAssessment,
  OWN_SECTIONS,
} from './assessment';
export type { AssessmentIssue, AssessmentSection, Viewer, KpiTickets, KpiFigure, KpiInput } from './assessment';
export {
  monthOf,
  monthRange,
  monthsBetween,
  unitsInService,
  fixDueAt,
  tl9000Month,
  combineTl9000,
  slaCompliance,
  backlogAgeing,
  escalationRate,
  csatSummary,
  latestCsatAnswers,
  AGEING_BUCKETS,
} from './metrics';
export type { Tl9000Counts, Tl9000Row, ClockCompliance, CsatSummary, Month } from './metrics';
export {
  PROVISIONAL_PREFIX,
  provisionalTicketNumber,
  isProvisionalNumber,
  officialTicketNumber,
  parseOfficialTicketNumber,
  displayTicketNumber,
} from './ticketNumber';
export { generateDemoData, DEMO_END } from './demo';
export type { DemoOptions, DemoData } from './demo';
export type { DemoLogin } from './demoOrg';
