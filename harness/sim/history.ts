/**
 * The client-visible history of a run: each operation's invocation and completion in true simulated
 * time (never a node's skewed clock), as a checker of linearizability or lost writes needs it.
 */
import { harnessError } from '../errors.ts';

export type OpStatus = 'pending' | 'ok' | 'fail' | 'unknown';

export interface HistoryOp {
  readonly id: number;
  readonly client: string;
  readonly op: string;
  readonly input: unknown;
  readonly invokedAt: number;
  status: OpStatus;
  completedAt?: number;
  output?: unknown;
}

export class History {
  private readonly list: HistoryOp[] = [];

  /** Records that `client` started `op`; returns the operation's id. */
  invoke(t: number, client: string, op: string, input: unknown): number {
    const id = this.list.length;
    this.list.push({ id, client, op, input, invokedAt: t, status: 'pending' });
    return id;
  }

  /**
   * Records how an operation ended: `ok` (it happened), `fail` (it surely did not happen). An operation
   * that never completes stays pending and is reported as `unknown` (it may or may not have happened).
   */
  complete(t: number, id: number, status: 'ok' | 'fail', output?: unknown): void {
    const op = this.list[id];
    if (op === undefined) throw harnessError('ERR_UNKNOWN_OPERATION', `history: no operation with id ${id}`, RangeError);
    if (op.status !== 'pending') return;
    op.status = status;
    op.completedAt = t;
    if (output !== undefined) op.output = output;
  }

  /** Every operation so far; operations still pending are shown as `unknown`. */
  ops(): HistoryOp[] {
    return this.list.map((op) => (op.status === 'pending' ? { ...op, status: 'unknown' } : { ...op }));
  }
}
