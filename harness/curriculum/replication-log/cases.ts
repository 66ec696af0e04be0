/**
 * Decision cases for `chooseLogRecord` (design §C.4): each statement with the one record the rules
 * give, computed by the reference and held against the written expectation by a test.
 */
import type { LeaderExecution, LogRecord, Statement, TableInfo } from '../../exercise/index.ts';
import { SCHEMAS } from '../../cluster/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import { describeRecord, describeStatement, LOG_RECORDS, referenceRecord } from './reference.ts';
import { concat, del, eq, fn, gt, insert, isNull, lit, lt, plus, update, col } from './statements.ts';

export type LogCaseCheck = 'captures-the-clock' | 'captures-insert-ids' | 'refuses-nondeterminism' | 'refuses-unordered-limit' | 'effects-run-once' | 'keeps-statements-when-safe';

export interface LogCase {
  readonly check: LogCaseCheck;
  readonly statement: Statement;
  readonly leader: LeaderExecution;
  /** What the record must be: rows, the statement as given, or the statement with these literals. */
  readonly expect: 'row' | 'as-given' | LogRecord;
}

/** The leader's clock (skewed: never the learner's `Date.now()`) and the id it assigned. */
const T = 7_345.25;
const I = 42;
const withId = { timestamp: T, insertId: I };
const noId = { timestamp: T };

/** A table only the cases know (the cluster has none): its auto-increment primary key is not called id. */
const CASE_TABLES: readonly TableInfo[] = [{ name: 'tasks', primaryKey: 'jid', autoIncrement: true, externalTrigger: false }];

export function tableInfo(name: string): TableInfo {
  const own = CASE_TABLES.find((x) => x.name === name);
  if (own) return own;
  const s = SCHEMAS.find((x) => x.name === name)!;
  return { name: s.name, primaryKey: s.primaryKey, autoIncrement: s.autoIncrement, externalTrigger: s.externalTrigger };
}

const stmt = (statement: Statement): LogRecord => ({ format: 'statement', statement });

export const LOG_CASES: readonly LogCase[] = [
  // The key is given: a case of the clock that also needed the leader's id blamed the clock for a forgotten id.
  { check: 'captures-the-clock', statement: insert('users', { id: lit(7), email: lit('a@x'), last_login: fn('NOW') }), leader: noId, expect: stmt(insert('users', { id: lit(7), email: lit('a@x'), last_login: lit(T) })) },
  { check: 'captures-the-clock', statement: del('sessions', [lt('expires', fn('NOW'))]), leader: noId, expect: stmt(del('sessions', [lt('expires', lit(T))])) },
  { check: 'captures-the-clock', statement: update('users', { note: concat(col('note'), fn('NOW')) }, [eq('id', lit(3))]), leader: noId, expect: stmt(update('users', { note: concat(col('note'), lit(T)) }, [eq('id', lit(3))])) },
  { check: 'captures-the-clock', statement: update('users', { last_login: fn('NOW') }, [eq('id', lit(3))]), leader: noId, expect: stmt(update('users', { last_login: lit(T) }, [eq('id', lit(3))])) },
  { check: 'captures-the-clock', statement: update('sessions', { token: lit('x') }, [lt('expires', fn('NOW'))]), leader: noId, expect: stmt(update('sessions', { token: lit('x') }, [lt('expires', lit(T))])) },
  { check: 'captures-insert-ids', statement: insert('users', { email: lit('b@x') }), leader: withId, expect: stmt(insert('users', { email: lit('b@x'), id: lit(I) })) },
  { check: 'captures-insert-ids', statement: insert('users', { id: lit(50), email: lit('c@x') }), leader: noId, expect: 'as-given' },
  // The assigned id goes into the table's own key column, whatever it is called.
  { check: 'captures-insert-ids', statement: insert('tasks', { owner: lit('w1') }), leader: withId, expect: stmt(insert('tasks', { owner: lit('w1'), jid: lit(I) })) },
  { check: 'refuses-nondeterminism', statement: update('users', { token: fn('UUID') }, [eq('id', lit(3))]), leader: noId, expect: 'row' },
  { check: 'refuses-nondeterminism', statement: insert('users', { email: lit('d@x'), note: concat(lit('r'), fn('RAND')) }), leader: withId, expect: 'row' },
  { check: 'refuses-nondeterminism', statement: update('users', { last_login: fn('SYSDATE') }, [eq('id', lit(3))]), leader: noId, expect: 'row' },
  { check: 'refuses-nondeterminism', statement: insert('sessions', { token: concat(lit('s-'), fn('UUID')), expires: fn('NOW') }), leader: withId, expect: 'row' },
  { check: 'refuses-nondeterminism', statement: del('sessions', [lt('expires', fn('SYSDATE'))]), leader: noId, expect: 'row' },
  { check: 'refuses-nondeterminism', statement: insert('sessions', { token: lit('t'), expires: fn('SYSDATE') }), leader: withId, expect: 'row' },
  { check: 'refuses-nondeterminism', statement: update('jobs', { owner: lit('w2') }, [gt('priority', fn('RAND'))]), leader: noId, expect: 'row' },
  { check: 'refuses-unordered-limit', statement: update('jobs', { owner: lit('w1') }, [isNull('owner')], { limit: 1 }), leader: noId, expect: 'row' },
  { check: 'refuses-unordered-limit', statement: update('jobs', { owner: lit('w1') }, [isNull('owner')], { orderBy: 'priority', limit: 1 }), leader: noId, expect: 'row' },
  { check: 'refuses-unordered-limit', statement: del('jobs', [isNull('owner')], { limit: 1 }), leader: noId, expect: 'row' },
  { check: 'refuses-unordered-limit', statement: del('tasks', [isNull('owner')], { orderBy: 'id', limit: 1 }), leader: noId, expect: 'row' },
  { check: 'effects-run-once', statement: insert('orders', { item: lit('book') }), leader: withId, expect: 'row' },
  { check: 'effects-run-once', statement: update('orders', { status: lit('sent') }, [eq('id', lit(2))]), leader: noId, expect: 'row' },
  { check: 'effects-run-once', statement: del('orders', [eq('status', lit('sent'))]), leader: noId, expect: 'row' },
  { check: 'keeps-statements-when-safe', statement: update('jobs', { owner: lit('w1') }, [isNull('owner')], { orderBy: 'id', limit: 1 }), leader: noId, expect: 'as-given' },
  { check: 'keeps-statements-when-safe', statement: update('accounts', { balance: plus(col('balance'), lit(10)) }, [eq('id', lit(7))]), leader: noId, expect: 'as-given' },
  { check: 'keeps-statements-when-safe', statement: del('jobs', [eq('owner', lit('w1'))]), leader: noId, expect: 'as-given' },
  // An ORDER BY without a LIMIT changes every matching row whatever the order: nothing to pin, no rows needed.
  { check: 'keeps-statements-when-safe', statement: update('jobs', { owner: lit('w1') }, [isNull('owner')], { orderBy: 'priority' }), leader: noId, expect: 'as-given' },
  { check: 'keeps-statements-when-safe', statement: del('jobs', [isNull('owner')], { orderBy: 'id', limit: 1 }), leader: noId, expect: 'as-given' },
  { check: 'keeps-statements-when-safe', statement: update('tasks', { owner: lit('w1') }, [isNull('owner')], { orderBy: 'jid', limit: 1 }), leader: noId, expect: 'as-given' },
];

