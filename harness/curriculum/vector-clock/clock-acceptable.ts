/**
 * The acceptable answers of the three clock functions, decided by the harness's own version vectors:
 * each question has one answer up to meaning (a clock with zero entries, frozen or in another key
 * order is the same clock). The laws and the integration check state expectations from these sets only.
 */
import { clockProblem, compareClocks, incrementClock, mergeClocks } from '../../cluster/index.ts';
import type { Ordering, VectorClock } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

const sameClock = (x: unknown, want: VectorClock): boolean => clockProblem(x) === null && compareClocks(x as VectorClock, want) === 'equal';

export const COMPARE_ANSWERS: AcceptableSet<readonly [VectorClock, VectorClock], unknown> = {
  name: 'vector-clock/compare',
  accepts: ([a, b], answer) => answer === compareClocks(a, b),
};

export const MERGE_ANSWERS: AcceptableSet<readonly [VectorClock, VectorClock], unknown> = {
  name: 'vector-clock/merge',
  accepts: ([a, b], answer) => sameClock(answer, mergeClocks(a, b)),
};

export const INCREMENT_ANSWERS: AcceptableSet<readonly [VectorClock, string], unknown> = {
  name: 'vector-clock/increment',
  accepts: ([c, node], answer) => sameClock(answer, incrementClock(c, node)),
};

export const CLOCK_ANSWER_SETS: readonly AcceptableSet[] = [COMPARE_ANSWERS, MERGE_ANSWERS, INCREMENT_ANSWERS];

/** Why `compare(a, b)` is `o`, entry by entry: "(n1: 0 < 1)", "(n0: 1 > 0; n1: 0 < 1)". */
export function whyOrdered(a: VectorClock, b: VectorClock, o: Ordering): string {
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const entry = (id: string): string => {
    const [x, y] = [a[id] ?? 0, b[id] ?? 0];
    return `${id}: ${x} ${x < y ? '<' : '>'} ${y}`;
  };
  const behind = ids.filter((id) => (a[id] ?? 0) < (b[id] ?? 0)).map(entry);
  const ahead = ids.filter((id) => (a[id] ?? 0) > (b[id] ?? 0)).map(entry);
  switch (o) {
    case 'equal':
      return 'every entry matches (a missing entry counts as 0)';
    case 'before':
      return `the first is behind somewhere (${behind.join(', ')}) and ahead nowhere`;
    case 'after':
      return `the first is ahead somewhere (${ahead.join(', ')}) and behind nowhere`;
    case 'concurrent':
      return `each is ahead somewhere (${ahead[0]}; ${behind[0]})`;
  }
}
