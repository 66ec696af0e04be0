/**
 * The client writes of a run's history, read as the checkers need them: which were acknowledged,
 * when, by whom, and which never got an answer.
 */
import type { HistoryOp } from '../sim/index.ts';

/** A write a client was told succeeded. */
export interface AcknowledgedWrite {
  readonly id: string;
  readonly client: string;
  /** When the client received the acknowledgement (true simulated time). */
  readonly ackedAt: number;
  /** The member that acknowledged it and the position it reported, when the history records them. */
  readonly by?: string;
  readonly lsn?: number;
}

/** Every acknowledged write, earliest acknowledgement first (ties by write id, for stable output). */
export function acknowledgedWrites(history: readonly HistoryOp[]): AcknowledgedWrite[] {
  const acked: AcknowledgedWrite[] = [];
  for (const op of history) {
    if (op.op !== 'write' || op.status !== 'ok' || op.completedAt === undefined) continue;
    const id = writeIdOf(op);
    if (id === undefined) continue;
    const output = (typeof op.output === 'object' && op.output !== null ? op.output : {}) as { by?: unknown; lsn?: unknown };
    acked.push({
      id,
      client: op.client,
      ackedAt: op.completedAt,
      ...(typeof output.by === 'string' ? { by: output.by } : {}),
      ...(typeof output.lsn === 'number' ? { lsn: output.lsn } : {}),
    });
  }
  return acked.sort((a, b) => a.ackedAt - b.ackedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Ids of writes whose outcome the client never learned: they may or may not have been applied. */
export function unansweredWriteIds(history: readonly HistoryOp[]): string[] {
  return history.flatMap((op) => {
    const id = op.op === 'write' && op.status === 'unknown' ? writeIdOf(op) : undefined;
    return id === undefined ? [] : [id];
  });
}

/** "c1-7 and c2-3", "c1-7, c2-3, c1-8 and 4 more": long lists would drown the explanation. */
export function listIds(ids: readonly string[], shown = 5): string {
  if (ids.length <= 1) return ids.join('');
  if (ids.length <= shown) return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
  return `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}

function writeIdOf(op: HistoryOp): string | undefined {
  const input = op.input as { id?: unknown } | null | undefined;
  return typeof input === 'object' && input !== null && typeof input.id === 'string' ? input.id : undefined;
}
