/**
 * The cart merge, checked on generated sibling carts: the result holds every item of every sibling,
 * each once, and nothing else (an add-only cart: the union).
 */
import fc from 'fast-check';
import { hashSeed } from '../../sim/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckResult } from '../check.ts';
import { answerFailure } from '../learner-session.ts';

const CHECK = { id: 'merge-carts-keeps-every-item', title: 'mergeCarts keeps every item of every sibling, once', weight: 1 };

const item = fc.constantFrom('apple', 'milk', 'eggs', 'bread', 'tea', 'rice', 'soap', 'salt');
const carts = fc.array(fc.uniqueArray(item, { maxLength: 5 }), { minLength: 0, maxLength: 4 });

export const cartChecks: CheckGroup = {
  checks: [CHECK],
  replayable: false,
  async run(ctx: CheckContext): Promise<CheckResult[]> {
    let failure: Omit<CheckResult, 'id' | 'title' | 'weight'> | undefined;
    let output = '';
    let n = 0;
    const fixed: string[][][] = [[], [['milk']], [['milk', 'eggs'], ['eggs', 'tea']], [['a'], ['b'], ['c']], [['milk'], ['milk']]];
    const samples = [...fixed, ...fc.sample(carts, { seed: ctx.seed, numRuns: 60 })];
    for (const siblings of samples) {
      const answer = await ctx.call('mergeCarts', [siblings], { seed: hashSeed(ctx.seed, `mergeCarts:${n++}`), now: 0 });
      if ('console' in answer) output += answer.console;
      const f = answerFailure('mergeCarts', answer);
      if (f) {
        failure = { ...f, details: [`mergeCarts(${JSON.stringify(siblings)})`] };
        break;
      }
      const result = (answer as { value: unknown }).value;
      const expected = [...new Set(siblings.flat())];
      const problem = cartProblem(result, expected);
      if (problem !== null) {
        failure = { status: 'failed', message: `mergeCarts(${JSON.stringify(siblings)}) returned ${JSON.stringify(result)}: ${problem}`, details: [`acceptable: the items ${JSON.stringify(expected)}, in any order`] };
        break;
      }
    }
    const console = output === '' ? {} : { console: capConsole(output) };
    return [failure ? { ...CHECK, ...failure, ...console } : { ...CHECK, status: 'passed', message: '', details: [], ...console }];
  },
};

function cartProblem(result: unknown, expected: readonly string[]): string | null {
  if (!Array.isArray(result) || !result.every((x) => typeof x === 'string')) return 'not an array of items';
  const missing = expected.filter((x) => !result.includes(x));
  if (missing.length > 0) return `it lost ${missing.join(', ')}, which a sibling holds (a lost item is a lost write)`;
  const twice = result.find((x, i) => result.indexOf(x) !== i);
  if (twice !== undefined) return `it holds ${twice} twice`;
  const extra = result.filter((x) => !expected.includes(x));
  if (extra.length > 0) return `it added ${extra.join(', ')}, which no sibling holds`;
  return null;
}
