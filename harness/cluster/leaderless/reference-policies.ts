/**
 * The reference sloppy-quorum decisions: where a write goes, which hints to hand off, which to drop
 * on an ack. The store uses them unless a run is given the learner's.
 */
import type { StoredHint } from './messages.ts';
import type { HintPolicy, HintStoreAccess } from './replica.ts';
import type { TargetPolicy, WriteTarget } from './writer.ts';

/** Each reachable home replica itself; for each unreachable one, the next reachable node past the first n not already chosen. */
export function chooseTargets(preferenceList: readonly string[], n: number, reachable: (node: string) => boolean): WriteTarget[] {
  const targets: WriteTarget[] = [];
  const fallbacks = preferenceList.slice(n).filter(reachable);
  for (const home of preferenceList.slice(0, n)) {
    if (reachable(home)) targets.push({ node: home });
    else {
      const stand = fallbacks.shift();
      if (stand !== undefined) targets.push({ node: stand, hintFor: home });
    }
  }
  return targets;
}

/** Every hint held for `recovered`; nothing is removed on sending. */
export function hintsFor(store: HintStoreAccess, recovered: string): StoredHint[] {
  return store.all().filter((h) => h.hintFor === recovered);
}

/** Drops the hints for `from` of `key` at `version` or older. */
export function dropAcked(store: HintStoreAccess, from: string, key: string, version: number): void {
  for (const h of store.all()) if (h.hintFor === from && h.key === key && h.version <= version) store.remove(h.key, h.hintFor, h.version);
}

export const referenceTargetPolicy: TargetPolicy = {
  chooseWriteTargets: async (list, n, reachable) => ({ ok: true, value: chooseTargets(list, n, (node) => reachable.includes(node)) }),
};

export const referenceHintPolicy: HintPolicy = {
  hintsToHandOff: async (store, recovered) => ({ ok: true, value: hintsFor(store, recovered) }),
  onHandoffAck: async (store, from, key, version) => {
    dropAcked(store, from, key, version);
    return { ok: true, value: undefined };
  },
};
