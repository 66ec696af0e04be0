/**
 * Runs the scenario of a replay token again for one module, traced, and returns the whole run with
 * its lanes and presenter: what a diagram of a failing run is drawn from (a check result keeps only
 * a short timeline). The module is compiled, loaded and called exactly as `checkExercise` does.
 */
import { InvalidReplayTokenError, type CheckGroup, type ExerciseEntry, type PresentedRun } from '../curriculum/index.ts';
import { displayPath, parseReplay } from './check-exercise.ts';
import { withLearnerModule } from './learner-module.ts';

export interface ReplayRunRequest {
  /** The workbook root; paths in messages are shown relative to it. */
  readonly root: string;
  readonly exercise: ExerciseEntry;
  /** Absolute path of the module under test. */
  readonly file: string;
  /** A replay token of this exercise (a check result's `replay`). */
  readonly replay: string;
  /** The check whose token it is: its group replays it (groups of one exercise may run the same scenario differently). */
  readonly check?: string;
  readonly callTimeoutMs?: number;
  /** Wall-clock budget for the run before it counts as a livelock. */
  readonly budgetMs?: number;
}

export type ReplayRunResult = { readonly ok: true; readonly run: PresentedRun } | { readonly ok: false; readonly problem: string };

/** Replays `req.replay` for `req.file`. Never throws for anything the learner did. */
export async function replayRun(req: ReplayRunRequest): Promise<ReplayRunResult> {
  const groups = req.exercise.groups.filter((g) => g.trace !== undefined && (req.check === undefined || g.checks.some((c) => c.id === req.check)));
  if (groups.length === 0) return { ok: false, problem: req.check === undefined ? 'no check of this exercise replays scenarios' : `the check ${req.check} does not replay scenarios` };
  let replays: Map<CheckGroup, unknown>;
  try {
    replays = parseReplay(req.exercise, req.replay);
  } catch (error) {
    if (error instanceof InvalidReplayTokenError) return { ok: false, problem: error.message };
    throw error;
  }
  const ran = await withLearnerModule({ exercise: req.exercise, file: req.file, shown: displayPath(req.root, req.file), callTimeoutMs: req.callTimeoutMs ?? 1000, answerBudgets: req.exercise.answerBudgets ?? {} }, async (module) => {
    for (const group of groups) {
      const replay = replays.get(group);
      if (replay === undefined) continue;
      const run = await group.trace!(module.context(req.budgetMs ?? 60_000, replay), replay);
      if (run !== undefined) return run;
    }
    return undefined;
  });
  if (!ran.ok) return { ok: false, problem: ran.problem };
  if (ran.value === undefined) return { ok: false, problem: 'no check of this exercise could replay this scenario' };
  return { ok: true, run: ran.value };
}
