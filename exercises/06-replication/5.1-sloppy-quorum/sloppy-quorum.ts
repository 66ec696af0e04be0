/**
 * Exercise 06-replication/05: sloppy quorums and hinted handoff.
 *
 * When home replicas of a key are unreachable, a sloppy quorum lets nodes further down the key's
 * preference list accept the write for them, with a hint naming the home replica it belongs to.
 * The fallback keeps the hint durably and hands it over once the home replica is back. Read
 * README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Hint, HintStore, Target } from 'ddia-workbook/exercise';

/**
 * Where a write goes: each reachable home replica itself; for each unreachable one, the next
 * reachable node past the first n of the preference list not already chosen, with a hint.
 */
export function chooseWriteTargets(preferenceList: readonly string[], n: number, reachable: (node: string) => boolean): Target[] {
  // TODO(human): walk the first n nodes (the home replicas); stand in for each unreachable one with
  // the next reachable node after the first n that you have not used yet, as { node, hintFor: home }.
  throw new NotImplementedError('chooseWriteTargets');
}

/** The hints to send now that `recovered` answers again. Sending is not delivery: keep them all. */
export function hintsToHandOff<V>(store: HintStore<V>, recovered: string): Hint<V>[] {
  // TODO(human): return the hints meant for `recovered`, and remove none of them yet.
  throw new NotImplementedError('hintsToHandOff');
}

/** `from` acknowledged storing `key` at `version`: drop that hint (only that version or older). */
export function onHandoffAck<V>(store: HintStore<V>, from: string, key: string, version: number): void {
  // TODO(human): remove the hints held for `from` of `key` whose version is at most `version`.
  throw new NotImplementedError('onHandoffAck');
}
