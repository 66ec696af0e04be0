/**
 * The rules of a fallback's durable hint store, as pure functions of the hints held: the replica keeps
 * its store by them, and whoever judges a hint policy's store calls outside a run applies them by the
 * same rules, so the two can never disagree about what a call did.
 */
import type { StoredHint } from './messages.ts';

type HintId = Pick<StoredHint, 'key' | 'hintFor' | 'version'>;

/**
 * One hint in the store's eyes: its key, home and version. Versions compare as SameValueZero (NaN is
 * NaN), so a hint a policy put with a NaN version can be found, and removed, again.
 */
export function sameHint(a: HintId, b: HintId): boolean {
  return a.key === b.key && a.hintFor === b.hintFor && [a.version].includes(b.version);
}

/** `hints` with `hint` put: a hint already held (the same key, home and version) is not held twice. */
export function withHint(hints: readonly StoredHint[], hint: StoredHint): readonly StoredHint[] {
  return hints.some((h) => sameHint(h, hint)) ? hints : [...hints, hint];
}

/** `hints` without the one of that key, home and version; a remove matching nothing changes nothing. */
export function withoutHint(hints: readonly StoredHint[], id: HintId): readonly StoredHint[] {
  const kept = hints.filter((h) => !sameHint(h, id));
  return kept.length < hints.length ? kept : hints;
}

/** What changed between two states of a store: hints held before and gone, and hints new since. */
export function hintChanges(before: readonly StoredHint[], after: readonly StoredHint[]): { removed: StoredHint[]; put: StoredHint[] } {
  return {
    removed: before.filter((b) => !after.some((a) => sameHint(a, b))),
    put: after.filter((a) => !before.some((b) => sameHint(a, b))),
  };
}
