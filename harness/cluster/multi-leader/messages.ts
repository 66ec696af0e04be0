/**
 * Messages of the multi-leader cluster: client writes and their acks, replication over reliable
 * links (`fifo-once`), and one `update` per destination over the raw network (`any-order`).
 */
import type { Profile, Stamped, VectorClock } from '../../exercise/index.ts';
import type { AtLeastOnceMessage } from '../links/at-least-once.ts';
import type { LinkMessage } from '../links/reliable-link.ts';

/** What a client may ask its leader to do; `any` lets the leader resolve it against its table. */
export type OpKind = 'insert' | 'add' | 'delete' | 'any' | `set:${string}` | 'interest';

/** A client write: resent with the same id until acknowledged. `draw` and `amount` are the client's dice for the op. */
export interface ClientWrite {
  readonly type: 'write';
  readonly write: string;
  readonly kind: OpKind;
  readonly draw: number;
  readonly amount: number;
}

/** A row operation of the likes table, resolved at the accepting leader. */
export type RowOp =
  | { readonly kind: 'insert'; readonly row: string }
  | { readonly kind: 'add'; readonly row: string; readonly n: number }
  | { readonly kind: 'delete'; readonly row: string };

/** An update as its origin wrote it. `id` is `<origin>-<seq>`. */
export interface Update {
  readonly id: string;
  /** The client write it came from. */
  readonly write: string;
  readonly origin: string;
  readonly seq: number;
  readonly deps: VectorClock;
  readonly op: RowOp;
}

/** One copy of an update on a link: the leaders that have sent it so far, origin first. */
export interface UpdateCopy {
  readonly update: Update;
  readonly path: readonly string[];
}

/** What an `any-order` leader replicates: one field's new version, or one added interest. */
export type ProfileChange =
  | { readonly kind: 'field'; readonly field: string; readonly version: Stamped<string> }
  | { readonly kind: 'interest'; readonly interest: string; readonly write: string; readonly leader: string };

export type MultiLeaderMessage =
  | ClientWrite
  | { readonly type: 'write-ack'; readonly write: string }
  | LinkMessage<UpdateCopy>
  | AtLeastOnceMessage<ProfileChange>
  /** Anti-entropy: a leader's whole profile. */
  | { readonly type: 'state'; readonly profile: Profile };
