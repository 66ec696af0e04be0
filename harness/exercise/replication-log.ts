export type Value = string | number | null;

export type Expr =
  | { lit: Value }
  /** The current value of a column of the row being changed (updates only). */
  | { col: string }
  /** NOW(): when the statement started; SYSDATE(): when evaluated, row by row; RAND(), UUID(): fresh values. */
  | { fn: 'NOW' | 'SYSDATE' | 'RAND' | 'UUID' }
  | { op: '+' | 'concat'; args: readonly Expr[] };

export interface Condition {
  col: string;
  cmp: '=' | '<' | '>' | 'is-null';
  value?: Expr;
}

export type Statement =
  | { kind: 'insert'; table: string; values: Readonly<Record<string, Expr>> }
  | { kind: 'update'; table: string; set: Readonly<Record<string, Expr>>; where: readonly Condition[]; orderBy?: string; limit?: number }
  | { kind: 'delete'; table: string; where: readonly Condition[]; orderBy?: string; limit?: number };

export interface TableInfo {
  name: string;
  primaryKey: string;
  /** An insert that does not give the primary key takes it from a per-table counter. */
  autoIncrement: boolean;
  /** A trigger on this table acts outside the database for every changed row (it sends an e-mail). */
  externalTrigger: boolean;
}

/** What the leader did: its clock when the statement started (NOW), and the auto-increment value it assigned, if any. */
export interface LeaderExecution {
  timestamp: number;
  insertId?: number;
}

/** A statement followers replay as written, or the leader's row changes. */
export type LogRecord = { format: 'statement'; statement: Statement } | { format: 'row' };
