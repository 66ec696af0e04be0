/**
 * `workbook grade` without the terminal: every (submission, exercise) pair graded on a pool of grading
 * processes, finished pairs taken from the cache, results returned as data in a fixed order (students
 * by name, exercises in workbook order) so the outputs are byte-identical whatever `jobs` is.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findExercise } from '../../curriculum/index.ts';
import { exerciseConfigHash, type GradeConfig } from './grade-config.ts';
import { pointsFactor, scalePair } from './points.ts';
import { packageRoot } from '../package-root.ts';
import { boundPairResult } from './bounded-result.ts';
import { createGraderPool, type GraderPool } from './grader-pool.ts';
import { gradePairFailure } from './pair-failure.ts';
import type { PairJob } from './grade-pair.ts';
import { studentGrade, type PairResult, type PairUsage, type StudentGrade } from './pair-result.ts';
import { pairKey, ResultCache } from './result-cache.ts';
import { discoverSubmissions, type Submission } from './discover-submissions.ts';
import { openSubmission } from './open-submission.ts';
import { hashText, readSubmittedExercise, type SubmittedExercise } from './submission-files.ts';
import { classTypechecker } from './typecheck-class.ts';
import { removeAtTeardown, teardownOnSignals } from '../teardown.ts';
import { makeWorkFolder, removeStaleWorkFolders } from './work-folders.ts';

export interface GradeRunOptions {
  readonly submissions: readonly Submission[];
  readonly config: GradeConfig;
  /** Grading processes to run at once. */
  readonly jobs: number;
  /** Where finished pairs are kept; none: no caching. */
  readonly cacheDir?: string;
  /** Grade every pair again (within `scope`, if given), ignoring (and replacing) cached results. */
  readonly force?: boolean;
  /** Which pairs `force` regrades: students by id or original name, exercises by id. */
  readonly scope?: { readonly students?: readonly string[]; readonly exercises?: readonly string[] };
  readonly onProgress?: (progress: GradeProgress) => void;
  /**
   * Grade identical submissions of an exercise once (default true): pairs with the same cache key
   * (the same exercise folder, byte for byte, under the same path, and the same slice of the
   * configuration) share one grading; each student gets a copy under their own name.
   */
  readonly dedupe?: boolean;
  /** Reuse recorded runs whose answers a submission repeats (run-records.ts); on unless false. */
  readonly reuse?: boolean;
}

/**
 * Pairs of one exercise a run without a cache folder needs before recording the reference solution's
 * runs pays for itself (they are thrown away with the run). With a cache folder the record is kept
 * for every later run, so two pairs are enough; a lone pair is not (a Gradescope run grades one
 * student in a fresh container, where recording would double its time and keep nothing).
 */
const REFERENCE_PAIRS = { uncached: 16, cached: 2 };

export interface GradeProgress {
  readonly total: number;
  readonly done: number;
  readonly cached: number;
  /** The pair just finished. */
  readonly last?: { readonly student: string; readonly exercise: string; readonly score: number; readonly maxScore: number };
}

export interface GradeRunResult {
  readonly students: readonly StudentGrade[];
  /** Per pair, `student/exercise` → what it cost (or that it came from the cache). */
  readonly usage: ReadonlyMap<string, PairUsage>;
  readonly graded: number;
  readonly cached: number;
  /** Pairs that copied the grading of an identical submission (counted in neither `graded` nor `cached`). */
  readonly copied: number;
  readonly internalErrors: number;
  readonly wallMs: number;
  /** Per pair with files, `student/exercise` → what was graded (for the similarity pass). */
  readonly submitted: ReadonlyMap<string, SubmittedExercise>;
}

/**
 * One pair through the pool, whatever happens: a rejected grading becomes an internal error, and the
 * result is bounded here too, on the trusted side, before anything caches or renders it.
 */
async function gradeSafely(pool: GraderPool, job: PairJob): Promise<{ result: PairResult; usage: PairUsage }> {
  try {
    const out = await pool.grade(job);
    return { result: boundPairResult(out.result), usage: out.usage };
  } catch (error) {
    return gradePairFailure(job, (error as Error).message ?? 'the pool refused the pair');
  }
}

