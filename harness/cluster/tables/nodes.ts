/**
 * The members and clients of the statement-log cluster. The leader executes each statement once
 * (retries are answered from its durable record of what it did), asks the decider how to log it in
 * the same task (time stands still meanwhile), and appends; tables, log and answers are one durable
 * record. Followers apply records in order, statements on their own clock, random stream, counters
 * and storage order, row images as they are; tables and position are one durable record.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { LeaderExecution, Statement, TableInfo } from '../../exercise/index.ts';
import type { HookOutcome } from '../hook.ts';
import { applyImages, execute, rowsOf, schemaOf, tableInfoOf, type StorageOrder, type TableSchema, type TablesState } from './engine.ts';
import type { LogEntry, TablesMessage, TablesTiming } from './messages.ts';

/** Asks how to log an executed statement; the answer is checked by `readRecord`. */
export type LogDecider = (statement: Statement, table: TableInfo, leader: LeaderExecution, call: { readonly now: number; readonly key: string }) => Promise<HookOutcome<unknown>>;

/** A decider's answer as the leader uses it, or why it cannot be used. */
export type ReadLogRecord = (value: unknown) => { format: 'statement'; statement: Statement } | { format: 'row' } | string;

interface LeaderDb {
  readonly state: TablesState;
  readonly log: readonly LogEntry[];
  readonly answers: Readonly<Record<string, TablesMessage>>;
}

export interface TablesLeaderConfig {
  readonly followers: readonly string[];
  readonly timing: TablesTiming;
  readonly schemas: readonly TableSchema[];
  readonly decider: LogDecider;
  readonly readRecord: ReadLogRecord;
  readonly onDecisionProblem: (problem: string) => void;
}

export function createTablesLeader(ctx: NodeContext<TablesMessage>, config: TablesLeaderConfig): NodeBehaviour<TablesMessage> {
  let db = ctx.storage.get<LeaderDb>('db')!;
  const next = new Map(config.followers.map((f) => [f, db.log.length + 1]));
  let deciding = false;
  const queue: { from: string; id: string; statement: Statement }[] = [];
  const send = (to: string): void => {
    const n = Math.min(next.get(to)!, db.log.length + 1);
    ctx.send(to, { type: 'log-append', prevLsn: n - 1, entries: db.log.slice(n - 1, n + 31) });
  };
  const persist = (d: LeaderDb): void => {
    db = d;
    ctx.storage.set('db', d);
  };
  const answer = (to: string, id: string, msg: TablesMessage): void => {
    persist({ ...db, answers: { ...db.answers, [id]: msg } });
    ctx.send(to, msg);
  };
  const run = (): void => {
    while (!deciding && queue.length > 0) {
      const { from, id, statement } = queue.shift()!;
      if (db.answers[id] !== undefined) {
        ctx.send(from, db.answers[id]!);
        continue;
      }
      const now = ctx.now();
      const result = execute(db.state, statement, { now, random: () => ctx.random(), order: 'asc' }, config.schemas);
      if (!result.ok) {
        persist({ ...db, state: result.state });
        answer(from, id, { type: 'exec-failed', id, reason: result.reason });
        continue;
      }
      const executed: LeaderExecution = { timestamp: now, ...(result.insertId !== undefined ? { insertId: result.insertId } : {}) };
      const table = schemaOf(statement.table, config.schemas);
      deciding = true;
      ctx.task('log decision', () => ctx.external(config.decider(structuredClone(statement), tableInfoOf(table), executed, { now, key: id })), {
        deadlineMs: 10_000,
        onSettled: (settled) => {
          deciding = false;
          const outcome: HookOutcome<unknown> = settled.status === 'ok' ? settled.value : { ok: false, problem: 'the decision threw or never settled' };
          const record = outcome.ok ? config.readRecord(outcome.value) : outcome.problem;
          ctx.record('log-decision', { statementId: id, statement, leader: executed, table: table.name, rowImages: result.images.length, rowBytes: JSON.stringify(result.images).length, ...(typeof record === 'string' ? { problem: record } : { record }) });
          if (typeof record === 'string') return config.onDecisionProblem(record);
          const lsn = db.log.length + 1;
          const entry: LogEntry = record.format === 'row' ? { lsn, statementId: id, format: 'row', rows: result.images } : { lsn, statementId: id, format: 'statement', statement: record.statement };
          persist({ ...db, state: result.state, log: [...db.log, entry] });
          ctx.record('executed', { lsn, statementId: id, rows: rowsOf(result.state), effects: result.effects });
          if (result.effects > 0) ctx.record('effect', { lsn, count: result.effects });
          answer(from, id, { type: 'exec-ok', id, ...(result.insertId !== undefined ? { insertId: result.insertId } : {}) });
          for (const f of config.followers) send(f);
          run();
        },
      });
    }
  };
  ctx.setTimer('replicate', config.timing.replicationIntervalMs);
  return {
    onMessage(from, msg) {
      if (msg.type === 'exec') {
        queue.push({ from, id: msg.id, statement: msg.statement });
        run();
      } else if (msg.type === 'log-ack') next.set(from, Math.max(1, msg.lsn + 1));
    },
    onTimer() {
      for (const f of config.followers) if (next.get(f)! <= db.log.length) send(f);
      ctx.setTimer('replicate', config.timing.replicationIntervalMs);
    },
  };
}

