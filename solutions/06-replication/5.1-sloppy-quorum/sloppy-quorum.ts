/**
 * Exercise 06-replication/05: sloppy quorums and hinted handoff.
 *
 * When home replicas of a key are unreachable, a sloppy quorum lets nodes further down the key's
 * preference list accept the write for them, with a hint naming the home replica it belongs to.
 * The fallback keeps the hint durably and hands it over once the home replica is back. Read
 * README.md beside this file first.
 */
import type { Hint, HintStore, Target } from 'ddia-workbook/exercise';

/**
 * Where a write goes: each reachable home replica itself; for each unreachable one, the next
 * reachable node past the first n of the preference list not already chosen, with a hint.
 */
export function chooseWriteTargets(preferenceList: readonly string[], n: number, reachable: (node: string) => boolean): Target[] {
  const fallbacks = preferenceList.slice(n).filter((node) => reachable(node));
  const targets: Target[] = [];
  for (const home of preferenceList.slice(0, n)) {
    if (reachable(home)) {
      targets.push({ node: home });
      continue;
    }
    const fallback = fallbacks.shift();
    if (fallback !== undefined) targets.push({ node: fallback, hintFor: home });
  }
  return targets;
}

/** The hints to send now that `recovered` answers again. Sending is not delivery: keep them all. */
export function hintsToHandOff<V>(store: HintStore<V>, recovered: string): Hint<V>[] {
  return store.all().filter((hint) => hint.hintFor === recovered);
}

/** `from` acknowledged storing `key` at `version`: drop that hint (only that version or older). */
export function onHandoffAck<V>(store: HintStore<V>, from: string, key: string, version: number): void {
  for (const hint of store.all()) {
    if (hint.hintFor === from && hint.key === key && hint.version <= version) store.remove(hint.key, hint.hintFor, hint.version);
  }
}