/**
 * Grades each exercise's reference solution (results unused) to record its runs, once per exercise,
 * tier, seed, schedules and harness: where `dir` already holds them (an earlier run), the grading
 * process grades nothing (it decides: records are keyed by the hash of the harness that grades, the
 * bundle's, which this process may not be running).
 */
async function recordReferences(pool: GraderPool, pending: readonly PairJob[], config: GradeConfig, dir: string, minPairs: number): Promise<void> {
  const counts = new Map<string, number>();
  for (const job of pending) counts.set(job.exercise, (counts.get(job.exercise) ?? 0) + 1);
  const root = packageRoot();
  await Promise.all(
    [...counts]
      .filter(([id, n]) => n >= minPairs && findExercise(id)!.groups.some((g) => g.replayable))
      .map(([id]) => {
        const exercise = findExercise(id)!;
        const content = readFileSync(join(root, exercise.solution), 'utf8');
        const submission = { main: exercise.file, files: [{ path: exercise.file, content }], hash: hashText(content) };
        return gradeSafely(pool, { student: '(reference solution)', exercise: id, submission, config, runs: { dir, as: 'reference' } });
      }),
  );
}

/** The submissions in `dir` (see `discoverSubmissions`). */
export { discoverSubmissions };

/** Grades every pair. Never throws for anything a submission did. */
export async function gradeRun(options: GradeRunOptions): Promise<GradeRunResult> {
  const started = performance.now();
  const { config } = options;
  const cache = options.cacheDir !== undefined ? new ResultCache(options.cacheDir) : undefined;
  // What a killed earlier run left of students' code goes first; this run's folder goes even on Ctrl-C.
  removeStaleWorkFolders();
  teardownOnSignals();
  const work = makeWorkFolder('ddia-submissions-');
  const unwatch = removeAtTeardown(work);
  const warnings = new Map<string, readonly string[]>();
  const pool = createGraderPool(Math.max(1, options.jobs));
  const results = new Map<string, { result: PairResult; usage: PairUsage }>();
  let done = 0;
  let cachedCount = 0;
  let graded = 0;
  let copied = 0;
  const jobs: { key: string; cacheKey: string; job: PairJob; forced: boolean }[] = [];
  const submitted = new Map<string, SubmittedExercise>();
  const { scope } = options;
  const forced = (sub: Submission, id: string): boolean =>
    options.force === true &&
    (scope?.students === undefined || scope.students.includes(sub.student) || (sub.name !== undefined && scope.students.includes(sub.name))) &&
    (scope?.exercises === undefined || scope.exercises.includes(id));
  try {
    for (const sub of options.submissions) {
      const { root, refused, warnings: skipped } = await openSubmission(sub, work);
      warnings.set(sub.student, skipped);
      for (const id of config.exercises) {
        const exercise = findExercise(id)!;
        let submission: PairJob['submission'];
        if (refused !== undefined) {
          const problem = `your submission was refused: ${refused}`;
          submission = { outcome: 'rejected', problem, hash: hashText(problem) };
        } else {
          const found = readSubmittedExercise(root, exercise);
          if (found === undefined) {
            const problem = `no file for this exercise in your submission (expected ${exercise.file})`;
            submission = { outcome: 'missing', problem, hash: hashText(problem) };
          } else if ('problem' in found) {
            submission = { outcome: 'rejected', problem: `your submission was refused: ${found.problem}`, hash: hashText(found.problem) };
          } else {
            submission = found;
            submitted.set(`${sub.student}/${id}`, found);
          }
        }
        const job: PairJob = { student: sub.student, exercise: id, submission, config };
        jobs.push({ key: `${sub.student}/${id}`, cacheKey: pairKey({ submissionHash: submission.hash, exercise: id, configHash: exerciseConfigHash(config, id) }), job, forced: forced(sub, id) });
      }
    }
    const runsDir = options.reuse === false ? undefined : join(options.cacheDir ?? work, 'runs');
    if (runsDir !== undefined) {
      const pending = jobs.filter((j) => !('problem' in j.job.submission) && (j.forced || cache?.read(j.cacheKey) === undefined)).map((j) => j.job);
      await recordReferences(pool, pending, config, runsDir, REFERENCE_PAIRS[options.cacheDir !== undefined ? 'cached' : 'uncached']);
      for (const j of jobs) j.job = { ...j.job, runs: { dir: runsDir, as: 'learner' } };
    }
    const total = jobs.length;
    const report = (r: PairResult): void =>
      options.onProgress?.({ total, done, cached: cachedCount, last: { student: r.student, exercise: r.exercise, score: r.score, maxScore: r.maxScore } });
    options.onProgress?.({ total, done: 0, cached: 0 });
    // Type-checked with the class, in batches, so each pair does not start a compiler of its own.
    const typecheck = classTypechecker();
    // One grading per key: the first pair of each group is graded (or read from the cache), the rest copy it.
    const leaders = new Map<string, Promise<{ result: PairResult; usage: PairUsage; fromCache: boolean }>>();
    const gradeOnce = async (cacheKey: string, job: PairJob, force: boolean): Promise<{ result: PairResult; usage: PairUsage; fromCache: boolean }> => {
      const hit = force ? undefined : cache?.read(cacheKey);
      if (hit !== undefined) return { result: hit.result, usage: { ...hit.usage, cached: true }, fromCache: true };
      const typeErrors = 'files' in job.submission ? await typecheck(job.submission) : undefined;
      const out = await gradeSafely(pool, typeErrors === undefined ? job : { ...job, typeErrors });
      if (out.result.outcome !== 'internal-error') {
        try {
          cache?.write(cacheKey, out.result, out.usage);
        } catch {
          // An uncached pair is graded again next time; it must not cost the class its gradebook.
        }
      }
      return { ...out, fromCache: false };
    };
    await Promise.all(
      jobs.map(async ({ key, cacheKey, job, forced: force }) => {
        const group = `${force ? 'force' : 'cache'}:${cacheKey}`;
        // A missing or refused exercise costs nothing to grade: only code is shared.
        const leader = options.dedupe === false || !('files' in job.submission) ? undefined : leaders.get(group);
        let out: { result: PairResult; usage: PairUsage; fromCache: boolean };
        if (leader === undefined) {
          const mine = gradeOnce(cacheKey, job, force);
          leaders.set(group, mine);
          out = await mine;
          if (out.fromCache) cachedCount++;
          else graded++;
        } else {
          const first = await leader;
          // An internal error is the harness's, not the code's: a copy of one would hide a pair that works.
          out =
            first.result.outcome === 'internal-error'
              ? await gradeOnce(cacheKey, job, force)
              : { ...first, usage: first.fromCache ? first.usage : { ...first.usage, sameAs: `${first.result.student}/${first.result.exercise}` } };
          if (out.fromCache) cachedCount++;
          else if (out.usage.sameAs !== undefined) copied++;
          else graded++;
        }
        // Keys are content addresses: the entry may be another student's identical submission.
        const result = { ...out.result, student: job.student };
        results.set(key, { result, usage: out.usage });
        done++;
        report(result);
      }),
    );
  } finally {
    await pool.close();
    rmSync(work, { recursive: true, force: true });
    unwatch();
  }
  const students = options.submissions.map((s) =>
    studentGrade(
      s.student,
      config.exercises.map((id) => scalePair(results.get(`${s.student}/${id}`)!.result, pointsFactor(findExercise(id)!, config))),
      { ...(s.name !== undefined ? { name: s.name } : {}), intakeWarnings: warnings.get(s.student) ?? [] },
    ),
  );
  const usage = new Map([...results].map(([k, v]) => [k, v.usage]));
  const internalErrors = [...results.values()].filter((r) => r.result.outcome === 'internal-error').length;
  return { students, usage, graded, cached: cachedCount, copied, internalErrors, wallMs: Math.round(performance.now() - started), submitted };
}