interface FollowerDb {
  readonly state: TablesState;
  readonly applied: number;
}

export function createTablesFollower(ctx: NodeContext<TablesMessage>, config: { readonly leader: string; readonly order: StorageOrder; readonly schemas: readonly TableSchema[] }): NodeBehaviour<TablesMessage> {
  return {
    onMessage(from, msg) {
      if (msg.type === 'exec') return ctx.send(from, { type: 'exec-failed', id: msg.id, reason: 'not the leader' });
      if (msg.type !== 'log-append' || from !== config.leader) return;
      let db = ctx.storage.get<FollowerDb>('db')!;
      for (const e of msg.entries) {
        if (e.lsn !== db.applied + 1) continue;
        let state: TablesState;
        if (e.format === 'row') state = applyImages(db.state, e.rows, config.schemas);
        else {
          const r = execute(db.state, e.statement, { now: ctx.now(), random: () => ctx.random(), order: config.order }, config.schemas);
          state = r.state;
          if (!r.ok) ctx.record('replay-failed', { lsn: e.lsn, reason: r.reason });
          else if (r.effects > 0) ctx.record('effect', { lsn: e.lsn, count: r.effects });
        }
        db = { state, applied: e.lsn };
        ctx.storage.set('db', db);
        ctx.record('applied', { lsn: e.lsn, format: e.format, rows: rowsOf(state) });
      }
      ctx.send(from, { type: 'log-ack', lsn: db.applied });
    },
  };
}

/** Sends its statements one at a time, each retried with the same id until answered. */
export function createTablesClient(ctx: NodeContext<TablesMessage>, config: { readonly leader: string; readonly statements: readonly Statement[]; readonly timing: TablesTiming }): NodeBehaviour<TablesMessage> {
  let i = 0;
  let op = -1;
  const id = (): string => `${ctx.id}-${i + 1}`;
  const sendCurrent = (): void => {
    if (i >= config.statements.length) return;
    ctx.send(config.leader, { type: 'exec', id: id(), statement: config.statements[i]! });
    ctx.setTimer('retry', config.timing.clientRetryMs, id());
  };
  ctx.setTimer('next', 1 + Math.floor(ctx.random() * config.timing.thinkMs));
  return {
    onMessage(_from, msg) {
      if ((msg.type !== 'exec-ok' && msg.type !== 'exec-failed') || msg.id !== id() || op < 0) return;
      ctx.complete(op, 'ok', msg);
      op = -1;
      i++;
      ctx.setTimer('next', config.timing.thinkMs);
    },
    onTimer(name, payload) {
      if (name === 'next' && op < 0 && i < config.statements.length) {
        op = ctx.invoke('exec', { id: id(), statement: config.statements[i] });
        sendCurrent();
      } else if (name === 'retry' && payload === id() && op >= 0) sendCurrent();
    },
  };
}
