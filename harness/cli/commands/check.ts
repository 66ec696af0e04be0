/**
 * `workbook check <exercise> [--solution | --file <path>] [--replay <token> | last | #N] [--json]
 * [--timeline] [--verbose] [--timings]`. The failing runs of every check are stored
 * (last-failures.ts), so the terminal names them `last` or `#N`; `--json` keeps whole tokens.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidReplayTokenError, WORKBOOK_COMMAND, type ExerciseEntry } from '../../curriculum/index.ts';
import { RunRecordStore, stopBundler, type ExerciseResult } from '../../grading/index.ts';
import { renderResultJson, renderResultText } from '../../render/index.ts';
import { resolveExercise } from '../exercise-arg.ts';
import type { CommandSpec } from '../command.ts';
import { styleFor, UsageError, type CliIo } from '../io.ts';
import { afterCheck, type HintProgress, type HintShown } from '../hint-steps.ts';
import { isReplayReference, LastFailuresStore, replayReference } from '../last-failures.ts';
import { fileHash, NO_PROGRESS, ProgressStore } from '../progress-store.ts';
import { ResultStore } from '../result-store.ts';
import { checkReusingRuns } from '../run-reuse.ts';
import { HINT } from '../text.ts';

export interface CheckFlags {
  readonly exercise?: string;
  readonly solution: boolean;
  readonly file?: string;
  readonly replay?: string;
  readonly json: boolean;
  readonly timings: boolean;
  /** A timeline for every failing scenario check, not only the first. */
  readonly timeline?: boolean;
  /** Everything: every timeline and detail, whole replay tokens. */
  readonly verbose?: boolean;
  readonly schedules?: number;
  /** Run every check even when a stored result of this exact content exists. */
  readonly noCache?: boolean;
  /** Simulate every schedule instead of reusing recorded runs whose answers match. */
  readonly noReuse?: boolean;
}

export async function checkCommand(flags: CheckFlags, io: CliIo): Promise<number> {
  const exercise = resolveExercise(flags.exercise, (line) => io.err(`${line}\n`));
  if (flags.solution && flags.file !== undefined) throw new UsageError('use either --solution or --file, not both');
  let file = flags.file !== undefined ? resolve(flags.file) : join(io.root, flags.solution ? exercise.solution : exercise.file);
  // A --file at a former path whose file was just moved to the exercise's path: check it there.
  if (!existsSync(file) && exercise.formerFiles.some((f) => join(io.root, f) === file)) file = join(io.root, exercise.file);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const failures = new LastFailuresStore(io.root);
  const replay = flags.replay !== undefined && isReplayReference(flags.replay) ? failures.resolve(exercise.id, io.root, file, flags.replay, !flags.solution && flags.file === undefined) : flags.replay;
  // Timings are of this run, so asking for them runs it.
  const cache = flags.noCache === true || flags.timings ? undefined : new ResultStore(io.root);
  const runs = flags.noReuse === true ? undefined : RunRecordStore.of(io.root);
  const { result, afterwards } = await checkReusingRuns({
    root: io.root,
    exercise,
    file,
    ...(replay !== undefined ? { replay } : {}),
    ...(flags.schedules !== undefined ? { schedules: flags.schedules } : {}),
    ...(cache !== undefined ? { cache } : {}),
    // The shared-slot port, for the bench to compare it with the default message port.
    ...(io.env.WORKBOOK_LEARNER_PORT === 'shared' ? { port: 'shared' as const } : {}),
  }, runs, flags.solution).catch(async (error: unknown) => {
    await stopBundler();
    // A token that cannot be replayed here is a mistake in the command line, not in the learner's code.
    if (error instanceof InvalidReplayTokenError) throw new UsageError(error.message);
    throw error;
  });
  if (cache?.warning !== undefined) io.err(`${cache.warning}\n`);
  if (runs?.warning !== undefined) io.err(`${runs.warning}\n`);
  const ownFile = !flags.solution && flags.file === undefined;
  const store = new ProgressStore(io.root);
  if (ownFile && flags.replay === undefined) await store.recordCheck(exercise.id, result.passed, fileHash(file)!);
  // A replay keeps the failures it came from, so #N still names the same runs afterwards.
  // Only the learner's own file: a --solution or --file run must not replace what `--replay last` names.
  if (ownFile && flags.replay === undefined) failures.record(exercise.id, result.file, failedRuns(result));
  if (flags.json) {
    io.out(renderResultJson(result, { timings: flags.timings }));
  } else {
    // The reference solution needs no hint. Hints shown for the learner's own file count as shown;
    // for any other file (--file) they are shown at the learner's level without counting.
    const next = flags.solution ? {} : await afterCheck(ownFile ? store : readOnly(store), exercise, result);
    const stored = failures.get(exercise.id);
    io.out(
      renderResultText(result, {
        ...textOptions(exercise, result, next, flags, io),
        ...(stored !== undefined && stored.file === result.file ? { replayRef: (token: string) => replayReference(stored, token) } : {}),
      }),
    );
    if (flags.timings && result.timings) io.out(`timings: ${JSON.stringify(roundTimings(result.timings))}\n`);
    if (store.warning) io.err(`${store.warning}\n`);
  }
  if (failures.warning) io.err(`${failures.warning}\n`);
  // A one-shot command leaves nothing running behind it (the bundler's service is a process).
  await afterwards().finally(() => stopBundler());
  return result.passed ? 0 : 1;
}

