/**
 * Exercise 2.4: how a leader logs a statement so that its followers replay it identically.
 *
 * The leader executes each statement, then asks you how to log it: as a statement record, which
 * followers replay later with their own clock, counters, random numbers, row order and triggers; or
 * as row records, one image per changed row. Read README.md beside this file first.
 */
import type { Expr, LeaderExecution, LogRecord, Statement, TableInfo } from 'ddia-workbook/exercise';

/** Whether an expression anywhere inside `e` calls one of `fns`. */
function calls(e: Expr, fns: readonly string[]): boolean {
  if ('fn' in e) return fns.includes(e.fn);
  if ('op' in e) return e.args.some((a) => calls(a, fns));
  return false;
}

/** Every expression of a statement: values, assignments and the values of its conditions. */
function expressions(s: Statement): Expr[] {
  const where = s.kind === 'insert' ? [] : s.where.flatMap((c) => (c.value === undefined ? [] : [c.value]));
  return [...(s.kind === 'insert' ? Object.values(s.values) : s.kind === 'update' ? Object.values(s.set) : []), ...where];
}

/** `e` with every NOW() replaced by the leader's clock. */
function pinNow(e: Expr, timestamp: number): Expr {
  if ('fn' in e && e.fn === 'NOW') return { lit: timestamp };
  if ('op' in e) return { op: e.op, args: e.args.map((a) => pinNow(a, timestamp)) };
  return e;
}

const pinAll = (r: Readonly<Record<string, Expr>>, t: number): Record<string, Expr> => Object.fromEntries(Object.entries(r).map(([k, e]) => [k, pinNow(e, t)]));

/**
 * How the leader logs a statement it has just executed. Followers replay a statement record as
 * written, later, with their own clock, counters, random numbers, row order and triggers (README:
 * "How a follower replays"); it must change their tables exactly as the leader's execution changed
 * the leader's, and cause no effect outside the database. A row record always does, at one image per
 * changed row. Log a statement whenever one can.
 */
export function chooseLogRecord(statement: Statement, table: TableInfo, leader: LeaderExecution): LogRecord {
  const perRow = expressions(statement).some((e) => calls(e, ['RAND', 'UUID', 'SYSDATE']));
  const unorderedLimit = statement.kind !== 'insert' && statement.limit !== undefined && statement.orderBy !== table.primaryKey;
  if (perRow || unorderedLimit || table.externalTrigger) return { format: 'row' };
  const t = leader.timestamp;
  if (statement.kind === 'insert') {
    const values = pinAll(statement.values, t);
    if (table.autoIncrement && !(table.primaryKey in statement.values) && leader.insertId !== undefined) values[table.primaryKey] = { lit: leader.insertId };
    return { format: 'statement', statement: { ...statement, values } };
  }
  const where = statement.where.map((c) => (c.value === undefined ? { ...c } : { ...c, value: pinNow(c.value, t) }));
  if (statement.kind === 'update') return { format: 'statement', statement: { ...statement, set: pinAll(statement.set, t), where } };
  return { format: 'statement', statement: { ...statement, where } };
}
