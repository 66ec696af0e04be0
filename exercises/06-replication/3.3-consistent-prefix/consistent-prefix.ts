/**
 * Exercise 3.3: consistent prefix reads across shards.
 *
 * Chat messages live in several shards, each replicated by its own leader and followers. A reader
 * asks one replica of every shard; each reply is a prefix of its shard's log, but the prefixes
 * need not fit together: an answer can arrive before its question. You track what each session
 * depends on, and cut the replies back to what may be shown together. Read README.md first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { ShardPositions, ShardReply } from 'ddia-workbook/exercise';

/**
 * The session has now seen or written everything up to `observed` in each listed shard. Return what
 * it depends on from now on (its next write carries it as `deps`): everything it has ever seen or
 * written. Both arguments are frozen: return a new object.
 */
export function observe(seen: ShardPositions, observed: ShardPositions): ShardPositions {
  // TODO(human): return the positions the session depends on. Stuck? `./workbook hint consistent-prefix`.
  throw new NotImplementedError('observe');
}

/**
 * How far into each reply the reader may show: at most each `appliedLsn`; every entry shown has
 * everything it depends on, in every shard, shown too; nothing hidden that this does not require.
 * A shard without a reply shows nothing.
 */
export function consistentCut(replies: readonly ShardReply[]): ShardPositions {
  // TODO(human): return the position to show up to, per shard.
  throw new NotImplementedError('consistentCut');
}
