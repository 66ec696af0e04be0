import { describe, expect, it } from 'vitest';
import { hintChanges, sameHint, withHint, withoutHint, type StoredHint } from '../../harness/cluster/index.ts';

const h = (key: string, hintFor: string, version: number, value: unknown = `${key}@${version}`): StoredHint => ({ key, hintFor, version, value });

describe("a fallback's hint store rules", () => {
  it('holds a hint once per key, home and version, whatever its value', () => {
    const one = withHint([], h('k', 'n1', 1));
    expect(withHint(one, h('k', 'n1', 1, 'other value'))).toBe(one);
    expect(withHint(one, h('k', 'n2', 1))).toHaveLength(2);
    expect(withHint(one, h('k', 'n1', 2))).toHaveLength(2);
  });

  it('removes exactly the hint of that key, home and version, and a remove matching nothing changes nothing', () => {
    const held = [h('k', 'n1', 1), h('k', 'n1', 2), h('j', 'n1', 1)];
    expect(withoutHint(held, { key: 'k', hintFor: 'n1', version: 1 })).toEqual([h('k', 'n1', 2), h('j', 'n1', 1)]);
    expect(withoutHint(held, { key: 'k', hintFor: 'n2', version: 1 })).toBe(held);
    expect(withoutHint(held, { key: 'k', hintFor: 'n1', version: 3 })).toBe(held);
  });

  it('finds a NaN version again (SameValueZero), so such a hint is neither held twice nor reported gone', () => {
    expect(sameHint(h('k', 'n1', NaN), h('k', 'n1', NaN))).toBe(true);
    const held = withHint([h('k', 'n1', NaN)], h('k', 'n1', NaN));
    expect(held).toHaveLength(1);
    expect(hintChanges(held, held)).toEqual({ removed: [], put: [] });
    expect(withoutHint(held, { key: 'k', hintFor: 'n1', version: NaN })).toEqual([]);
  });

  it('reports what changed between two states: a hint removed and put back is no change', () => {
    const before = [h('a', 'n1', 1), h('b', 'n1', 1)];
    const after = withHint(withoutHint(withoutHint(before, h('a', 'n1', 1)), h('b', 'n1', 1)), h('a', 'n1', 1));
    expect(hintChanges(before, after)).toEqual({ removed: [h('b', 'n1', 1)], put: [] });
    expect(hintChanges([], [h('c', 'n2', 4)])).toEqual({ removed: [], put: [h('c', 'n2', 4)] });
  });
});
