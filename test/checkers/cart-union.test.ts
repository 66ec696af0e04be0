import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cartUnionProblem, firstDuplicate } from '../../harness/checkers/index.ts';

/** The quadratic definition the cart check used: the oracle the linear version must agree with. */
function quadratic(result: unknown, expected: readonly string[]): string | null {
  if (!Array.isArray(result) || !result.every((x) => typeof x === 'string')) return 'not an array of items';
  const missing = expected.filter((x) => !result.includes(x));
  if (missing.length > 0) return `it lost ${missing.join(', ')}, which a sibling holds (a lost item is a lost write)`;
  const twice = result.find((x, i) => result.indexOf(x) !== i);
  if (twice !== undefined) return `it holds ${twice} twice`;
  const extra = result.filter((x) => !expected.includes(x));
  if (extra.length > 0) return `it added ${extra.join(', ')}, which no sibling holds`;
  return null;
}

describe('cartUnionProblem', () => {
  it('says the same as the quadratic definition on any carts', () => {
    const item = fc.constantFrom('milk', 'eggs', 'flour', 'tea', 'jam');
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.uniqueArray(item, { maxLength: 5 }), (result, expected) => {
        expect(cartUnionProblem(result, expected)).toBe(quadratic(result, expected));
      }),
      { seed: 9, numRuns: 500 },
    );
    expect(cartUnionProblem(['milk', 'milk'], ['milk'])).toBe('it holds milk twice');
    expect(cartUnionProblem({ length: 1 }, [])).toBe('not an array of items');
  });

  it('quotes an item that, bare, would not read as one item', () => {
    expect(cartUnionProblem(['milk'], ['', 'milk'])).toBe('it lost "", which a sibling holds (a lost item is a lost write)');
    expect(cartUnionProblem(['milk', 'a, b'], ['milk'])).toBe('it added "a, b", which no sibling holds');
    expect(cartUnionProblem([' tea', ' tea'], [' tea'])).toBe('it holds " tea" twice');
  });

  it('judges a 1M-item answer in linear time', () => {
    const expected = Array.from({ length: 1000 }, (_, i) => `sku-${i}`);
    const result = [...expected, ...Array.from({ length: 1_000_000 }, (_, i) => `extra-${i}`), 'sku-0'];
    const started = performance.now();
    expect(cartUnionProblem(result, expected)).toBe('it holds sku-0 twice');
    // The quadratic version took minutes here; loose on a shared machine.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('firstDuplicate', () => {
  it('finds the first repeated key, by value or by a key function', () => {
    expect(firstDuplicate([1, 2, 3, 2, 1])).toBe(2);
    expect(firstDuplicate([1, 2, 3])).toBeUndefined();
    expect(firstDuplicate([{ w: 'a' }, { w: 'b' }, { w: 'a' }], (s) => s.w)).toEqual({ w: 'a' });
  });
});
