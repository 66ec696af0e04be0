/**
 * Cluster checks: the reference leaderless store runs with the learner's `quorumRead` as its reader
 * under generated fault schedules, with writers writing concurrently, and four properties judge each
 * run. A violation of P1/P2 is the learner's only when one of their reads in that run behaved outside
 * the acceptable set; otherwise it is a harness bug and reported as one.
 */
import fc from 'fast-check';
import { QUORUM_PROPERTIES, checkQuorumRun, checkStoreLinearizability, describeRead, judgeRead, staleReads, type QuorumPropertyName, type QuorumVerdict } from '../../checkers/index.ts';
import { READER, runLeaderlessStore, type LeaderlessRun, type LeaderlessScenario, type ReadRecord } from '../../cluster/index.ts';
import { statedBy, type StatedExpectation } from '../expectation.ts';
import { readBehaviour, readQuestion, STRICT_READS, strictReadStated } from './read-acceptable.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import { specParser } from '../spec-parser.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus, type LearnerProblem, type ScenarioCheck } from '../scenario-checks.ts';
import { learnerQuorumReader } from './learner-reader.ts';
import { quorumReaderPresenter } from './present.ts';
import { quorumTimeline } from '../workloads/leaderless/quorum-timeline.ts';
import { buildQuorumScenario, describeQuorumSpec, quorumSchedule, inFlightSpecArbitrary, quorumSpecArbitrary, weakQuorumSpecArbitrary } from './scenarios.ts';

/** The replay format of this exercise's tokens (both its scenario groups): raise it when its scenarios change. */
export const QUORUM_REPLAY_FORMAT = 1;

/** A token's spec, for both scenario groups: a token of either replays in both, as every scenario check does. */
export const parseQuorumSpec = specParser(fc.oneof(quorumSpecArbitrary, inFlightSpecArbitrary));

const CHECKS: readonly ScenarioCheck<QuorumPropertyName>[] = checkPerProperty(QUORUM_PROPERTIES);

/** Fewer, spaced reads and a short recovery: each read costs real round trips to the learner's thread. */
export const QUORUM_RUN_OPTIONS = { readPauseMs: { min: 60, max: 140 }, recoveryMs: 400 } as const;

/** At most this many lesson runs with r + w ≤ n are added when every check passed: until one shows a stale read. */
const LESSON_RUNS = 12;

/** How many lesson runs with writes left in flight (strict quorums) are added when every check passed. */
const IN_FLIGHT_LESSON_RUNS = 3;

/** Strict-quorum runs whose history the linearizability checker judged: the "not linearizable" lesson. */
interface LinearizabilityTally {
  runs: number;
  violations: number;
  undecided: number;
  example?: string;
}

function tallyLinearizability(tally: LinearizabilityTally, run: LeaderlessRun): void {
  const { verdict, example } = checkStoreLinearizability(run);
  tally.runs++;
  if (verdict.outcome === 'unknown') tally.undecided++;
  if (verdict.outcome !== 'not-linearizable') return;
  tally.violations++;
  tally.example ??= example?.text ?? verdict.explanation;
}

