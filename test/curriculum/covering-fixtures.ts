/**
 * The buggy fixtures a plain `npm test` grades: a smallest-first cover of the exercise's checks, so
 * that every check is still shown to catch a bug outside CI. Grading a buggy fixture as a learner's
 * file is graded (runs until the failure, shrinking, a replay) was three quarters of the sweep's time,
 * and most fixtures target a check another fixture already proves can fail. CI (CI=true) grades every
 * fixture: the others stay there, where each is held to its own targets and its golden file.
 *
 * Greedy, and deterministic: the fixture that covers the most checks not yet covered, ties to the
 * name that sorts first.
 */
export function coveringFixtures(names: readonly string[], targetsOf: (name: string) => readonly string[]): string[] {
  const uncovered = new Set(names.flatMap((n) => targetsOf(n)));
  const chosen: string[] = [];
  const sorted = [...names].sort();
  while (uncovered.size > 0) {
    let best: string | undefined;
    let bestGain = 0;
    for (const name of sorted) {
      if (chosen.includes(name)) continue;
      const gain = new Set(targetsOf(name).filter((id) => uncovered.has(id))).size;
      if (gain > bestGain) [best, bestGain] = [name, gain];
    }
    if (best === undefined) break;
    chosen.push(best);
    for (const id of targetsOf(best)) uncovered.delete(id);
  }
  return chosen.sort();
}