function textOptions(exercise: ExerciseEntry, result: ExerciseResult, next: { readonly hint?: HintShown; readonly advice?: string }, flags: CheckFlags, io: CliIo) {
  const fileFlag = flags.solution ? ' --solution' : flags.file !== undefined ? ` --file ${flags.file}` : '';
  const width = terminalWidth(io);
  return {
    style: styleFor(io),
    replayCommand: `${WORKBOOK_COMMAND} check ${exercise.id}${fileFlag} --replay`,
    ...(next.hint !== undefined ? { nextHint: hintOption(exercise, next.hint) } : {}),
    ...(next.advice !== undefined ? { advice: next.advice } : {}),
    ...(flags.timeline === true ? { timelines: 'all' as const } : {}),
    ...(flags.verbose === true ? { verbose: true } : {}),
    ...(width !== undefined ? { width } : {}),
    ...(result.replayed === true ? { checksInExercise: exercise.groups.reduce((n, g) => n + g.checks.length, 0) } : {}),
  };
}

/** The hint `check` prints; it says how to get the next level (or the shape of the fix again). */
export function hintOption(exercise: ExerciseEntry, hint: HintShown): { number: number; text: string; followUp: string; about: string } {
  const command = `${WORKBOOK_COMMAND} hint ${exercise.id}`;
  return { number: hint.level, text: hint.text, about: hint.check.title, followUp: hint.seen > hint.level ? HINT.fixShapeSeen(command) : HINT.more(command) };
}

/** Hint progress that reads the store but records nothing. */
function readOnly(store: ProgressStore): HintProgress {
  return { update: async (id, change) => void change(store.read().exercises[id] ?? NO_PROGRESS) };
}

/** The distinct replay tokens of a result's failures, first failing first. */
export function failedRuns(result: ExerciseResult): string[] {
  return [...new Set(result.checks.filter((c) => c.status !== 'passed' && c.replay !== undefined).map((c) => c.replay!))];
}

/** The terminal's columns (COLUMNS overrides), or undefined when output is not a terminal: pipes and files get whole lines. */
export function terminalWidth(io: CliIo): number | undefined {
  const columns = Number(io.env.COLUMNS);
  if (Number.isInteger(columns) && columns >= 40) return columns;
  return io.isTty ? (io.columns ?? 80) : undefined;
}

function roundTimings(t: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)]));
}

export const checkSpec: CommandSpec = {
  name: 'check',
  usage: [
    'workbook check <exercise>      grade your file for an exercise',
    '    --solution                 grade the reference solution instead',
    '    --file <path>              grade any other file',
    '    --replay <token>|last|#N   run exactly the scenario a failure printed (last: the first failing run)',
    '    --timeline                 a timeline for every failing scenario check (default: the first)',
    '    --verbose                  everything: every timeline and detail, whole replay tokens',
    '    --json                     print the result as JSON (nothing else on stdout)',
    '    --timings                  include wall-clock timings',
    '    --schedules <n>            run n generated schedules instead of the exercise\'s default',
    '    --no-cache                 check again even if this exact file was checked before',
    '    --no-reuse                 simulate every schedule, reusing no recorded run whose answers match',
  ],
  options: {
    solution: { type: 'boolean', default: false },
    file: { type: 'string' },
    replay: { type: 'string' },
    json: { type: 'boolean', default: false },
    timeline: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    timings: { type: 'boolean', default: false },
    schedules: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    'no-reuse': { type: 'boolean', default: false },
  },
  run({ positionals, values }, io) {
    const schedules = values.schedules === undefined ? undefined : Number(values.schedules);
    if (schedules !== undefined && !(Number.isInteger(schedules) && schedules > 0)) throw new UsageError('--schedules takes a whole number above 0');
    return checkCommand(
      {
        exercise: positionals[0],
        solution: values.solution === true,
        json: values.json === true,
        timings: values.timings === true,
        timeline: values.timeline === true,
        verbose: values.verbose === true,
        noCache: values['no-cache'] === true,
        noReuse: values['no-reuse'] === true,
        ...(typeof values.file === 'string' ? { file: values.file } : {}),
        ...(typeof values.replay === 'string' ? { replay: values.replay } : {}),
        ...(schedules !== undefined ? { schedules } : {}),
      },
      io,
    );
  },
};
