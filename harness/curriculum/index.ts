/**
 * The curriculum: the exercise manifest, each exercise's checks, hints and scenario sets.
 */
export { EXERCISES, findExercise, type ExerciseEntry } from './manifest.ts';
export { answerFailure, capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult, type CheckStatus, type FailingScenario } from './check.ts';
export type { LearnerAnswer, LearnerCallContext, LearnerCaller, LearnerError, CallOptions, CallbackHandler, CallbackObjectMarker, LookupFunctionMarker } from './learner-call.ts';
export { callbackObject, lookupFunction, MISSING_EXPORT_ERROR } from './learner-call.ts';
export type { Timeline, TimelineEntry } from './timeline.ts';
export { lanesOf, presentRun, type EventPresenter, type Lane, type Presented, type Presenter, type PresentedRun } from './presenter.ts';
export { encodeReplayToken, decodeReplayToken, type ReplayPayload } from './replay-token.ts';
export { HARNESS_VERSION } from './version.ts';
export { acceptableDecision, judgeDecision, compareLogs, describeView, type AcceptableDecision } from './failover-coordinator/acceptable.ts';
export { DECISION_CASES, type DecisionCase } from './failover-coordinator/decision-cases.ts';
export { buildScenario, scenarioSpecArbitrary, describeSpec, type ScenarioSpec } from './failover-coordinator/scenarios.ts';
export { runJudged, FAILOVER_EXERCISE_ID, type JudgedRun } from './failover-coordinator/cluster-checks.ts';
export { runJudgedQuorum, QUORUM_READER_EXERCISE_ID, type JudgedQuorumRun } from './quorum-reader/cluster-checks.ts';
export { buildQuorumScenario, quorumSpecArbitrary, describeQuorumSpec, type QuorumSpec } from './quorum-reader/scenarios.ts';
export { runJudgedSloppy, SLOPPY_QUORUM_EXERCISE_ID, type JudgedSloppyRun } from './sloppy-quorum/cluster-checks.ts';
export { buildSloppyScenario, sloppySpecArbitrary, describeSloppySpec, type SloppySpec } from './sloppy-quorum/scenarios.ts';
