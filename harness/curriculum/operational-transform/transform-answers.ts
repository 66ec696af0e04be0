/**
 * The acceptable answers of one cell: `transform(a, b)` and `transform(b, a)` on base S are accepted
 * together when each is valid on its text and both end in the same text, one the authors meant. Any
 * representation with that effect passes (one range or single-character deletes, either order of a
 * split), and a tie rule passes as long as its two calls agree.
 */
import { allowedOutcomes, applyTextOp, applyTextOps } from '../../checkers/index.ts';
import type { TextOp } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

export const PAIR_ANSWERS: AcceptableSet<readonly [string, TextOp, TextOp], unknown> = {
  name: 'operational-transform/cell',
  accepts: ([base, a, b], answer) => {
    if (!Array.isArray(answer) || answer.length !== 2) return false;
    const t1 = applyTextOps(applyTextOp(base, b), answer[0], a.site);
    const t2 = applyTextOps(applyTextOp(base, a), answer[1], b.site);
    return t1.ok && t2.ok && t1.text === t2.text && allowedOutcomes(base, a, b).includes(t1.text);
  },
};

export const TRANSFORM_ANSWER_SETS: readonly AcceptableSet[] = [PAIR_ANSWERS];
