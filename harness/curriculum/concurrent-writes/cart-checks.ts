/**
 * The cart merge, checked on generated sibling carts: the result holds every item of every sibling,
 * each once, and nothing else (an add-only cart: the union). The carts are frozen: a merge that
 * writes into one fails.
 */
import fc from 'fast-check';
import { showExact } from '../../cluster/index.ts';
import { cartUnionProblem } from '../../checkers/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup } from '../check.ts';
import { statedBy, type AcceptableSet } from '../expectation.ts';

/** A merged cart: every item of every sibling, once, and nothing else, in any order. */
const MERGED_CARTS: AcceptableSet<readonly string[][], unknown> = {
  name: 'concurrent-writes/merge-carts',
  accepts: (siblings, result) => cartUnionProblem(result, [...new Set(siblings.flat())]) === null,
};

const CHECK = { id: 'merge-carts-keeps-every-item', title: 'mergeCarts keeps every item of every sibling, once', weight: 1 };

const item = fc.constantFrom('apple', 'milk', 'eggs', 'bread', 'tea', 'rice', 'soap', 'salt');
// A sibling's cart may list an item twice (the README says so); the merge still holds it once.
const cart = fc.oneof({ weight: 3, arbitrary: fc.uniqueArray(item, { maxLength: 5 }) }, { weight: 1, arbitrary: fc.array(item, { maxLength: 5 }) });
const carts = fc.array(cart, { minLength: 0, maxLength: 4 });

/** A few hand-picked sibling sets, then generated ones. */
const FIXED: readonly string[][][] = [
  [],
  [['milk']],
  [['milk', 'eggs'], ['eggs', 'tea']],
  [['a'], ['b'], ['c']],
  [['milk'], ['milk']],
  [['milk', 'milk']],
  [['tea', 'milk', 'tea'], ['milk', 'eggs']],
  // An item is any string, the empty one too: a merge that filters out falsy items drops it.
  [['', 'milk'], ['tea']],
];

export const cartChecks: CheckGroup = caseCheckGroup<string[][]>({
  checks: [CHECK],
  cases: (ctx) => [...FIXED, ...fc.sample(carts, { seed: ctx.seed, numRuns: 60 })],
  checkOf: () => CHECK.id,
  // One seed per call, derived by the session, as for every generated input.
  seedOf: () => undefined,
  // Frozen, as the README says never to change the arrays given: writing into one throws.
  ask: (siblings) => ({ fn: 'mergeCarts', args: [siblings], freezeArgs: true }),
  judge: (siblings, result) => {
    const expected = [...new Set(siblings.flat())];
    const problem = cartUnionProblem(result, expected);
    if (problem === null) return null;
    return {
      message: `mergeCarts(${JSON.stringify(siblings)}) returned ${showExact(result)}: ${problem}`,
      details: [`acceptable: the items ${JSON.stringify(expected)}, in any order`],
      expected: statedBy(MERGED_CARTS, siblings, result, [expected]),
    };
  },
  acceptableSets: [MERGED_CARTS],
  show: (siblings) => [`mergeCarts(${JSON.stringify(siblings)})`],
  frozenInputs: {
    noun: 'cart',
    advice: 'the harness froze the carts it passed you, so changing one threw (push, splice and sort all change it). Build and return a new array instead, e.g. [...new Set(siblings.flat())].',
  },
});

