/**
 * The scaffolding around every run of learner code for one exercise: compile the module, load it
 * into a worker, hand out check contexts whose calls go through that worker, close it afterwards.
 * `checkExercise` runs the check groups in it and `replayRun` one replayed scenario, so both see the
 * same module the same way.
 */
import type { CheckContext, CheckStatus, ExerciseEntry, LearnerAnswer } from '../curriculum/index.ts';
import type { AnswerBudgets } from './answer-budget.ts';
import type { LoadProblem } from './learner-port.ts';
import { transpileLearnerFile } from './transpile.ts';
import { createWorkerPort, type LearnerPortKind } from './worker-port.ts';

export interface LearnerModuleRequest {
  readonly exercise: ExerciseEntry;
  /** Absolute path of the module under test. */
  readonly file: string;
  /** Its name in stack traces and messages (relative to the workbook root when inside it). */
  readonly shown: string;
  /** Wall-clock limit for one call into learner code. */
  readonly callTimeoutMs: number;
  /** Overrides the manifest's number of generated schedules. */
  readonly schedules?: number;
  /** Answer budgets by export name; `grade` applies the same ones. */
  readonly answerBudgets?: AnswerBudgets;
  /** Told when the module is compiled and when it is loaded (for timings). */
  readonly onStep?: (step: 'transpiled' | 'loaded') => void;
  /** The module already compiled by `transpileLearnerFile` (a caller that needed the code first). */
  readonly compiled?: Awaited<ReturnType<typeof transpileLearnerFile>>;
  /** Keep a spare worker for the next module (watch mode). */
  readonly keepSpare?: boolean;
  readonly port?: LearnerPortKind;
}

/** The loaded module: a fresh check context per use, its call budget counted from that moment. */
export interface LearnerModule {
  context(budgetMs: number, replay?: unknown): CheckContext;
}

/** Why the module could not be run at all, as a check status and plain words. */
export interface ModuleProblem {
  readonly ok: false;
  readonly status: CheckStatus;
  readonly problem: string;
}

/** Compiles and loads `req.file`, runs `use` with it, and closes it; a module that cannot load is a problem. */
export async function withLearnerModule<T>(req: LearnerModuleRequest, use: (module: LearnerModule) => Promise<T>): Promise<{ readonly ok: true; readonly value: T } | ModuleProblem> {
  const clock = (): number => performance.now();
  const compiled = req.compiled ?? (await transpileLearnerFile(req.file));
  req.onStep?.('transpiled');
  if (!compiled.ok) return { ok: false, status: 'failed', problem: describeLoadProblem(compiled.problem) };
  const port = createWorkerPort({
    code: compiled.code,
    filename: req.shown,
    callTimeoutMs: req.callTimeoutMs,
    ...(req.answerBudgets !== undefined ? { answerBudgets: req.answerBudgets } : {}),
    ...(req.keepSpare === true ? { keepSpare: true } : {}),
    ...(req.port !== undefined ? { port: req.port } : {}),
  });
  try {
    const loaded = await port.load(req.exercise.exports);
    req.onStep?.('loaded');
    if (!loaded.ok) {
      const status: CheckStatus = loaded.problem.kind === 'timed-out' ? 'timed-out' : loaded.problem.kind === 'crashed' ? 'crashed' : 'failed';
      return { ok: false, status, problem: describeLoadProblem(loaded.problem) };
    }
    const module: LearnerModule = {
      context(budget, replay) {
        const started = clock();
        return {
          call: async (fn, args, callCtx, options): Promise<LearnerAnswer> => {
            if (clock() - started > budget) return { kind: 'timed-out', limitMs: budget };
            try {
              return await port.call(fn, args, callCtx, options);
            } catch (error) {
              // The port refuses calls once the module could not be loaded again: a learner outcome.
              return { kind: 'crashed', reason: `your module could not be loaded again (${(error as Error).message})` };
            }
          },
          // Each schedule's recorded calls in one message (the learner's own check; grading asks one at a time).
          replayCalls: async (calls) => (clock() - started > budget ? undefined : port.replay(calls)),
          reload: async () => (await port.load(req.exercise.exports)).ok,
          seed: req.exercise.seed,
          schedules: req.schedules ?? req.exercise.schedules,
          // Capped by runs only: a wall-clock cap would make the shrunk scenario (and --json output)
          // depend on how busy the machine is.
          shrink: { maxRuns: 300, maxMs: Number.POSITIVE_INFINITY },
          wallClockMs: clock,
          hostYield: () => new Promise<void>((resolve) => setImmediate(resolve)),
          ...(replay !== undefined ? { replay } : {}),
        };
      },
    };
    return { ok: true, value: await use(module) };
  } finally {
    await port.close();
  }
}

/** A load problem in plain words, with `file:line` where known. */
export function describeLoadProblem(p: LoadProblem): string {
  switch (p.kind) {
    case 'syntax-error':
      return `your file does not compile${p.location ? ` (${p.location})` : ''}: ${p.message}`;
    case 'threw-at-import':
      return `your file threw while loading${p.error.location ? ` (${p.error.location})` : ''}: ${p.error.name}: ${p.error.message}`;
    case 'missing-export':
      return `your file does not export a function named ${p.name} (it exports: ${p.exports.length > 0 ? p.exports.join(', ') : 'nothing'})`;
    case 'timed-out':
      return `timed out: infinite loop or livelock? loading your file did not finish within ${p.limitMs} ms`;
    case 'crashed':
      return `the learner process stopped while loading your file: ${p.reason}`;
  }
}
