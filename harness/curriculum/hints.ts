/**
 * Hints that follow the failure. An exercise has a few hints, each a ladder of three levels (a
 * question that points at the idea, the idea itself, then the shape of the fix), and every check
 * names the hint that addresses its failure; so a learner whose only failing check is about epochs
 * is asked about epochs, not about majorities. The CLI decides which level to show (cli/hint-steps.ts).
 */

/** How many levels every hint has; the last one is the shape of the fix. */
export const HINT_LEVELS = 3;

/** One hint's three levels, from a question to the shape of the fix. */
export type HintLadder = readonly [question: string, idea: string, shapeOfFix: string];

/** Every hint of an exercise, and which one addresses each check. */
export interface ExerciseHints {
  /** The hints by name (a short kebab-case topic such as `majority`), in the order they are first needed. */
  readonly ladders: Readonly<Record<string, HintLadder>>;
  /** Check id → the name of the hint that addresses that check's failure. Every check names one. */
  readonly byCheck: Readonly<Record<string, string>>;
}

/**
 * What is wrong with `hints` for an exercise whose checks have `checkIds`, or undefined: a check
 * without a hint, a check or hint name that does not exist, a hint no check uses, a level missing.
 */
export function hintsProblem(hints: ExerciseHints, checkIds: readonly string[]): string | undefined {
  for (const id of checkIds) {
    const name = hints.byCheck[id];
    if (name === undefined) return `names no hint for check "${id}" (every check names the hint that addresses it)`;
    if (hints.ladders[name] === undefined) return `names hint "${name}" for check "${id}", but there is no such hint`;
  }
  for (const id of Object.keys(hints.byCheck)) if (!checkIds.includes(id)) return `names a hint for "${id}", which is not a check of this exercise`;
  const used = new Set(Object.values(hints.byCheck));
  for (const [name, ladder] of Object.entries(hints.ladders)) {
    if (!used.has(name)) return `has hint "${name}", which no check names`;
    if (ladder.length !== HINT_LEVELS || ladder.some((level) => level.trim() === '')) return `hint "${name}" needs ${HINT_LEVELS} non-empty levels`;
  }
  return undefined;
}
