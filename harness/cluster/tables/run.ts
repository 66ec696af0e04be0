/**
 * Runs the statement-log cluster through one scenario: n1 leads for good, n2 and n3 follow (n1
 * visits rows in ascending key order, n2 descending, n3 by a hash of the key), two clients send
 * their statements, faults happen, then the recovery phase lets the followers catch up.
 */
import type { Statement } from '../../exercise/index.ts';
import { runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import { initialState, SCHEMAS, type Row, type StorageOrder, type TableSchema, type TablesState } from './engine.ts';
import { DEFAULT_TABLES_TIMING, type TablesMessage } from './messages.ts';
import { createTablesClient, createTablesFollower, createTablesLeader, type LogDecider, type ReadLogRecord } from './nodes.ts';

export interface TablesScenario extends PhasedScenario {
  /** Each client's statements, in order. */
  readonly clients: readonly (readonly Statement[])[];
  /** The rows every member starts with. */
  readonly rows: Readonly<Record<string, readonly Row[]>>;
  readonly schemas?: readonly TableSchema[];
}

export interface TablesFinal {
  readonly id: string;
  readonly state: TablesState;
  readonly applied: number;
}

export interface TablesRun extends PhasedRun<TablesScenario, readonly TablesFinal[], string> {
  readonly members: readonly string[];
}

export const TABLE_MEMBERS = ['n1', 'n2', 'n3'];
export const STORAGE_ORDERS: Readonly<Record<string, StorageOrder>> = { n1: 'asc', n2: 'desc', n3: 'hash' };

export async function runTablesCluster(scenario: TablesScenario, decider: LogDecider, readRecord: ReadLogRecord, options: RunHosting = {}): Promise<TablesRun> {
  const schemas = scenario.schemas ?? SCHEMAS;
  const timing = DEFAULT_TABLES_TIMING;
  const [leader, ...followers] = TABLE_MEMBERS as [string, ...string[]];
  const start = initialState(scenario.rows, schemas);
  const run = await runPhased<TablesScenario, TablesFinal[], string>(scenario, {
    recoveryMs: 600,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, stop }) => {
      // The learner's call runs at true simulated time, which the leader's skewed clock never shows:
      // a Date.now() in learner code is never the leader's timestamp.
      const atTrueTime: LogDecider = (statement, table, executed, call) => decider(statement, table, executed, { ...call, now: sim.now });
      sim.addNode<TablesMessage>(leader, (ctx) => {
        if (ctx.storage.get('db') === undefined) ctx.storage.set('db', { state: start, log: [], answers: {} });
        return createTablesLeader(ctx, { followers, timing, schemas, decider: atTrueTime, readRecord, onDecisionProblem: stop });
      });
      for (const f of followers)
        sim.addNode<TablesMessage>(f, (ctx) => {
          if (ctx.storage.get('db') === undefined) ctx.storage.set('db', { state: start, applied: 0 });
          return createTablesFollower(ctx, { leader, order: STORAGE_ORDERS[f]!, schemas });
        });
      scenario.clients.forEach((statements, i) => sim.addNode<TablesMessage>(`c${i + 1}`, (ctx) => createTablesClient(ctx, { leader, statements, timing })));
      return TABLE_MEMBERS;
    },
    final: (sim) =>
      TABLE_MEMBERS.map((id) => {
        const db = sim.storageOf(id).get('db') as { state: TablesState; applied?: number; log?: unknown[] };
        return { id, state: db.state, applied: db.applied ?? db.log?.length ?? 0 };
      }),
  });
  return { ...run, members: TABLE_MEMBERS };
}
