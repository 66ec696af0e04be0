/**
 * What the collab cluster needs of the text it edits: the learner's transform (a hook), and the
 * harness's own text operations, passed in so the cluster stays on the simulator's API alone.
 */
import type { TextOp } from '../../exercise/index.ts';
import type { HookCall, HookOutcome } from '../hook.ts';

export interface CollabLogic {
  /** The learner's `transform(op, applied)`. */
  transform(op: TextOp, applied: TextOp, call: HookCall): Promise<HookOutcome<unknown>>;
  /** Why `ops` is not a list of valid ops on `text` by `site`, or null. */
  opsProblem(ops: unknown, text: string, site: string): string | null;
  /** `text` after valid `ops`. */
  apply(text: string, ops: readonly TextOp[]): string;
}

/** The payloads on the reliable links: a client's edits on the revision it last saw, the server's ops for the others, and acks. */
export type CollabPayload =
  | { readonly kind: 'edit'; readonly rev: number; readonly ops: readonly TextOp[] }
  | { readonly kind: 'op'; readonly ops: readonly TextOp[]; readonly from: string }
  | { readonly kind: 'ack' };
