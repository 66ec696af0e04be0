/**
 * OR-Sets by meaning. A state means its live adds, `live(s) = {(e, t) ∈ adds : t ∉ removed}`, and its
 * tombstones, `tomb(s) = set(removed)`; two states are the same when both are equal, so a state that
 * keeps removed adds listed and one that leaves them out are one state, and order never matters. The
 * CRDT order: `s ≤ t` when `tomb(s) ⊆ tomb(t)` and each live add of `s` is live in `t` or removed
 * there. The reference operations answer in the pruned form (removed adds left out).
 */
import { showValue as show } from './show-value.ts';
import type { ORSet, TaggedAdd } from '../../exercise/index.ts';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Why `x` is not an OR-Set `{ adds: { element, tag }[], removed: string[] }`, or null. Duplicates are judged apart. */
export function orSetProblem(x: unknown): string | null {
  if (!isObject(x)) return `${show(x)}, not an OR-Set { adds, removed }`;
  if (!Array.isArray(x.adds)) return `a set whose "adds" is ${show(x.adds)}, not a list of { element, tag }`;
  if (!Array.isArray(x.removed)) return `a set whose "removed" is ${show(x.removed)}, not a list of tags`;
  for (const a of x.adds as unknown[]) {
    if (!isObject(a) || typeof a.element !== 'string' || typeof a.tag !== 'string') return `a set with ${show(a)} in "adds", not an { element, tag } of two strings`;
  }
  for (const t of x.removed as unknown[]) if (typeof t !== 'string') return `a set with ${show(t)} in "removed", not a tag (a string)`;
  return null;
}

const key = (a: TaggedAdd): string => `${a.element}\u0000${a.tag}`;

/** The live adds of `s`: those whose tag is not removed, as (element, tag) keys. */
export function liveAdds(s: ORSet): Set<string> {
  const removed = new Set(s.removed);
  return new Set(s.adds.filter((a) => !removed.has(a.tag)).map(key));
}

const sameSet = (x: ReadonlySet<string>, y: ReadonlySet<string>): boolean => x.size === y.size && [...x].every((v) => y.has(v));

/** Whether two OR-Sets mean the same: the same live adds and the same tombstones. */
export const sameORSet = (a: ORSet, b: ORSet): boolean => sameSet(liveAdds(a), liveAdds(b)) && sameSet(new Set(a.removed), new Set(b.removed));

/**
 * What makes two OR-Sets mean different things, in words: the live adds and the tombstones one holds
 * and the other does not ("n2 has the live add tea c2-1 and n1 has not"); empty when they mean the same.
 */
export function orSetDifference(a: ORSet, b: ORSet, aName: string, bName: string): string {
  const only = (x: ReadonlySet<string>, y: ReadonlySet<string>): string[] => [...x].filter((v) => !y.has(v)).sort();
  const [liveA, liveB] = [liveAdds(a), liveAdds(b)];
  const [tombA, tombB] = [new Set(a.removed), new Set(b.removed)];
  const adds = (keys: readonly string[]): string => keys.map((k) => k.replace('\u0000', ' ')).join(', ');
  const parts: string[] = [];
  for (const [name, other, live, tomb] of [[aName, bName, only(liveA, liveB), only(tombA, tombB)], [bName, aName, only(liveB, liveA), only(tombB, tombA)]] as const) {
    if (live.length > 0) parts.push(`${name} has the live add${live.length === 1 ? '' : 's'} ${adds(live)} and ${other} has not`);
    if (tomb.length > 0) parts.push(`${name} has the tombstone${tomb.length === 1 ? '' : 's'} ${tomb.join(', ')} and ${other} has not`);
  }
  return parts.join('; ');
}

/** The CRDT order `a ≤ b`: every tombstone of `a` is one of `b`, and each live add of `a` is live in `b` or removed there. */
export function orAtMost(a: ORSet, b: ORSet): boolean {
  const tombB = new Set(b.removed);
  if (!a.removed.every((t) => tombB.has(t))) return false;
  const liveB = liveAdds(b);
  return a.adds.filter((x) => !a.removed.includes(x.tag)).every((x) => liveB.has(key(x)) || tombB.has(x.tag));
}

/** The elements in the set, each once, sorted. */
export function liveElements(s: ORSet): string[] {
  const removed = new Set(s.removed);
  return [...new Set(s.adds.filter((a) => !removed.has(a.tag)).map((a) => a.element))].sort();
}

/** `s` with removed adds left out, adds sorted by tag and tombstones sorted: one normal form. */
export function prunedORSet(s: ORSet): ORSet {
  const removed = [...new Set(s.removed)].sort();
  const gone = new Set(removed);
  const adds = new Map<string, TaggedAdd>();
  for (const a of s.adds) if (!gone.has(a.tag)) adds.set(key(a), { element: a.element, tag: a.tag });
  return { adds: [...adds.values()].sort((x, y) => cmp(x.tag, y.tag) || cmp(x.element, y.element)), removed };
}

/** `s` with every add kept, including those whose tag is removed (the other input form), given the adds it once had. */
export function keptORSet(s: ORSet, everAdded: readonly TaggedAdd[]): ORSet {
  const removed = new Set(s.removed);
  const live = liveAdds(s);
  const adds = everAdded.filter((a) => live.has(key(a)) || removed.has(a.tag));
  return { adds: [...new Map(adds.map((a) => [key(a), a])).values()], removed: [...s.removed] };
}

/** The reference OR-Set: the harness's answers, pruned. */
export const OR_REFERENCE = {
  add: (s: ORSet, element: string, tag: string): ORSet => prunedORSet({ adds: [...s.adds, { element, tag }], removed: s.removed }),
  remove: (s: ORSet, element: string): ORSet => {
    const removed = new Set(s.removed);
    const observed = s.adds.filter((a) => a.element === element && !removed.has(a.tag)).map((a) => a.tag);
    return prunedORSet({ adds: s.adds, removed: [...s.removed, ...observed] });
  },
  merge: (a: ORSet, b: ORSet): ORSet => prunedORSet({ adds: [...a.adds, ...b.adds], removed: [...a.removed, ...b.removed] }),
  elements: liveElements,
};

/** One set op a replica has seen, from the harness's record: an add with its tag, or a remove with the tags it observed. */
export type SetOp = { readonly kind: 'add'; readonly element: string; readonly tag: string } | { readonly kind: 'remove'; readonly element: string; readonly observed: readonly string[] };

/** The elements a replica must show once it has seen exactly `ops`: those with an add no remove among them observed (add wins). */
export function expectedElements(ops: readonly SetOp[]): string[] {
  const observed = new Set(ops.flatMap((op) => (op.kind === 'remove' ? op.observed : [])));
  return [...new Set(ops.flatMap((op) => (op.kind === 'add' && !observed.has(op.tag) ? [op.element] : [])))].sort();
}

/** The (element, tag) pairs or tags a state lists twice, in words ("milk c1-1", "tag c1-1"). */
export function duplicateEntries(s: ORSet): string[] {
  const twice = (keys: readonly string[]): string[] => [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
  return [...twice(s.adds.map((a) => `${a.element} ${a.tag}`)), ...twice([...s.removed]).map((t) => `tag ${t} in removed`)];
}

/** A state in words, as listed: `adds {milk c1-1, eggs c2-1} removed {c1-1}`. */
export function showORSet(s: ORSet): string {
  return `adds {${s.adds.map((a) => `${a.element} ${a.tag}`).join(', ')}} removed {${s.removed.join(', ')}}`;
}

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
