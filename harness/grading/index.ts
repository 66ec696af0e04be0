/**
 * Grading's boundary to learner code: compile a learner file, type-check it, and ask it questions through
 * a `LearnerPort` that keeps it out of the harness's own thread.
 */

export type { LearnerCallContext, LearnerError, LearnerAnswer, LoadProblem, LearnerPort } from './learner-port.ts';
export type {
  LoadRequest,
  CallRequest,
  HarnessMessage,
  LoadedMessage,
  LoadFailedMessage,
  HostLoadProblem,
  AnswerMessage,
  HostAnswer,
  CallbackMessage,
  HostMessage,
} from './protocol.ts';
export { packageRoot } from './package-root.ts';
export { transpileLearnerFile, EXERCISE_SPECIFIER } from './transpile.ts';
export { createWorkerPort, type WorkerPortOptions } from './worker-port.ts';
export { typecheckLearnerFile, type TypeDiagnostic } from './typecheck.ts';
export { checkExercise, describeLoadProblem, type CheckRequest, type ExerciseResult } from './check-exercise.ts';
export { PortSession, type LearnerTransport, type TransportEvents, type PortSessionConfig } from './port-session.ts';
