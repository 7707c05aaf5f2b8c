import { Observable, distinctUntilChanged } from 'rxjs';
import type { assessmentsApi } from '../../../shared/api/assessments';
import type { SessionView } from '../../../shared/api/session';
import type { Viewer } from '../../../shared/domain/assessment';
import type { SliceHandlers } from '../../core/router';
import type { AssessmentCommands } from './commands';
import { viewerOf } from './org';
import type { createAssessmentQueries } from './queries';

/** The signed-in user as the assessment rules see them; emits again on sign-in and sign-out. */
export const assessmentViewer$ = (watchSession: (emit: (view: SessionView) => void) => () => void): Observable<Viewer | null> =>
  new Observable<Viewer | null>((subscriber) => watchSession(({ user }) => subscriber.next(viewerOf(user)))).pipe(
    distinctUntilChanged((a, b) => a?.id === b?.id && a?.roles.join() === b?.roles.join()),
  );

export const assessmentsHandlers = (
  commands: AssessmentCommands,
  queries: ReturnType<typeof createAssessmentQueries>,
): SliceHandlers<typeof assessmentsApi> => ({
  commands: {
    'assessments.openCycle': (input) => commands.openCycle(input),
    'assessments.advancePhase': (input) => commands.advancePhase(input),
    'assessments.saveReview': (input) => commands.saveReview(input),
    'assessments.calibrate': (input) => commands.calibrate(input),
    'assessments.acknowledge': (input) => commands.acknowledge(input),
    'assessments.exportCycle': (input) => commands.exportCycle(input),
    'assessments.exportCycleXlsx': (input) => commands.exportCycleXlsx(input),
    'assessments.resultPdf': (input) => commands.resultPdf(input),
    'assessments.decideOutcome': (input) => commands.decideOutcome(input),
    'assessments.setGoal': (input) => commands.setGoal(input),
    'assessments.followUpGoal': (input) => commands.followUpGoal(input),
  },
  liveQueries: {
    'assessments.cycles': (_params, emit, onError) => queries.watchCycles(emit, onError),
    'assessments.cycle': (params, emit, onError) => queries.watchCycle(params, emit, onError),
    'assessments.review': (params, emit, onError) => queries.watchReview(params, emit, onError),
    'assessments.kpiTickets': (params, emit, onError) => queries.watchKpiTickets(params, emit, onError),
    'assessments.calibration': (params, emit, onError) => queries.watchCalibration(params, emit, onError),
    'assessments.history': (params, emit, onError) => queries.watchHistory(params, emit, onError),
  },
});
