import { z } from 'zod';
import type { RoundSummary } from './maintenance';

/**
 * The calendar of coming rounds (UI.md: #/maintenance/calendar) and assigning a round: a week
 * of one team's rounds, one row per technician of the team and one for rounds assigned to the
 * team as a whole. Managers and admins pick the team and assign a round to a technician of its
 * team or back to the team; others see their own team. Refused input is VALIDATION_FAILED or
 * FORBIDDEN with a field whose message is a `maintenance` i18n key (`errors.<code>`).
 */
const docId = z.string().trim().min(1).max(64);

export const calendarParams = z
  .object({
    /** Any day of the week wanted (its Monday is taken); null = this week. */
    week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.dateInvalid').nullable(),
    /** null = the viewer's own team (or the first they may see). */
    teamId: docId.nullable(),
  })
  .strict();

export const assignRoundInput = z
  .object({
    roundId: docId,
    /** A technician of the round's team, or null for the team as a whole. */
    assigneeId: docId.nullable(),
  })
  .strict();

export const assigneesParams = z.object({ roundId: docId }).strict();

export interface CalendarPerson {
  id: string;
  name: string;
  /** The Chinese name, when the person has one. */
  nameZh: string | null;
}

export interface CalendarTeam {
  id: string;
  name: string;
  nameZh: string | null;
}

export interface CalendarRow {
  /** null: the row of rounds assigned to the team as a whole. */
  person: CalendarPerson | null;
  /** Someone rounds are assigned to who is no longer a technician of the team. */
  outside: boolean;
  /** The week's rounds of the row, by due date. */
  rounds: RoundSummary[];
}

export interface MaintenanceCalendar {
  /** Monday of the week shown, and its seven days. */
  weekStart: string;
  days: string[];
  /** The organisation's today. */
  today: string;
  team: CalendarTeam | null;
  /** Teams the viewer may show: managers and admins choose, others see their own. */
  teams: CalendarTeam[];
  /** The team row first, then the technicians by name. */
  rows: CalendarRow[];
  can: { assign: boolean };
}

/** Whom a round may be assigned to: the technicians of its team. */
export interface RoundAssignees {
  roundId: string;
  team: CalendarTeam | null;
  assigneeId: string | null;
  people: CalendarPerson[];
  can: { assign: boolean };
}

export type { RoundSummary };
