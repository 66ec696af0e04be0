/**
 * The harness's own record of causality in a siblings-store run, independent of any clock: a write
 * causally follows every value its client read before writing it, and everything those followed.
 * Judges compare what replicas hold with this, so a wrong clock cannot hide its own mistakes.
 */
import type { CartSibling, SiblingNote, SiblingRun } from '../../cluster/index.ts';

/** One write as the store applied it (the first time: resends are not applied again). */
export interface AppliedWrite {
  readonly write: string;
  readonly client: string;
  readonly node: string;
  readonly t: number;
  readonly seen: readonly string[];
}

export interface Causality {
  readonly applied: ReadonlyMap<string, AppliedWrite>;
  /** Every write that `write` causally follows (its ancestors, without itself). */
  ancestors(write: string): ReadonlySet<string>;
  /** `older` was read, directly or through a later value, before `newer` was written. */
  overwrites(newer: string, older: string): boolean;
  /** What a set of siblings accounts for: its writes and everything they overwrote. */
  knowledge(siblings: readonly CartSibling[]): Set<string>;
  /** Acknowledgement time of each acknowledged write. */
  readonly ackedAt: ReadonlyMap<string, number>;
}

/** A `sibling-call` note with where and when it happened. */
export interface CallNote {
  readonly t: number;
  readonly node: string;
  readonly note: SiblingNote;
}

export function callNotes(run: Pick<SiblingRun, 'notes'>): CallNote[] {
  const out: CallNote[] = [];
  for (const e of run.notes) if (e.kind === 'note' && e.name === 'sibling-call') out.push({ t: e.t, node: e.node, note: e.data as SiblingNote });
  return out;
}

export function causalityOf(run: Pick<SiblingRun, 'notes' | 'history'>): Causality {
  const applied = new Map<string, AppliedWrite>();
  for (const { t, node, note } of callNotes(run))
    if (note.fn === 'applyWrite' && !applied.has(note.write)) applied.set(note.write, { write: note.write, client: note.client, node, t, seen: note.seen });
  const memo = new Map<string, Set<string>>();
  const ancestors = (write: string): Set<string> => {
    const known = memo.get(write);
    if (known !== undefined) return known;
    const out = new Set<string>();
    memo.set(write, out);
    for (const s of applied.get(write)?.seen ?? []) {
      out.add(s);
      for (const a of ancestors(s)) out.add(a);
    }
    return out;
  };
  const ackedAt = new Map<string, number>();
  for (const op of run.history) if (op.op === 'write' && op.status === 'ok') ackedAt.set((op.input as { write: string }).write, op.completedAt!);
  return {
    applied,
    ancestors,
    overwrites: (newer, older) => ancestors(newer).has(older),
    knowledge(siblings) {
      const out = new Set<string>();
      for (const s of siblings) {
        out.add(s.value.write);
        for (const a of ancestors(s.value.write)) out.add(a);
      }
      return out;
    },
    ackedAt,
  };
}
