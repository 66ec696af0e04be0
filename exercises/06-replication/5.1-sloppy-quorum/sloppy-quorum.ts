/**
 * Exercise 5.1: sloppy quorums and hinted handoff.
 *
 * When home replicas of a key are unreachable, a sloppy quorum lets nodes further down the key's
 * preference list accept the write for them, with a hint naming the home replica it belongs to.
 * The fallback keeps the hint durably and hands it over once the home replica is back. Read
 * README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Hint, HintStore, Target } from 'ddia-workbook/exercise';

/**
 * Where a write goes. The first n nodes of `preferenceList` are the key's home replicas; the rest are
 * possible fallbacks, in the order they should be used. Returns one target per home replica that
 * can be served: `{ node }` for the home itself, or `{ node, hintFor: home }` for a reachable stand-in.
 * The harness checks that reachable homes are written themselves, that every unreachable home gets a
 * stand-in while fallbacks last (in preference-list order, none used twice; which stand-in serves which
 * unreachable home is up to you), and that writes reach w acks while homes are down and fallbacks are up.
 */
export function chooseWriteTargets(preferenceList: readonly string[], n: number, reachable: (node: string) => boolean): Target[] {
  // TODO(human): return the targets. Stuck? `./workbook hint sloppy-quorum`.
  throw new NotImplementedError('chooseWriteTargets');
}

/**
 * The hints to send now that `recovered` answers again. The harness checks that `recovered` gets its
 * hints, only its own, that every hinted write reaches its home after recovery, and that no hint is
 * lost when a handoff message is.
 */
export function hintsToHandOff<V>(store: HintStore<V>, recovered: string): Hint<V>[] {
  // TODO(human): return the hints to send; the store is yours to read.
  throw new NotImplementedError('hintsToHandOff');
}

/**
 * `from` acknowledged that it stored `key` at `version`. The harness checks that a hint is dropped
 * only once its home replica acknowledged what it carries, and that acknowledged hints do go. What
 * counts is what your calls leave changed: a hint removed and put back in the same call stays.
 */
export function onHandoffAck<V>(store: HintStore<V>, from: string, key: string, version: number): void {
  // TODO(human): update the store for this acknowledgement.
  throw new NotImplementedError('onHandoffAck');
}
