/**
 * Which hint, at which level, after a check and on `workbook hint`: one logic for `check`, watch
 * mode's `h` and the interactive menu.
 *
 * After a failing check the learner sees the hint of the first failing check (a required one before
 * an optional one), and it counts as shown; `hint` then goes one level further on that same hint. The
 * last level, the shape of the fix, is shown only when asked for: `check` shows at most the level
 * before it. A failure that is not a wrong answer (the file does not compile or type-check, a
 * function still throws NotImplementedError, is not exported, threw, hung or crashed) gets short advice instead, since
 * no hint about the idea helps before the code gives an answer.
 */
import { HINT_LEVELS, WORKBOOK_COMMAND, type CheckInfo, type CheckResult, type ExerciseEntry } from '../curriculum/index.ts';
import type { ExerciseResult } from '../grading/index.ts';
import { NO_PROGRESS, type ExerciseProgress } from './progress-store.ts';
import type { Style } from '../render/index.ts';
import { ADVICE, HINT } from './text.ts';

/** The highest level `check` shows by itself: the shape of the fix waits until the learner asks. */
export const CHECK_SHOWS_UP_TO = HINT_LEVELS - 1;

/** What follows a check's result: a hint for its first failing check, advice, or nothing (it passed). */
export type StepAfterCheck = { readonly kind: 'hint'; readonly check: CheckResult } | { readonly kind: 'advice'; readonly text: string } | { readonly kind: 'none' };

/** One hint level, ready to print. */
export interface HintShown {
  /** The check it addresses (id and title). */
  readonly check: CheckInfo;
  /** 1 … HINT_LEVELS. */
  readonly level: number;
  readonly text: string;
  /** The highest level of this hint shown so far, this one included. */
  readonly seen: number;
  /** This level was shown before. */
  readonly again: boolean;
}

/** Where hint levels are counted: the progress store, or a test's stand-in. */
export interface HintProgress {
  update(exercise: string, change: (p: ExerciseProgress) => ExerciseProgress): Promise<void>;
}

/** What a result calls for, without counting anything. */
export function stepAfterCheck(exercise: ExerciseEntry, result: ExerciseResult): StepAfterCheck {
  if (result.loadProblem !== undefined) return { kind: 'advice', text: loadAdvice(result.loadProblem) };
  const failing = result.checks.filter((c) => c.status !== 'passed');
  const first = failing.find((c) => c.weight > 0) ?? failing[0];
  // A passing exercise with a wrong answer in an optional check gets that check's hint; an optional
  // function left unimplemented (or a passing one) needs nothing said.
  if (result.passed) return first !== undefined && first.status === 'failed' && first.cause !== 'learner-problem' && first.cause !== 'harness-bug' ? stepFor(exercise, first) : { kind: 'none' };
  const typeError = result.typeErrors[0];
  if (typeError !== undefined) return { kind: 'advice', text: ADVICE.types(`${typeError.file}:${typeError.line}`) };
  if (first === undefined) return { kind: 'none' };
  switch (first.status) {
    case 'passed':
    case 'failed':
      if (first.cause === 'learner-problem') return { kind: 'advice', text: ADVICE.noAnswer(first.location) };
      if (first.cause === 'harness-bug') return { kind: 'advice', text: ADVICE.harnessBug };
      return stepFor(exercise, first);
    case 'not-implemented':
      return { kind: 'advice', text: ADVICE.notImplemented(exercise.file) };
    case 'timed-out':
      return { kind: 'advice', text: ADVICE.timedOut };
    case 'crashed':
      return { kind: 'advice', text: ADVICE.crashed };
    case 'harness-bug':
      return { kind: 'advice', text: ADVICE.harnessBug };
  }
}

/**
 * After a check: the step it calls for, with a hint's level counted as shown (at most
 * `CHECK_SHOWS_UP_TO`; the highest already seen below that, so a repeated check repeats its hint).
 */
export async function afterCheck(progress: HintProgress, exercise: ExerciseEntry, result: ExerciseResult): Promise<{ readonly hint?: HintShown; readonly advice?: string }> {
  const step = stepAfterCheck(exercise, result);
  if (step.kind === 'advice') return { advice: step.text };
  if (step.kind === 'none') return {};
  const ladder = exercise.hints.byCheck[step.check.id]!;
  let shown!: HintShown;
  await progress.update(exercise.id, (p) => {
    const before = p.hintLevels[ladder] ?? 0;
    const level = Math.min(Math.max(before, 1), CHECK_SHOWS_UP_TO);
    shown = hintAt(exercise, step.check, level, before);
    return { ...p, hintCheck: step.check.id, hintLevels: { ...p.hintLevels, [ladder]: shown.seen } };
  });
  return { hint: shown };
}

/** `workbook hint`: the next level of the hint `check` showed last (or of the first check's), counted. */
export async function nextHint(progress: HintProgress, exercise: ExerciseEntry): Promise<HintShown> {
  let shown!: HintShown;
  await progress.update(exercise.id, (p) => {
    shown = peekNextHint(exercise, p);
    return { ...p, hintCheck: shown.check.id, hintLevels: { ...p.hintLevels, [exercise.hints.byCheck[shown.check.id]!]: shown.seen } };
  });
  return shown;
}

/** What `nextHint` would show now (for the menu's label); counts nothing. */
export function peekNextHint(exercise: ExerciseEntry, p: ExerciseProgress = NO_PROGRESS): HintShown {
  const checks = exercise.groups.flatMap((g) => g.checks);
  const check = checks.find((c) => c.id === p.hintCheck) ?? checks[0]!;
  const before = p.hintLevels[exercise.hints.byCheck[check.id]!] ?? 0;
  const level = Math.min(before + 1, HINT_LEVELS);
  return hintAt(exercise, check, level, before);
}

/** Level `level` of the hint for `check`, of which `before` levels had been shown. */
function hintAt(exercise: ExerciseEntry, check: CheckInfo, level: number, before: number): HintShown {
  const ladder = exercise.hints.ladders[exercise.hints.byCheck[check.id]!]!;
  return { check: { id: check.id, title: check.title, weight: check.weight }, level, text: ladder[level - 1]!, seen: Math.max(before, level), again: level <= before };
}

function stepFor(exercise: ExerciseEntry, check: CheckResult): StepAfterCheck {
  // A check the entry names no hint for (defineExercise refuses that) gets none rather than a crash.
  return exercise.hints.byCheck[check.id] !== undefined ? { kind: 'hint', check } : { kind: 'none' };
}

function loadAdvice(problem: string): string {
  // describeLoadProblem (grading) says "your file does not compile (file:line:col): …".
  const compile = /^your file does not compile(?: \([^)]*?:(\d+):\d+\))?/.exec(problem);
  if (compile !== null) return ADVICE.compile(compile[1] !== undefined ? Number(compile[1]) : undefined);
  return ADVICE.load;
}

/** A hint asked for (`workbook hint`, watch mode's `h`), as lines for the terminal. */
export function hintLines(exercise: ExerciseEntry, shown: HintShown, style: Style): string {
  const heading = style.bold(HINT.heading(shown.level, HINT_LEVELS, exercise.id, shown.check.title));
  const after = shown.level < HINT_LEVELS ? HINT.more(`${WORKBOOK_COMMAND} hint ${exercise.id}`) : HINT.last(exercise.section.file);
  return `${heading}\n${shown.text}\n${style.dim(after)}\n`;
}
