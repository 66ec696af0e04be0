/**
 * Consistent prefix across shards, against ground-truth causality kept by the harness (never the
 * learner's `deps`): a message depends on everything its author had been shown before writing it and
 * on the author's earlier acknowledged writes, and on whatever those depend on (potential causality:
 * everything shown counts, not only what was replied to). A reader may see less than exists, but
 * never a message without one of its causes.
 */
import { satisfied, violated, type Verdict } from '../verdict.ts';

/** One operation of a chat session (a user or an observer), one at a time per session. */
export type ChatOp = ChatWrite | ChatRead;

export interface ChatWrite {
  readonly kind: 'write';
  readonly session: string;
  /** The message id, unique in the run. */
  readonly message: string;
  readonly shard: string;
  readonly invokedAt: number;
  /** When the leader's acknowledgement reached the session; absent when it never did. */
  readonly ackedAt?: number;
}

export interface ChatRead {
  readonly kind: 'read';
  readonly session: string;
  readonly invokedAt: number;
  readonly completedAt: number;
  /** The ids of the messages the read showed. */
  readonly shown: readonly string[];
  /** Shards whose reply did not come in time: the read could show nothing of them, nor anything that depends on them. */
  readonly silent?: readonly string[];
}

/** Per message, every message it causally depends on (the transitive closure of the direct causes). */
export function causalPredecessors(history: readonly ChatOp[]): Map<string, Set<string>> {
  const writes = history.filter((o): o is ChatWrite => o.kind === 'write').sort((a, b) => a.invokedAt - b.invokedAt);
  const preds = new Map<string, Set<string>>();
  // In invocation order, every direct cause of a write was shown or acknowledged earlier, so its own
  // predecessors are already complete when it is reached.
  for (const w of writes) {
    const direct = new Set<string>();
    for (const o of history) {
      if (o.session !== w.session) continue;
      if (o.kind === 'read' && o.completedAt <= w.invokedAt) for (const id of o.shown) direct.add(id);
      if (o.kind === 'write' && o !== w && o.ackedAt !== undefined && o.ackedAt <= w.invokedAt) direct.add(o.message);
    }
    const all = new Set<string>();
    for (const d of direct) {
      all.add(d);
      for (const p of preds.get(d) ?? []) all.add(p);
    }
    preds.set(w.message, all);
  }
  return preds;
}

/** In every read, every shown message's causal predecessors are shown too. */
export function checkNoEffectBeforeCause<P extends string>(property: P, history: readonly ChatOp[]): Verdict<P> {
  const preds = causalPredecessors(history);
  const writeOf = new Map(history.filter((o): o is ChatWrite => o.kind === 'write').map((w) => [w.message, w]));
  for (const r of history) {
    if (r.kind !== 'read') continue;
    const shown = new Set(r.shown);
    for (const id of r.shown) {
      const missing = [...(preds.get(id) ?? [])].find((p) => !shown.has(p));
      if (missing === undefined) continue;
      const m = writeOf.get(id);
      const cause = writeOf.get(missing);
      return violated(
        property,
        `${r.session}'s read at t=${r.invokedAt} ms showed ${id}${m ? ` (by ${m.session}, on ${m.shard})` : ''} but not ${missing}${cause ? ` (by ${cause.session}, on ${cause.shard})` : ''}, which ${id} depends on: its author had seen it, or it leads to something its author had seen, before writing. Nobody may see an answer before its question.`,
        [
          ...(cause ? [{ t: cause.invokedAt, node: cause.session, what: `writes ${missing}` }] : []),
          ...(m ? [{ t: m.invokedAt, node: m.session, what: `writes ${id}` }] : []),
          { t: r.invokedAt, node: r.session, what: `shows ${id} without ${missing}` },
        ],
      );
    }
  }
  return satisfied(property);
}

/**
 * Reads invoked at or after `from` that heard from every shard show every message acknowledged
 * before `ackedBefore`. A read with a silent shard is not judged: how much it may still show depends
 * on which entries lean on that shard, and that it shows all it can is the cut's own check.
 */
export function checkEverythingShowsUp<P extends string>(property: P, history: readonly ChatOp[], window: { readonly ackedBefore: number; readonly from: number }): Verdict<P> {
  const owed = history.filter((o): o is ChatWrite => o.kind === 'write' && o.ackedAt !== undefined && o.ackedAt < window.ackedBefore);
  let judged = 0;
  let excused = 0;
  for (const r of history) {
    if (r.kind !== 'read' || r.invokedAt < window.from) continue;
    if ((r.silent ?? []).length > 0) {
      excused++;
      continue;
    }
    judged++;
    const shown = new Set(r.shown);
    const missing = owed.find((w) => !shown.has(w.message));
    if (missing === undefined) continue;
    return violated(
      property,
      `${r.session}'s read at t=${r.invokedAt} ms did not show ${missing.message} (by ${missing.session}, on ${missing.shard}), acknowledged at t=${missing.ackedAt} ms, although every replica had had ${window.from - window.ackedBefore} ms to apply it: a cut must not hide what it need not.`,
      [
        { t: missing.ackedAt!, node: missing.session, what: `${missing.message} acknowledged` },
        { t: r.invokedAt, node: r.session, what: `read misses ${missing.message}` },
      ],
    );
  }
  return satisfied(property, [], { judgedReads: judged, ...(excused > 0 ? { silentShardReads: excused } : {}) });
}
