/**
 * What the replica-read exercises share outside their folders: how the proxy's hints, replies and
 * routing answers are described and validated.
 */
export { describeReplica, describeReplicas, describeReply, follower, isSessionObject, leader, offeredChoiceProblem, show } from './describe.ts';
export { acceptsAfterStepAlone, askedLater, sessionAfterSteps, stepsText, updateIsToBlame } from './session-steps.ts';
export { forcedVerdict, routeProblem, routeSet, verdictProblem, verdictSet, type Owed } from './answer-sets.ts';
export { calmLeaderPath, callsOf, checkReadsAnswered, judgedFrom, learnerPolicy, readInProgress, seededRandom, sessionOps, type CallNote } from './cluster-runs.ts';
export { badCallReporting, firstBadFor, type BadCall, type DependsOn } from './bad-calls.ts';
