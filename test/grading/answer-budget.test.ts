import { describe, expect, it } from 'vitest';
import { answerBudgetOf, DEFAULT_ANSWER_BUDGET_BYTES, measureAnswer } from '../../harness/grading/index.ts';

describe('measureAnswer', () => {
  it('passes ordinary answers, counting a shared or cyclic object once', () => {
    const shared = { clock: { n1: 1, n2: 2 } };
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    for (const v of [null, 1, 'text', [1, 2, 3], { a: [shared, shared] }, new Map([['k', 1]]), new Set([1]), cyclic, 10n ** 30n]) {
      expect(measureAnswer(v, 64 * 1024).ok).toBe(true);
    }
  });

  it('names the first hole of a sparse array, short or 2³²−1 long, and where it is', () => {
    const short = [1, 2, 3];
    delete short[1];
    expect(measureAnswer({ xs: short }, 1024)).toEqual({ ok: false, problem: 'sparse-array', path: 'result.xs', index: 1 });
    const long: number[] = [];
    long[2 ** 32 - 2] = 1;
    const started = performance.now();
    expect(measureAnswer([long], 64 * 1024)).toEqual({ ok: false, problem: 'sparse-array', path: 'result[0]', index: 0 });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops as soon as a value is past its budget', () => {
    expect(measureAnswer('x'.repeat(2000), 1000)).toMatchObject({ ok: false, problem: 'over-budget' });
    expect(measureAnswer(new Array(100_000).fill(0), 64 * 1024)).toMatchObject({ ok: false, problem: 'over-budget' });
    expect(measureAnswer({ a: 'x'.repeat(600), b: 'y'.repeat(600) }, 1000)).toMatchObject({ ok: false, problem: 'over-budget' });
  });

  it('takes an export’s own budget, else the default', () => {
    expect(answerBudgetOf({ merge: 70_000 }, 'merge')).toBe(70_000);
    expect(answerBudgetOf({ merge: 70_000 }, 'read')).toBe(DEFAULT_ANSWER_BUDGET_BYTES);
    expect(answerBudgetOf(undefined, 'toString')).toBe(DEFAULT_ANSWER_BUDGET_BYTES);
  });
});