/** The record a case expects, as data. */
export function expectedRecord(c: LogCase): LogRecord {
  return c.expect === 'row' ? { format: 'row' } : c.expect === 'as-given' ? stmt(c.statement) : c.expect;
}

const CHECKS: readonly (CheckInfo & { id: LogCaseCheck })[] = [
  { id: 'captures-the-clock', title: 'Pins NOW with the leader\'s clock, wherever it appears', weight: 1 },
  { id: 'captures-insert-ids', title: 'Pins the auto-increment id the leader assigned', weight: 1 },
  { id: 'refuses-nondeterminism', title: 'Logs rows for per-row values (RAND, UUID, SYSDATE)', weight: 1 },
  { id: 'refuses-unordered-limit', title: 'Logs rows for a LIMIT not ordered by the primary key', weight: 1 },
  { id: 'effects-run-once', title: 'Logs rows for tables whose trigger acts outside the database', weight: 1 },
  { id: 'keeps-statements-when-safe', title: 'Keeps a statement a statement whenever it replays identically', weight: 1 },
];

export const logCaseChecks: CheckGroup = caseCheckGroup<LogCase>({
  checks: CHECKS,
  cases: LOG_CASES,
  ask: (c) => ({ fn: 'chooseLogRecord', args: [c.statement, tableInfo(c.statement.table), c.leader], freezeArgs: true }),
  judge: (c, answer) => {
    const q = { statement: c.statement, table: tableInfo(c.statement.table), leader: c.leader };
    if (LOG_RECORDS.accepts(q, answer)) return null;
    const want = referenceRecord(q.statement, q.table, q.leader);
    return {
      message: `${describeStatement(c.statement)}: chooseLogRecord answered ${describeRecord(answer)}; expected ${describeRecord(want)}`,
      details: describeCase(c),
      expected: statedBy(LOG_RECORDS, q, answer, [want]),
    };
  },
  show: describeCase,
  acceptableSets: [LOG_RECORDS],
});

function describeCase(c: LogCase): string[] {
  const t = tableInfo(c.statement.table);
  return [
    `statement: ${describeStatement(c.statement)}`,
    `table ${t.name}: primary key ${t.primaryKey}${t.autoIncrement ? ', auto-increment' : ''}${t.externalTrigger ? ', a trigger that acts outside the database' : ''}`,
    `the leader: clock ${c.leader.timestamp}${c.leader.insertId !== undefined ? `, assigned id ${c.leader.insertId}` : ''}`,
  ];
}
