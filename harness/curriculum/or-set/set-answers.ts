/**
 * The acceptable answers of the four OR-Set functions. By the type's meaning `orAdd` and `orRemove`
 * have one result each (the add made live; the live tags of the element made tombstones) and a
 * merge's is the least upper bound; either form, any order and frozen objects pass. `orElements`
 * answers the live elements, each once, in any order.
 */
import { OR_REFERENCE, orSetProblem, sameORSet } from '../../checkers/index.ts';
import type { ORSet } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

const sameAs = (x: unknown, want: ORSet): boolean => orSetProblem(x) === null && sameORSet(x as ORSet, want);

export const ADD_ANSWERS: AcceptableSet<readonly [ORSet, string, string], unknown> = {
  name: 'or-set/add',
  accepts: ([s, e, t], answer) => sameAs(answer, OR_REFERENCE.add(s, e, t)),
};

export const REMOVE_ANSWERS: AcceptableSet<readonly [ORSet, string], unknown> = {
  name: 'or-set/remove',
  accepts: ([s, e], answer) => sameAs(answer, OR_REFERENCE.remove(s, e)),
};

export const MERGE_ANSWERS: AcceptableSet<readonly [ORSet, ORSet], unknown> = {
  name: 'or-set/merge',
  accepts: ([a, b], answer) => sameAs(answer, OR_REFERENCE.merge(a, b)),
};

/** The live elements, each once, any order. */
export const ELEMENTS_ANSWERS: AcceptableSet<readonly [ORSet], unknown> = {
  name: 'or-set/elements',
  accepts: ([s], answer) => {
    if (!Array.isArray(answer) || !answer.every((x) => typeof x === 'string')) return false;
    const want = OR_REFERENCE.elements(s);
    return answer.length === want.length && new Set(answer).size === answer.length && want.every((e) => answer.includes(e));
  },
};

export const SET_ANSWER_SETS: readonly AcceptableSet[] = [ADD_ANSWERS, REMOVE_ANSWERS, MERGE_ANSWERS, ELEMENTS_ANSWERS];
