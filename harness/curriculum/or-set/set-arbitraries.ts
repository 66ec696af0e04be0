/**
 * The OR-Set law examples: reachable states only. A random history of 2–3 replicas (adds with fresh
 * tags, removes of what the replica sees, merges with a peer) runs on the reference, and every state
 * an example uses is projected to either input form the type allows (removed adds kept or left out),
 * in either list order. Inputs are never built with the learner's own functions: that would cost
 * calls and blame a law for a broken input. Elements come from a pool of four, so tags pile up.
 */
import fc from 'fast-check';
import type { ORSet, TaggedAdd } from '../../exercise/index.ts';

/** One example shared by every law of a group. */
export interface SetExample {
  readonly a: ORSet;
  readonly b: ORSet;
  readonly c: ORSet;
  /** An earlier state of `a`'s replica. */
  readonly s0: ORSet;
  readonly e: string;
  /** A tag no state of the example has seen. */
  readonly t: string;
}

export const ELEMENTS = ['milk', 'eggs', 'tea', 'rice'] as const;

/** A replica's state with every add kept: the kept form, from which the pruned one is projected. */
interface Kept {
  readonly adds: readonly TaggedAdd[];
  readonly removed: readonly string[];
}
const EMPTY: Kept = { adds: [], removed: [] };

const union = <T>(xs: readonly T[], ys: readonly T[], key: (x: T) => string): T[] => [...new Map([...xs, ...ys].map((x) => [key(x), x])).values()];

/**
 * Runs `steps` on `replicas` reference replicas, replica i's tags counting from `firsts[i]` (so tags
 * of one and two digits meet, c1-1 beside c1-12); each replica's states, oldest first.
 */
function histories(replicas: number, steps: readonly Step[], firsts: readonly number[]): Kept[][] {
  const states: Kept[][] = Array.from({ length: replicas }, () => [EMPTY]);
  const adds = Array.from({ length: replicas }, (_, i) => firsts[i]! - 1);
  for (const step of steps) {
    const i = step.at % replicas;
    const s = states[i]!.at(-1)!;
    const element = ELEMENTS[step.element % ELEMENTS.length]!;
    let next: Kept;
    if (step.kind === 'add') next = { adds: [...s.adds, { element, tag: `c${i + 1}-${++adds[i]!}` }], removed: s.removed };
    else if (step.kind === 'remove') {
      const seen = s.adds.filter((x) => x.element === element && !s.removed.includes(x.tag)).map((x) => x.tag);
      next = { adds: s.adds, removed: [...s.removed, ...seen] };
    } else {
      const peer = states[(i + 1 + (step.element % (replicas - 1))) % replicas]!.at(-1)!;
      next = { adds: union(s.adds, peer.adds, (x) => `${x.element} ${x.tag}`), removed: union(s.removed, peer.removed, (x) => x) };
    }
    states[i]!.push(next);
  }
  return states;
}

interface Step {
  readonly at: number;
  readonly kind: 'add' | 'remove' | 'merge';
  readonly element: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  at: fc.nat(2),
  kind: fc.constantFrom<Step['kind']>('add', 'add', 'remove', 'merge'),
  element: fc.nat(3),
});

/** A kept state in one of the two forms and one of two orders. */
function project(s: Kept, pruned: boolean, reversed: boolean): ORSet {
  const adds = pruned ? s.adds.filter((x) => !s.removed.includes(x.tag)) : s.adds;
  return reversed ? { adds: [...adds].reverse(), removed: [...s.removed].reverse() } : { adds: [...adds], removed: [...s.removed] };
}

const form = fc.record({ pruned: fc.boolean(), reversed: fc.boolean() });

export const setExample: fc.Arbitrary<SetExample> = fc
  .record({
    replicas: fc.integer({ min: 2, max: 3 }),
    steps: fc.array(step, { maxLength: 10 }),
    firsts: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
    pick: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(20)),
    forms: fc.tuple(form, form, form, form),
    e: fc.constantFrom(...ELEMENTS),
    t: fc.tuple(fc.integer({ min: 4, max: 6 }), fc.integer({ min: 1, max: 3 })).map(([c, n]) => `c${c}-${n}`),
  })
  .map(({ replicas, steps, firsts, pick: [ai, bi, ci, earlier], forms, e, t }) => {
    const h = histories(replicas, steps, firsts);
    const of = (i: number): Kept[] => h[i % replicas]!;
    const [fa, fb, fc_, f0] = forms;
    const ha = of(ai);
    return {
      a: project(ha.at(-1)!, fa.pruned, fa.reversed),
      b: project(of(bi).at(-1)!, fb.pruned, fb.reversed),
      c: project(of(ci).at(-1)!, fc_.pruned, fc_.reversed),
      s0: project(ha[earlier % ha.length]!, f0.pruned, f0.reversed),
      e,
      t,
    };
  });

