/**
 * At most one leader per epoch, and epochs only move forward: the epoch is what lets members and
 * clients tell a current leader from a deposed one, so two leaders sharing an epoch, or a leader
 * serving an epoch older than one already served, defeats it.
 */
import { serveNotes, type ServeNote } from './protocol-notes.ts';
import type { FailoverRunLike } from './run-shape.ts';
import type { FailoverVerdict } from './failover-properties.ts';
import { satisfied, violated, type EventRef } from './verdict.ts';

const PROPERTY = 'one-leader-per-epoch';

/**
 * Checks the `serve` notes in trace order: a second node serving an epoch someone already served, or
 * any node serving an epoch lower than the highest served so far, is a violation. The same node
 * serving the same epoch again is fine: a leader that restarts picks its epoch up from storage.
 */
export function checkOneLeaderPerEpoch(run: FailoverRunLike): FailoverVerdict {
  const firstServerOf = new Map<number, ServeNote>();
  let highest: ServeNote | undefined;
  for (const serve of serveNotes(run.notes)) {
    const earlier = firstServerOf.get(serve.epoch);
    if (earlier !== undefined && earlier.node !== serve.node) {
      return violated(
        PROPERTY,
        `${earlier.node} started serving epoch ${serve.epoch} at t=${earlier.t}ms, and ${serve.node} started serving the same epoch ` +
          `${serve.epoch} at t=${serve.t}ms: two leaders in one epoch. Members cannot tell their writes apart by epoch, so both ` +
          `can be acknowledged and the logs can diverge. Each failover must choose an epoch no member has accepted yet.`,
        [serveEvent(earlier), serveEvent(serve)],
      );
    }
    if (highest !== undefined && serve.epoch < highest.epoch) {
      return violated(
        PROPERTY,
        `${serve.node} started serving epoch ${serve.epoch} at t=${serve.t}ms, after ${highest.node} had already served the newer ` +
          `epoch ${highest.epoch} (from t=${highest.t}ms): epochs went backwards, so a deposed leader's epoch was in use again.`,
        [serveEvent(highest), serveEvent(serve)],
      );
    }
    if (earlier === undefined) firstServerOf.set(serve.epoch, serve);
    if (highest === undefined || serve.epoch > highest.epoch) highest = serve;
  }
  return satisfied(PROPERTY);
}

function serveEvent(serve: ServeNote): EventRef {
  return { t: serve.t, node: serve.node, what: `${serve.node} starts serving epoch ${serve.epoch}` };
}
