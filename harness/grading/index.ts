/**
 * Grading's boundary to learner code: compile a learner file, type-check it, and ask it questions through
 * a `LearnerPort` that keeps it out of the harness's own thread. The wire protocol (`protocol.ts`), the
 * port session and the transports are internal: only the learner host and the ports speak them.
 */

export type { LearnerCallContext, LearnerError, LearnerAnswer, LoadProblem, LearnerPort, CallOptions } from './learner-port.ts';
export { packageRoot } from './package-root.ts';
export { harnessHash, exerciseHash, shortHash, HARNESS_HASH_FILE } from './version-hash.ts';
export { transpileLearnerFile, EXERCISE_SPECIFIER } from './transpile.ts';
export { createWorkerPort, type WorkerPortOptions, type LearnerPortKind } from './worker-port.ts';
export { typecheckLearnerFile, type TypeDiagnostic } from './typecheck.ts';
export { checkExercise, describeLoadProblem, type CheckRequest, type ExerciseResult } from './check-exercise.ts';
export { RunRecordStore, recordKey, type CheckRecords } from './run-records.ts';
export { resultKey, type ResultCache, type ResultKeyInput } from './result-key.ts';
export { bundler, warmBundler, stopBundler } from './bundler.ts';
export { dropSpareWorker, keepSpareLearnerWorker } from './spare-worker.ts';
export { replayRun, type ReplayRunRequest, type ReplayRunResult } from './replay-run.ts';
export { createChildPort, type ChildPort, type ChildPortOptions, type ChildPortUsage } from './child-port.ts';
export { childExecArgv, permissionFlags, readCpuMs, DEFAULT_CHILD_LIMITS, type ChildLimits } from './child-transport.ts';
export { childIsolation, detectIsolation, describeIsolation, type ChildIsolation, type NetworkIsolation } from './child-isolation.ts';
export { measureAnswer, answerBudgetOf, DEFAULT_ANSWER_BUDGET_BYTES, MIN_ANSWER_BUDGET_BYTES, type AnswerBudgets, type AnswerShape } from './answer-budget.ts';
export { truncateText, MAX_QUOTED_CHARS } from './bounded-answer.ts';
export { gradeRun, discoverSubmissions, type GradeRunOptions, type GradeRunResult, type GradeProgress } from './grade/grade-run.ts';
export { safeId, type Submission } from './grade/discover-submissions.ts';
export { gradePair, type GradedPair, type PairJob } from './grade/grade-pair.ts';
export { runGraderWorker } from './grade/grader-worker.ts';
export { declaredMaxScore, pointsFactor, scalePair, scaleWeight } from './grade/points.ts';
export { defaultGradeConfig, loadGradeConfig, parseGradeConfig, configHash, exerciseConfigHash, hasHiddenTier, ConfigError, MAX_HIDDEN_SCHEDULES, DEFAULT_LIMITS, type GradeConfig, type GradescopeOptions, type GradeLimits, type HiddenTierConfig } from './grade/grade-config.ts';
export { scoreChecks, studentGrade, displayName, type GradedCheck, type PairOutcome, type PairResult, type PairUsage, type StudentGrade } from './grade/pair-result.ts';
export { studentCheck, studentPair } from './grade/student-view.ts';
export { extractZip, DEFAULT_ZIP_LIMITS, type ZipLimits } from './grade/extract-zip.ts';
export { writeFileAtomic } from './grade/atomic-write.ts';
export { readSubmittedExercise, type SubmittedExercise, type SubmittedFile } from './grade/submission-files.ts';
export { readGradescopeMetadata, parseGradescopeMetadata, type GradescopeSubmission, type GradescopeUser } from './grade/gradescope-metadata.ts';
export { loadRoster, parseRoster, matchRoster, parseCsv, RosterError, type RosterEntry, type RosterMatch } from './grade/roster.ts';
export { openSubmission, type OpenedSubmission } from './grade/open-submission.ts';
export { DEFAULT_ARCHIVE_LIMITS, normaliseEntryName, type ArchiveLimits } from './grade/archive-names.ts';
export { normalisedTokens, similarPairs, windows, WINDOW, type SimilarPair, type SimilarityInput } from './grade/similarity.ts';
export { exportForMoss, type MossExercise } from './grade/moss-export.ts';
export { calibrate, describeChance, hiddenDefaultsJson, recordedCpuMs, CalibrationError, DEFAULT_LADDER, DEFAULT_SEEDS, DEFAULT_BUDGET_MS, GRADESCOPE_SLOWDOWN, type Calibration, type CalibrateOptions, type ExerciseCalibration } from './grade/calibrate.ts';
export { loadHiddenDefaults, loadHiddenDefaultsFile, hiddenDefaultSchedules, HIDDEN_DEFAULTS_FILE, FALLBACK_HIDDEN_SCHEDULES, type HiddenDefaultsFile } from './grade/hidden-defaults.ts';
export { removeStaleWorkFolders, WORK_PREFIXES } from './grade/work-folders.ts';
export { applyLatePolicy, daysLate, describeLate, loadSubmissionTimes, parseLatePolicy, type LatePolicy, type LateResult } from './grade/late-policy.ts';