/** One store run judged: its verdicts and the first read outside the acceptable set. */
export interface JudgedQuorumRun {
  readonly run: LeaderlessRun;
  readonly verdicts: readonly QuorumVerdict[];
  readonly firstBadRead?: { readonly read: ReadRecord; readonly t: number; readonly text: string; readonly expected?: StatedExpectation };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

/** Runs the store for one scenario with the learner's reader and judges the run. */
export async function runJudgedQuorum(ctx: Pick<CheckContext, 'call' | 'hostYield' | 'seed'>, scenario: LeaderlessScenario): Promise<JudgedQuorumRun> {
  const reader = learnerQuorumReader(ctx.call, scenario.seed);
  const run = await runLeaderlessStore(scenario, { reader, hostYield: ctx.hostYield, ...QUORUM_RUN_OPTIONS });
  const verdicts = checkQuorumRun({ reads: run.reads, writes: run.writes, sloppy: scenario.sloppy });
  let firstBadRead: JudgedQuorumRun['firstBadRead'];
  for (const read of run.reads) {
    const j = judgeRead(read);
    const problem = j?.availability ?? j?.value ?? j?.repair;
    if (j === undefined || problem === undefined) continue;
    const question = readQuestion(read);
    const stated = strictReadStated(question);
    firstBadRead = {
      read,
      t: j.t,
      text: `at t=${j.t} ms ${describeRead(read)} ${problem}; acceptable: ${j.acceptable}`,
      // When the replies never reached a decision the words state a rule, not an answer.
      ...(stated ? { expected: statedBy(STRICT_READS, question, readBehaviour(read), [stated]) } : {}),
    };
    break;
  }
  const stopped = run.stoppedBy?.read?.outcome;
  const learnerProblem: LearnerProblem | undefined =
    stopped?.kind === 'problem'
      ? { status: stopped.status, message: stopped.message, ...(stopped.location ? { location: stopped.location } : {}) }
      : run.stoppedBy !== undefined
        ? { status: 'failed', message: `at t=${run.endsAt} ms ${run.stoppedBy.problem}` }
        : undefined;
  return { run, verdicts, ...(firstBadRead ? { firstBadRead } : {}), ...(learnerProblem ? { learnerProblem } : {}), console: reader.console() };
}

export const quorumClusterChecks: CheckGroup = scenarioCheckGroup({
  format: QUORUM_REPLAY_FORMAT,
  parseSpec: parseQuorumSpec,
  checks: CHECKS,
  specs: () => quorumSpecArbitrary,
  build: buildQuorumScenario,
  runJudged: runJudgedQuorum,
  firstBad: (judged) => judged.firstBadRead,
  acceptableSets: [STRICT_READS],
  present: quorumReaderPresenter,
  failureOf: (judged, verdict) => {
    const run = judged.run;
    const reads = run.reads.filter((r) => verdict.events.some((e) => e.node === READER && e.t >= r.invokedAt && e.t <= (r.endedAt ?? r.invokedAt)));
    const bad = judged.firstBadRead;
    const subjectReads = [...new Set([...reads.slice(0, 1), ...(bad ? [bad.read] : [])])];
    const writes = run.writes.filter((w) => verdict.events.some((e) => e.node === w.client && e.t === w.ackedAt));
    const focus = [...verdictFocus(verdict), ...(bad ? [{ t: bad.t, node: READER }] : [])];
    return {
      details: [...verdict.info, `published constants: replica timeout ${run.timing.replicaTimeoutMs} ms`],
      timeline: quorumTimeline(run, { reads: subjectReads, writes }, focus),
    };
  },
  describe: (spec, scenario) => ({
    parameters: describeQuorumSpec(spec),
    schedule: quorumSchedule(scenario),
  }),
  couldNotJudge: 'the store could not be judged: its reader had no usable answer.',
  answerNoun: 'read',
  statelessAdvice: 'make quorumRead depend only on the replicas and the config it is given',
  passedNotes: (ctx) => {
    const linearizability: LinearizabilityTally = { runs: 0, violations: 0, undecided: 0 };
    return {
      observe: (judged) => tallyLinearizability(linearizability, judged.run),
      async finish(allPassed) {
        const lesson = allPassed ? await lessonRuns(ctx, linearizability) : [];
        return (check) => (check.properties.includes('no-stale-read') ? lesson : []);
      },
    };
  },
});

/**
 * Lessons, never failures: a few runs with r + w ≤ n, and how often reads were stale; then, over the
 * strict-quorum runs already judged plus a few with writes left in flight, how many histories the
 * linearizability checker found not linearizable.
 */
async function lessonRuns(ctx: CheckContext, linearizability: LinearizabilityTally): Promise<string[]> {
  let reads = 0;
  let runs = 0;
  let shown: string | undefined;
  // The lesson shows a run where a read is stale, or says that none was this time.
  for (const spec of fc.sample(weakQuorumSpecArbitrary, { seed: ctx.seed, numRuns: LESSON_RUNS })) {
    const judged = await runJudgedQuorum(ctx, buildQuorumScenario(spec));
    if (judged.learnerProblem !== undefined) return [];
    runs++;
    reads += judged.run.reads.filter((r) => r.outcome?.kind === 'returned').length;
    const first = staleReads({ reads: judged.run.reads, writes: judged.run.writes, sloppy: false })[0];
    if (first === undefined) continue;
    const { n, w, r } = spec.config;
    const { read, write } = first;
    shown = `in an extra run with n=${n}, w=${w}, r=${r}, write ${write.value} of ${write.key} (version ${write.version}) was acknowledged at t=${write.ackedAt} ms by ${write.credited.join(', ')}, but ${describeRead(read.read)}, which started later, returned version ${read.version} at t=${read.endedAt} ms`;
    break;
  }
  const tally = { ...linearizability };
  for (const spec of fc.sample(inFlightSpecArbitrary, { seed: ctx.seed, numRuns: IN_FLIGHT_LESSON_RUNS })) {
    const judged = await runJudgedQuorum(ctx, buildQuorumScenario(spec));
    if (judged.learnerProblem !== undefined) return [];
    tallyLinearizability(tally, judged.run);
  }
  const head = 'lesson (information, not a failure): without overlap (r + w ≤ n), quorums promise nothing about staleness';
  return [
    shown !== undefined ? `${head}: ${shown}` : `${head}, but none of ${reads} reads in ${runs} extra runs with r + w ≤ n happened to be stale this time`,
    linearizabilityLesson(tally),
  ];
}

function linearizabilityLesson(t: LinearizabilityTally): string {
  const undecided = t.undecided > 0 ? ` (${t.undecided} could not be decided within the checker's budget)` : '';
  const head = `lesson (information, not a failure): quorums are not linearizable: ${t.violations} of ${t.runs} strict-quorum runs of your quorumRead (the last ${IN_FLIGHT_LESSON_RUNS} with writes left in flight on purpose) had a read that went back in time, by the linearizability checker${undecided}`;
  if (t.violations === 0) return `${head} — none this time, but a read can see a write still in flight on one replica and a later read miss it`;
  return `${head}, e.g. ${t.example} — the first read saw a write still in flight, the later one asked only replicas it had not reached. quorumReadLinearizable (optional) writes back before it answers`;
}
