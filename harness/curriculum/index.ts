/**
 * The curriculum: the exercise manifest and the kernel every exercise is built from (check results,
 * the learner seam, replay tokens). Each exercise's internals stay in its folder; tests import them
 * from there.
 */
export { EXERCISES, findExercise, type ExerciseEntry } from './manifest.ts';
export { MIN_ANSWER_BUDGET_BYTES, type ActedUpon, type FixtureExpectations } from './exercise-entry.ts';
export { capConsole, type CheckCause, type CheckContext, type CheckGroup, type GroupResult, type CheckInfo, type CheckResult, type CheckStatus, type FailingScenario } from './check.ts';
export type { LearnerAnswer, LearnerCallContext, LearnerCaller, LearnerError, CallOptions, CallbackHandler, CallbackObjectMarker, LookupFunctionMarker } from './learner-call.ts';
export { callbackObject, lookupFunction, MISSING_EXPORT_ERROR } from './learner-call.ts';
export { inProcessCaller } from './in-process-caller.ts';
export { answerFailure, learnerSession, type LearnerSession, type LearnerProblem, type AskAt } from './learner-session.ts';
export { statedBy, statementProblem, type AcceptableSet, type StatedExpectation, type WrongAnswer } from './expectation.ts';
export type { Timeline, TimelineEntry } from './timeline.ts';
export { lanesOf, presentRun, type EventPresenter, type Lane, type MissingMessage, type Presented, type Presenter, type PresentedRun } from './presenter.ts';
export { encodeReplayToken, decodeReplayToken, InvalidReplayTokenError, type ReplayToken } from './replay-token.ts';
export { RUN_RECORD_FORMAT, type RecordedRun, type ScheduleRecords } from './run-record.ts';
export { HINT_LEVELS, hintsProblem, type ExerciseHints, type HintLadder } from './hints.ts';
export { HARNESS_VERSION, WORKBOOK_COMMAND } from './version.ts';
