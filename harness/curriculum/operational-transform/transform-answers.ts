/**
 * The acceptable answers of one cell: `transform(a, b)` and `transform(b, a)` on base S are accepted
 * together when each is valid on its text and both end in the same text, one the authors meant, with
 * every character by the same author on both sides (two sites may insert equal texts into one gap:
 * the text then reads alike in either order, but a tie rule on the text alone answers both calls
 * alike and the two sides hold the inserts in opposite orders). Any representation with that effect
 * passes (one range or single-character deletes, either order of a split), and a tie rule passes as
 * long as its two calls agree.
 */
import { allowedOutcomes, authoredOutcomes, sameAuthored } from '../../checkers/index.ts';
import type { TextOp } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

export const PAIR_ANSWERS: AcceptableSet<readonly [string, TextOp, TextOp], unknown> = {
  name: 'operational-transform/cell',
  accepts: ([base, a, b], answer) => {
    if (!Array.isArray(answer) || answer.length !== 2) return false;
    const r = authoredOutcomes(base, a, b, answer as [unknown, unknown]);
    return r.ok && sameAuthored(...r.sides) && allowedOutcomes(base, a, b).includes(r.sides[0].text);
  },
};

export const TRANSFORM_ANSWER_SETS: readonly AcceptableSet[] = [PAIR_ANSWERS];
