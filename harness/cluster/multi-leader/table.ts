/**
 * The likes table of the `fifo-once` runs: rows inserted, incremented and deleted at any leader. Ops
 * are resolved against the accepting leader's table (an add goes to its newest row), so they really
 * depend on what that leader had applied; an add or delete on a missing row does nothing and says so,
 * which is how applying an update before one it depends on becomes a lost update.
 */
import type { ClientWrite, RowOp } from './messages.ts';

export type LikesTable = Readonly<Record<string, number>>;

/** The op a client write becomes at a leader holding `table`: 35 % insert, 50 % add to the newest row, 15 % delete the oldest (with ≥ 2 rows). */
export function resolveOp(write: ClientWrite, table: LikesTable): RowOp {
  const rows = Object.keys(table);
  const row = `${write.write.replace(/-(\d+)$/, '-r$1')}`;
  const kind = write.kind !== 'any' ? write.kind : write.draw < 0.35 ? 'insert' : write.draw < 0.85 ? 'add' : 'delete';
  if (kind === 'insert' || rows.length === 0) return { kind: 'insert', row };
  if (kind === 'delete' && rows.length >= 2) return { kind: 'delete', row: rows[0]! };
  return { kind: 'add', row: rows[rows.length - 1]!, n: write.amount };
}

/** `table` after `op`, and what it did in words ("add 5 to c1-r1: no such row"). */
export function applyOp(table: LikesTable, op: RowOp): { readonly table: LikesTable; readonly effect: string } {
  switch (op.kind) {
    case 'insert':
      if (op.row in table) return { table, effect: `insert ${op.row}: already there` };
      return { table: { ...table, [op.row]: 0 }, effect: `insert ${op.row}` };
    case 'add':
      if (!(op.row in table)) return { table, effect: `add ${op.n} to ${op.row}: no such row` };
      return { table: { ...table, [op.row]: table[op.row]! + op.n }, effect: `add ${op.n} to ${op.row}` };
    case 'delete': {
      if (!(op.row in table)) return { table, effect: `delete ${op.row}: no such row` };
      const { [op.row]: _gone, ...rest } = table;
      return { table: rest, effect: `delete ${op.row}` };
    }
  }
}

/** The op in words: "insert c1-r1", "add 5 to c1-r1", "delete c2-r3". */
export function showOp(op: RowOp): string {
  return op.kind === 'add' ? `add ${op.n} to ${op.row}` : `${op.kind} ${op.row}`;
}
