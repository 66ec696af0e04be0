/**
 * The two properties of a replication-log run: after a follower applies record i, its rows equal the
 * leader's right after statement i (rows only: counters legitimately differ), and a trigger's outside
 * effect happens on the leader only. The first call outside the acceptable set: a statement record
 * other than the reference's, or a statement where the rules send rows (a row record always replays).
 */
import { satisfied, violated, type Verdict } from '../../checkers/index.ts';
import { schemaOf, tableInfoOf, type TablesRun } from '../../cluster/index.ts';
import type { LeaderExecution, Statement } from '../../exercise/index.ts';
import { statedBy, type StatedExpectation } from '../expectation.ts';
import { describeRecord, describeStatement, referenceRecord, REPLAYABLE_RECORDS, whyRows } from './reference.ts';

export const LOG_PROPERTIES = [
  { name: 'replicas-converge', title: 'Every follower ends up with the leader\'s data' },
  { name: 'effects-once', title: 'A trigger\'s outside effect happens once' },
] as const;

export type LogProperty = (typeof LOG_PROPERTIES)[number]['name'];
export type LogVerdict = Verdict<LogProperty>;

/** What the leader recorded of one decision (nodes.ts): the learner's record, or no record when the call had none. */
export interface DecisionNote {
  readonly statementId: string;
  readonly statement: Statement;
  readonly leader: LeaderExecution;
  readonly table: string;
  /** How many rows the statement changed, and their images' size as JSON. */
  readonly rowImages: number;
  readonly rowBytes: number;
  readonly record?: unknown;
}

/** Every decision of a run, in order. */
export const decisionNotes = (run: TablesRun): { t: number; node: string; data: DecisionNote }[] => notes<DecisionNote>(run, 'log-decision');

function notes<T>(run: TablesRun, name: string): { t: number; node: string; data: T }[] {
  return run.notes.flatMap((e) => (e.kind === 'note' && e.name === name ? [{ t: e.t, node: e.node, data: e.data as T }] : []));
}

export function firstBadRecord(run: TablesRun): { t: number; text: string; expected: StatedExpectation } | undefined {
  const schemas = run.scenario.schemas;
  for (const { t, data } of decisionNotes(run)) {
    if (data.record === undefined) continue;
    const q = { statement: data.statement, table: tableInfoOf(schemaOf(data.table, schemas)), leader: data.leader };
    if (REPLAYABLE_RECORDS.accepts(q, data.record)) continue;
    const want = referenceRecord(q.statement, q.table, q.leader);
    const why = whyRows(q.statement, q.table);
    const text = `at t=${t} ms chooseLogRecord logged ${describeStatement(q.statement)} (leader clock ${q.leader.timestamp}${q.leader.insertId !== undefined ? `, id ${q.leader.insertId}` : ''}) as ${describeRecord(data.record)}; ${why !== undefined ? `it needs rows: ${why}` : `a replay gives the leader's effect only as ${describeRecord(want)}`}`;
    return { t, text, expected: statedBy(REPLAYABLE_RECORDS, q, data.record, [want]) };
  }
  return undefined;
}

export function checkLogRun(run: TablesRun): LogVerdict[] {
  return [converge(run), effectsOnce(run)];
}

function converge(run: TablesRun): LogVerdict {
  const leader = new Map(notes<{ lsn: number; statementId: string; rows: string }>(run, 'executed').map((n) => [n.data.lsn, n.data]));
  for (const a of notes<{ lsn: number; rows: string }>(run, 'applied')) {
    const want = leader.get(a.data.lsn);
    if (want === undefined || want.rows === a.data.rows) continue;
    return violated('replicas-converge', `after applying record ${a.data.lsn} (statement ${want.statementId}), ${a.node}'s tables differ from the leader's right after that statement: ${firstDifference(want.rows, a.data.rows, a.node)}`, [{ t: a.t, node: a.node, what: `applies record ${a.data.lsn}` }]);
  }
  return satisfied('replicas-converge');
}

/** The first row that differs, as "leader: … / n2: …". */
function firstDifference(leaderRows: string, followerRows: string, node: string): string {
  const l = new Map(JSON.parse(leaderRows) as [string, Record<string, unknown>[]][]);
  const f = new Map(JSON.parse(followerRows) as [string, Record<string, unknown>[]][]);
  for (const [table, rows] of l) {
    const theirs = f.get(table) ?? [];
    const keys = [...new Set([...rows, ...theirs].map((r) => Number(r.id)))].sort((a, b) => a - b);
    for (const k of keys) {
      const a = rows.find((r) => Number(r.id) === k);
      const b = theirs.find((r) => Number(r.id) === k);
      if (JSON.stringify(a) !== JSON.stringify(b)) return `${table} id ${k}: leader ${a === undefined ? '(no row)' : JSON.stringify(a)}, ${node} ${b === undefined ? '(no row)' : JSON.stringify(b)}`;
    }
  }
  return 'the tables differ';
}

function effectsOnce(run: TablesRun): LogVerdict {
  const again = notes<{ lsn: number; count: number }>(run, 'effect').find((n) => n.node !== 'n1');
  if (again === undefined) return satisfied('effects-once');
  return violated('effects-once', `${again.node} replayed record ${again.data.lsn} and its trigger acted outside the database again (${again.data.count} e-mail${again.data.count === 1 ? '' : 's'} sent twice: once by the leader, once by ${again.node})`, [{ t: again.t, node: again.node, what: 'the trigger fires again' }]);
}
