/**
 * "Did you mean …?" for a mistyped exercise or command name: the candidate nearest by edit distance,
 * when it is near enough to be a typo rather than a different word.
 */

/** Levenshtein distance with adjacent transpositions counted as one edit ("fialover" is one from "failover"). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate nearest to `name`, or undefined when none is within a typo's reach (a third of the
 * name's length, at least 1). A name of four letters or more may be a mistyped prefix ("failovr"
 * for failover-coordinator), so each candidate is also compared by its prefixes of about the name's
 * length. Ties go to the first candidate, so the answer is stable.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const typed = name.toLowerCase();
  const reach = Math.max(1, Math.floor(typed.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const whole = editDistance(typed, candidate);
    const prefix = typed.length < 4 ? whole : Math.min(...[-1, 0, 1].map((d) => editDistance(typed, candidate.slice(0, typed.length + d))));
    const distance = Math.min(whole, prefix);
    if (distance <= reach && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
