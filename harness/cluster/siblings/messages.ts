/** Messages of the siblings store: client reads and writes, and replica-to-replica synchronisation. */
import type { VectorClock } from '../../exercise/index.ts';
import type { CartSibling, CartValue } from './sibling-logic.ts';

export type SiblingMessage =
  | { readonly type: 'read'; readonly req: number }
  | { readonly type: 'read-reply'; readonly req: number; readonly siblings: readonly CartSibling[]; readonly context: VectorClock }
  /**
   * `seen`: the write ids the client read before writing (the harness's own record of causality,
   * never shown to the replica's logic). Resent with the same `write` id until acknowledged.
   */
  | { readonly type: 'write'; readonly write: string; readonly value: CartValue; readonly context: VectorClock; readonly seen: readonly string[] }
  | { readonly type: 'write-ack'; readonly write: string }
  /** Anti-entropy and post-write push: the sender's whole sibling set. */
  | { readonly type: 'sync'; readonly siblings: readonly CartSibling[] };

/** What a replica records after each call into the store's logic (read by the judges and timelines). */
export type SiblingNote =
  | { readonly fn: 'applyWrite'; readonly write: string; readonly client: string; readonly seen: readonly string[]; readonly context: VectorClock; readonly before: readonly CartSibling[]; readonly after: readonly CartSibling[] }
  | { readonly fn: 'mergeReplicas'; readonly from: string; readonly own: readonly CartSibling[]; readonly received: readonly CartSibling[]; readonly after: readonly CartSibling[] }
  | { readonly fn: 'readContext'; readonly client: string; readonly siblings: readonly CartSibling[]; readonly context: VectorClock };