const empty: ORSet = { adds: [], removed: [] };
const milk1: ORSet = { adds: [{ element: 'milk', tag: 'c1-1' }], removed: [] };
const milkRemovedKept: ORSet = { adds: [{ element: 'milk', tag: 'c1-1' }], removed: ['c1-1'] };
const milkTwice: ORSet = { adds: [{ element: 'milk', tag: 'c1-1' }, { element: 'milk', tag: 'c2-1' }], removed: [] };
/** Milk added again at c2, concurrently with c1's remove of its own add. */
const milkAtC2: ORSet = { adds: [{ element: 'milk', tag: 'c2-1' }], removed: [] };
const addAndTombstone: ORSet = { adds: [{ element: 'eggs', tag: 'c1-2' }], removed: ['c1-1'] };
/** Milk added as c1-1 and a later add, c1-12, removed: the tombstone c1-12 contains c1-1 as text, not as a tag. */
const milkBesideTombstone12: ORSet = { adds: [{ element: 'milk', tag: 'c1-1' }], removed: ['c1-12'] };
/** Four adds, and the same four after eggs was removed with its add kept: the same adds, different tombstones. */
const fourAdds: ORSet['adds'] = [{ element: 'milk', tag: 'c1-1' }, { element: 'eggs', tag: 'c1-2' }, { element: 'tea', tag: 'c2-1' }, { element: 'rice', tag: 'c3-1' }];
const eggsRemovedKept: ORSet = { adds: fourAdds, removed: ['c1-2'] };
/** A fixed example; its new tag is c2-1 unless a state in it has seen that one. */
const fixed = (a: ORSet, b: ORSet, e = 'milk', s0: ORSet = empty): SetExample => {
  const seen = new Set([a, b, s0].flatMap((s) => [...s.adds.map((x) => x.tag), ...s.removed]));
  return { a, b, c: empty, s0, e, t: ['c2-1', 'c3-1', 'c4-1'].find((t) => !seen.has(t))! };
};

/**
 * Fixed merges: only one side tombstones c1-1 (both ways), a state with one add and one tombstone
 * merged with itself, milk c1-1 beside a tombstone c1-12, several adds on both sides, one side
 * with a tombstone more (so "same adds, same state" is no shortcut, either way round), and a remove
 * of milk beside a concurrent add of it under another tag (both ways: a merge that lets the remove
 * win drops an add it never saw, and is not the least state containing both).
 */
export const FIXED_MERGES: readonly SetExample[] = [
  fixed(milk1, { adds: [], removed: ['c1-1'] }),
  fixed(milk1, milkRemovedKept),
  fixed(addAndTombstone, addAndTombstone),
  fixed(milk1, milkBesideTombstone12),
  fixed({ adds: fourAdds, removed: [] }, eggsRemovedKept),
  fixed(milkRemovedKept, milkAtC2),
  fixed(milkAtC2, milkRemovedKept),
];

/**
 * Fixed updates: one add of milk (add, remove, re-add and add wins with t' = c2-1, and the merge of the
 * remove with the state before it), milk under two live tags, and the kept form of a removed milk.
 */
export const FIXED_UPDATES: readonly SetExample[] = [
  fixed(milk1, empty, 'milk', milk1),
  fixed(milkTwice, empty, 'milk', milk1),
  fixed(milkRemovedKept, milk1),
];

/** Fixed states for orElements: a removed milk still listed (kept form), milk under two live tags, nothing, milk c1-1 beside a tombstone c1-12. */
export const FIXED_ELEMENTS: readonly SetExample[] = [fixed(milkRemovedKept, milkTwice), fixed(milkTwice, milkRemovedKept), fixed(empty, empty), fixed(milkBesideTombstone12, empty)];

/** Fixed states whose results must list nothing twice: a state with one add and one tombstone, merged with itself and updated. */
export const FIXED_ENTRIES: readonly SetExample[] = [fixed(addAndTombstone, addAndTombstone, 'eggs'), fixed(milkTwice, milk1)];
