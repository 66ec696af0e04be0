/**
 * What a replica of the siblings store asks when it handles a write, a read or an anti-entropy
 * exchange: the concurrent-writes exercise's functions. The store runs with the learner's (answers
 * from another thread), with the reference below, or with the reference built on someone else's
 * clock operations (the vector-clock exercise's integration check).
 */
import type { Ordering, Sibling, VectorClock } from '../../exercise/index.ts';
import type { HookOutcome } from '../hook.ts';
import { compareClocks, coveredBy, incrementClock, mergeClocks } from './version-vector.ts';

/** A shopping cart version: the write that produced it and the items it holds. */
export interface CartValue {
  /** The write's id, e.g. `c2-3`: unique per write, so the harness can follow each value. */
  readonly write: string;
  readonly items: readonly string[];
}

export type CartSibling = Sibling<CartValue>;

/** The concurrent-writes functions, asynchronous because a learner's run in another thread. */
export interface SiblingLogic {
  applyWrite(siblings: readonly CartSibling[], value: CartValue, context: VectorClock, node: string): Promise<HookOutcome<unknown>>;
  mergeReplicas(a: readonly CartSibling[], b: readonly CartSibling[]): Promise<HookOutcome<unknown>>;
  readContext(siblings: readonly CartSibling[]): Promise<HookOutcome<unknown>>;
}

/** The vector-clock functions, asynchronous for the same reason. */
export interface ClockOps {
  increment(clock: VectorClock, node: string): Promise<HookOutcome<VectorClock>>;
  merge(a: VectorClock, b: VectorClock): Promise<HookOutcome<VectorClock>>;
  compare(a: VectorClock, b: VectorClock): Promise<HookOutcome<Ordering>>;
}

/** The reference algorithm, synchronous: drop what the context covers, keep what no other sibling dominates. */
export const referenceSiblings = {
  applyWrite(siblings: readonly CartSibling[], value: CartValue, context: VectorClock, node: string): CartSibling[] {
    const kept = siblings.filter((s) => !coveredBy(s.clock, context));
    let top = context[node] ?? 0;
    for (const s of siblings) top = Math.max(top, s.clock[node] ?? 0);
    return [...kept, { value, clock: incrementClock(mergeClocks(context, { [node]: top }), node) }];
  },
  mergeReplicas(a: readonly CartSibling[], b: readonly CartSibling[]): CartSibling[] {
    const all = [...a, ...b];
    const out: CartSibling[] = [];
    for (const s of all) {
      if (all.some((t) => compareClocks(s.clock, t.clock) === 'before')) continue;
      if (out.some((t) => compareClocks(s.clock, t.clock) === 'equal')) continue;
      out.push(s);
    }
    return out;
  },
  readContext(siblings: readonly CartSibling[]): VectorClock {
    return siblings.reduce<VectorClock>((c, s) => mergeClocks(c, s.clock), {});
  },
};

/** The reference algorithm as a `SiblingLogic`. */
export function referenceSiblingLogic(): SiblingLogic {
  const ok = <T>(value: T): Promise<HookOutcome<T>> => Promise.resolve({ ok: true, value });
  return {
    applyWrite: (s, v, c, n) => ok(referenceSiblings.applyWrite(s, v, c, n)),
    mergeReplicas: (a, b) => ok(referenceSiblings.mergeReplicas(a, b)),
    readContext: (s) => ok(referenceSiblings.readContext(s)),
  };
}

/**
 * The reference algorithm with every clock operation asked of `clock`: the store then detects
 * concurrent writes exactly as well as those clock operations do.
 */
export function clockBackedSiblingLogic(clock: ClockOps): SiblingLogic {
  type Step<T> = { ok: true; value: T } | { ok: false; problem: string };
  const before = async (a: VectorClock, b: VectorClock): Promise<Step<boolean>> => {
    const o = await clock.compare(a, b);
    return o.ok ? { ok: true, value: o.value === 'before' } : o;
  };
  return {
    async applyWrite(siblings, value, context, node) {
      const kept: CartSibling[] = [];
      for (const s of siblings) {
        const o = await clock.compare(s.clock, context);
        if (!o.ok) return o;
        if (o.value !== 'before' && o.value !== 'equal') kept.push(s);
      }
      let top = context[node] ?? 0;
      for (const s of siblings) top = Math.max(top, s.clock[node] ?? 0);
      const base = await clock.merge(context, { [node]: top });
      if (!base.ok) return base;
      const next = await clock.increment(base.value, node);
      if (!next.ok) return next;
      return { ok: true, value: [...kept, { value, clock: next.value }] };
    },
    async mergeReplicas(a, b) {
      const all = [...a, ...b];
      const out: CartSibling[] = [];
      outer: for (const s of all) {
        for (const t of all) {
          if (t === s) continue;
          const d = await before(s.clock, t.clock);
          if (!d.ok) return d;
          if (d.value) continue outer;
        }
        for (const t of out) {
          const o = await clock.compare(s.clock, t.clock);
          if (!o.ok) return o;
          if (o.value === 'equal') continue outer;
        }
        out.push(s);
      }
      return { ok: true, value: out };
    },
    async readContext(siblings) {
      let c: VectorClock = {};
      for (const s of siblings) {
        const m = await clock.merge(c, s.clock);
        if (!m.ok) return m;
        c = m.value;
      }
      return { ok: true, value: c };
    },
  };
}
