/**
 * Cluster checks: the leader logs every statement it executes as the learner's `chooseLogRecord`
 * says, followers replay the log on their own clocks, counters, random streams and row orders, and
 * two properties judge each run. A divergence with every record inside the acceptable set is a
 * modelling bug of the table engine, reported as a harness bug.
 */
import { runTablesCluster, schemaOf, tableInfoOf, type TablesRun, type TablesScenario } from '../../cluster/index.ts';
import type { Statement } from '../../exercise/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import type { StatedExpectation } from '../expectation.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus, type LearnerProblem } from '../scenario-checks.ts';
import { describeSpec, scheduleLines } from '../scenario-kit.ts';
import { plannedRecovery } from '../../cluster/index.ts';
import { buildTimeline } from '../timeline.ts';
import { learnerLogDecider } from './hooks.ts';
import { logPresenter } from './present.ts';
import { checkLogRun, decisionNotes, firstBadRecord, LOG_PROPERTIES, type LogProperty, type LogVerdict } from './properties.ts';
import { pinnedStatement, readLogRecord, REPLAYABLE_RECORDS, whyRows } from './reference.ts';
import { buildLogScenario, hiddenLogSpecArbitrary, logSpecArbitrary } from './scenarios.ts';

export const LOG_REPLAY_FORMAT = 1;

export interface JudgedLogRun {
  readonly run: TablesRun;
  readonly verdicts: readonly LogVerdict[];
  readonly firstBadDecision?: { readonly t: number; readonly text: string; readonly expected: StatedExpectation };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

export async function runJudged(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: TablesScenario, trace = true): Promise<JudgedLogRun> {
  const decider = learnerLogDecider(ctx.call, scenario.seed);
  const run = await runTablesCluster(scenario, decider, readLogRecord, { hostYield: ctx.hostYield, trace });
  const bad = firstBadRecord(run);
  const learnerProblem: LearnerProblem | undefined = decider.problem() ?? (run.stoppedBy !== undefined ? { status: 'failed', message: `at t=${run.endsAt} ms ${run.stoppedBy}` } : undefined);
  return { run, verdicts: checkLogRun(run), ...(bad ? { firstBadDecision: bad } : {}), ...(learnerProblem ? { learnerProblem } : {}), console: decider.console() };
}

export const logClusterChecks: CheckGroup = scenarioCheckGroup({
  format: LOG_REPLAY_FORMAT,
  checks: checkPerProperty<LogProperty>(LOG_PROPERTIES),
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenLogSpecArbitrary : logSpecArbitrary),
  build: buildLogScenario,
  runJudged,
  untracedLacksTimeline: true,
  present: logPresenter,
  firstBad: (judged) => judged.firstBadDecision,
  acceptableSets: [REPLAYABLE_RECORDS],
  failureOf: (judged, verdict) => ({
    details: verdict.info,
    timeline: buildTimeline(judged.run.trace, {
      lanes: logPresenter.lanes(judged.run),
      presenter: logPresenter,
      focus: [...verdictFocus(verdict), ...(judged.firstBadDecision ? [{ t: judged.firstBadDecision.t, node: 'n1' }] : [])],
      maxEntries: 60,
    }),
  }),
  describe: (spec, scenario) => ({
    parameters: describeSpec(spec, { omit: ['faults', 'work'] }) + `; ${scenario.clients.reduce((n, c) => n + c.length, 0)} statements from two clients`,
    schedule: scheduleLines(scenario, plannedRecovery(scenario, ['n1', 'n2', 'n3'])),
  }),
  couldNotJudge: 'the cluster could not be judged: its leader had no usable log record.',
  answerNoun: 'log record',
  statelessAdvice: 'make chooseLogRecord depend only on the statement, the table and the leader\'s execution it is given',
  passedNotes: () => {
    // The size lesson, like with like: the bytes of the records actually logged, against every
    // statement as row images and every statement as a statement record (NOW and assigned ids pinned).
    const size = { records: 0, rowRecords: 0, needRows: 0, logged: 0, rows: 0, statements: 0 };
    const byChanged = { none: 0, one: 0, several: 0, severalRows: 0, severalStatements: 0 };
    return {
      observe(judged) {
        for (const { data: d } of decisionNotes(judged.run)) {
          // A record the leader read back (readLogRecord): a row, or a statement.
          const record = d.record as { format: 'statement'; statement: Statement } | { format: 'row' } | undefined;
          if (record === undefined) continue;
          const table = tableInfoOf(schemaOf(d.table, judged.run.scenario.schemas));
          const asStatement = JSON.stringify(pinnedStatement(d.statement, table, d.leader)).length;
          size.records++;
          size.rows += d.rowBytes;
          size.statements += asStatement;
          if (whyRows(d.statement, table) !== undefined) size.needRows++;
          if (record.format === 'row') size.rowRecords++;
          size.logged += record.format === 'row' ? d.rowBytes : jsonBytes(record.statement);
          if (d.rowImages === 0) byChanged.none++;
          else if (d.rowImages === 1) byChanged.one++;
          else {
            byChanged.several++;
            byChanged.severalRows += d.rowBytes;
            byChanged.severalStatements += asStatement;
          }
        }
      },
      async finish() {
        const n = (x: number): string => x.toLocaleString('en');
        return (check) =>
          check.id === 'cluster-replicas-converge' && size.records > 0
            ? [
                `lesson (information): these runs logged ${n(size.records)} statements, ${n(size.rowRecords)} of them as rows: ${n(size.logged)} bytes of log; all as rows would take ${n(size.rows)} bytes, all as statements (NOW and assigned ids pinned) ${n(size.statements)}, if they replayed identically, which ${n(size.needRows)} would not. ` +
                  `Of these statements ${n(byChanged.one)} changed one row and ${n(byChanged.none)} none: for those a row record costs about what the statement does, or next to nothing. ` +
                  (byChanged.several > 0
                    ? `Statements pay off when one changes many rows: the ${n(byChanged.several)} that changed several would take ${n(byChanged.severalStatements)} bytes as statements, ${n(byChanged.severalRows)} as rows.`
                    : 'Statements pay off when one changes many rows, and none of these did.'),
              ]
            : [];
      },
    };
  },
});

/** The size of a value as JSON; a learner's statement that is no JSON (a BigInt, a cycle) counts as nothing. */
function jsonBytes(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return 0;
  }
}
