/**
 * The acceptable answers of the four PN-Counter functions: by the type's meaning each question has
 * exactly one answer (an update raises one entry of one half by one, a merge is the least upper
 * bound, a value is one sum minus the other), so a state is acceptable when it means the reference's.
 * Zero entries, key order and frozen objects never matter.
 */
import { PN_REFERENCE, pnCounterProblem, samePNCounter } from '../../checkers/index.ts';
import type { PNCounter } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

const sameAs = (x: unknown, want: PNCounter): boolean => pnCounterProblem(x) === null && samePNCounter(x as PNCounter, want);

export const INCREMENT_ANSWERS: AcceptableSet<readonly [PNCounter, string], unknown> = {
  name: 'crdt-counters/increment',
  accepts: ([c, r], answer) => sameAs(answer, PN_REFERENCE.increment(c, r)),
};

export const DECREMENT_ANSWERS: AcceptableSet<readonly [PNCounter, string], unknown> = {
  name: 'crdt-counters/decrement',
  accepts: ([c, r], answer) => sameAs(answer, PN_REFERENCE.decrement(c, r)),
};

export const MERGE_ANSWERS: AcceptableSet<readonly [PNCounter, PNCounter], unknown> = {
  name: 'crdt-counters/merge',
  accepts: ([a, b], answer) => sameAs(answer, PN_REFERENCE.merge(a, b)),
};

export const VALUE_ANSWERS: AcceptableSet<readonly [PNCounter], unknown> = {
  name: 'crdt-counters/value',
  accepts: ([c], answer) => answer === PN_REFERENCE.value(c),
};

export const COUNTER_ANSWER_SETS: readonly AcceptableSet[] = [INCREMENT_ANSWERS, DECREMENT_ANSWERS, MERGE_ANSWERS, VALUE_ANSWERS];
