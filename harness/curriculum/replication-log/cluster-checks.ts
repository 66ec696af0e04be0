/**
 * Cluster checks: the leader logs every statement it executes as the learner's `chooseLogRecord`
 * says, followers replay the log on their own clocks, counters, random streams and row orders, and
 * two properties judge each run. A divergence with every record inside the acceptable set is a
 * modelling bug of the table engine, reported as a harness bug.
 */
import { runTablesCluster, type TablesRun, type TablesScenario } from '../../cluster/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import type { StatedExpectation } from '../expectation.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus, type LearnerProblem } from '../scenario-checks.ts';
import { describeSpec, scheduleLines } from '../scenario-kit.ts';
import { plannedRecovery } from '../../cluster/index.ts';
import { buildTimeline } from '../timeline.ts';
import { learnerLogDecider } from './hooks.ts';
import { logPresenter } from './present.ts';
import { checkLogRun, firstBadRecord, LOG_PROPERTIES, type LogProperty, type LogVerdict } from './properties.ts';
import { readLogRecord, REPLAYABLE_RECORDS } from './reference.ts';
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
    // The size lesson: what these runs logged, against all rows and against all statements.
    let logged = 0;
    let rows = 0;
    let statements = 0;
    let rowRecords = 0;
    let records = 0;
    return {
      observe(judged) {
        for (const e of judged.run.notes) {
          if (e.kind !== 'note' || e.name !== 'log-decision') continue;
          const d = e.data as { statementBytes: number; rowBytes: number; record?: { format: string } };
          if (d.record === undefined) continue;
          records++;
          rows += d.rowBytes;
          statements += d.statementBytes;
          if (d.record.format === 'row') rowRecords++;
          logged += d.record.format === 'row' ? d.rowBytes : d.statementBytes;
        }
      },
      async finish() {
        return (check) =>
          check.id === 'cluster-replicas-converge' && records > 0
            ? [`lesson (information): these runs logged ${records} statements, ${rowRecords} of them as rows: ${logged.toLocaleString('en')} bytes of log; all as rows would take ${rows.toLocaleString('en')} bytes, all as statements ${statements.toLocaleString('en')} (if they replayed identically, which ${rowRecords} would not)`]
            : [];
      },
    };
  },
});
