/**
 * The harness's answers for replication-log: the reference record of a statement (design §C.1:
 * rows for per-row values, unordered limits and outside effects; otherwise the statement with NOW
 * and a missing auto-increment key pinned by literals), the shape check of an answer, and the
 * acceptable sets. Exhaustive over the statements the scenarios generate.
 */
import type { Condition, Expr, LeaderExecution, LogRecord, Statement, TableInfo } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

const PER_ROW = new Set(['RAND', 'UUID', 'SYSDATE']);

function exprs(s: Statement): Expr[] {
  const conds = (where: readonly Condition[]): Expr[] => where.flatMap((c) => (c.value === undefined ? [] : [c.value]));
  if (s.kind === 'insert') return Object.values(s.values);
  if (s.kind === 'update') return [...Object.values(s.set), ...conds(s.where)];
  return conds(s.where);
}

function callsPerRow(e: Expr): boolean {
  if ('fn' in e) return PER_ROW.has(e.fn);
  if ('op' in e) return e.args.some(callsPerRow);
  return false;
}

function pinNow(e: Expr, t: number): Expr {
  if ('fn' in e && e.fn === 'NOW') return { lit: t };
  if ('op' in e) return { op: e.op, args: e.args.map((a) => pinNow(a, t)) };
  return e;
}

const mapRecord = (r: Readonly<Record<string, Expr>>, t: number): Record<string, Expr> => Object.fromEntries(Object.entries(r).map(([k, e]) => [k, pinNow(e, t)]));
const mapWhere = (w: readonly Condition[], t: number): Condition[] => w.map((c) => (c.value === undefined ? { ...c } : { ...c, value: pinNow(c.value, t) }));

/** Why a statement needs row images (a rule of §C.1), or undefined when a statement record can replay it. */
export function whyRows(s: Statement, table: TableInfo): string | undefined {
  if (exprs(s).some(callsPerRow)) return 'it calls RAND, UUID or SYSDATE, a value per row the leader does not report';
  if (s.kind !== 'insert' && s.limit !== undefined && s.orderBy !== table.primaryKey) return `its LIMIT is not ordered by the primary key ${table.primaryKey}: which rows it takes depends on each node's row order`;
  if (table.externalTrigger) return `${table.name} has a trigger that acts outside the database, and a replayed statement would fire it again`;
  return undefined;
}

/** The statement with NOW and a missing auto-increment key pinned by the leader's literals, whether or not it needs rows. */
export function pinnedStatement(s: Statement, table: TableInfo, leader: LeaderExecution): Statement {
  const t = leader.timestamp;
  if (s.kind === 'insert') {
    const values = mapRecord(s.values, t);
    if (table.autoIncrement && !(table.primaryKey in s.values) && leader.insertId !== undefined) values[table.primaryKey] = { lit: leader.insertId };
    return { ...s, values };
  }
  if (s.kind === 'update') return { ...s, set: mapRecord(s.set, t), where: mapWhere(s.where, t) };
  return { ...s, where: mapWhere(s.where, t) };
}

/** The reference record. */
export function referenceRecord(s: Statement, table: TableInfo, leader: LeaderExecution): LogRecord {
  if (whyRows(s, table) !== undefined) return { format: 'row' };
  return { format: 'statement', statement: pinnedStatement(s, table, leader) };
}

/** Structural equality of JSON values, key order aside. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The question of one call. */
export interface LogQuestion {
  readonly statement: Statement;
  readonly table: TableInfo;
  readonly leader: LeaderExecution;
}

/** Exactly the reference record: what the decision cases ask for. */
export const LOG_RECORDS: AcceptableSet<LogQuestion, unknown> = {
  name: 'log records',
  accepts: (q, a) => sameJson(a, referenceRecord(q.statement, q.table, q.leader)),
};

/** In a run, a row record always replays identically; a statement must be the reference's. */
export const REPLAYABLE_RECORDS: AcceptableSet<LogQuestion, unknown> = {
  name: 'replayable log records',
  accepts: (q, a) => sameJson(a, { format: 'row' }) || (referenceRecord(q.statement, q.table, q.leader).format === 'statement' && sameJson(a, referenceRecord(q.statement, q.table, q.leader))),
};

/** An answer as the leader uses it, or why it is no log record at all. */
export function readLogRecord(value: unknown): { format: 'statement'; statement: Statement } | { format: 'row' } | string {
  const v = value as { format?: unknown; statement?: unknown } | null;
  if (typeof v !== 'object' || v === null) return `chooseLogRecord must return { format: 'statement', statement } or { format: 'row' }, got ${show(value)}`;
  if (v.format === 'row') return { format: 'row' };
  if (v.format !== 'statement') return `a log record's format is 'statement' or 'row', got ${show(v.format)}`;
  const s = v.statement as { kind?: unknown; table?: unknown } | null;
  if (typeof s !== 'object' || s === null || !['insert', 'update', 'delete'].includes(s.kind as string) || typeof s.table !== 'string')
    return `a statement record needs a statement { kind, table, … }, got ${show(v.statement)}`;
  return { format: 'statement', statement: structuredClone(s) as Statement };
}

/** A statement in SQL-like words. */
export function describeStatement(s: Statement): string {
  const ex = (e: Expr): string => ('lit' in e ? (typeof e.lit === 'string' ? `'${e.lit}'` : String(e.lit)) : 'col' in e ? e.col : 'fn' in e ? `${e.fn}()` : e.op === '+' ? e.args.map(ex).join(' + ') : `CONCAT(${e.args.map(ex).join(', ')})`);
  const where = (w: readonly Condition[]): string => (w.length === 0 ? '' : ` WHERE ${w.map((c) => (c.cmp === 'is-null' ? `${c.col} IS NULL` : `${c.col} ${c.cmp} ${ex(c.value!)}`)).join(' AND ')}`);
  const tail = (x: { orderBy?: string; limit?: number }): string => `${x.orderBy !== undefined ? ` ORDER BY ${x.orderBy}` : ''}${x.limit !== undefined ? ` LIMIT ${x.limit}` : ''}`;
  if (s.kind === 'insert') return `INSERT INTO ${s.table} (${Object.keys(s.values).join(', ')}) VALUES (${Object.values(s.values).map(ex).join(', ')})`;
  if (s.kind === 'update') return `UPDATE ${s.table} SET ${Object.entries(s.set).map(([k, e]) => `${k} = ${ex(e)}`).join(', ')}${where(s.where)}${tail(s)}`;
  return `DELETE FROM ${s.table}${where(s.where)}${tail(s)}`;
}

export function describeRecord(r: unknown): string {
  const read = readLogRecord(r);
  if (typeof read === 'string') return show(r);
  return read.format === 'row' ? 'row images' : `statement: ${describeStatement(read.statement)}`;
}

export function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
