/**
 * Cluster checks: the reference leaderless store runs with the learner's `quorumRead` as its reader
 * under generated fault schedules, with writers writing concurrently, and four properties judge each
 * run. A violation of P1/P2 is the learner's only when one of their reads in that run behaved outside
 * the acceptable set; otherwise it is a harness bug and reported as one.
 */
import fc from 'fast-check';
import { QUORUM_PROPERTIES, checkQuorumRun, checkStoreLinearizability, describeRead, judgeRead, type QuorumPropertyName, type QuorumVerdict } from '../../checkers/index.ts';
import { runLeaderlessStore, type LeaderlessRun, type LeaderlessScenario, type ReadRecord } from '../../cluster/index.ts';
import { describeSchedule } from '../../sim/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult, type CheckStatus, type FailingScenario } from '../check.ts';
import { encodeReplayToken } from '../replay-token.ts';
import { learnerQuorumReader } from './learner-reader.ts';
import { quorumTimeline } from './quorum-timeline.ts';
import { buildQuorumScenario, describeQuorumSpec, inFlightSpecArbitrary, quorumSpecArbitrary, weakQuorumSpecArbitrary, type QuorumSpec } from './scenarios.ts';

export const QUORUM_READER_EXERCISE_ID = 'quorum-reader';

const CHECKS: readonly (CheckInfo & { property: QuorumPropertyName })[] = QUORUM_PROPERTIES.map((p) => ({
  id: `cluster-${p.name}`,
  title: `Cluster: ${p.title}`,
  weight: 2,
  property: p.name,
}));

/** Fewer, spaced reads and a short recovery: each read costs real round trips to the learner's thread. */
export const QUORUM_RUN_OPTIONS = { readPauseMs: { min: 60, max: 140 }, recoveryMs: 400 } as const;

/** How many lesson runs with r + w ≤ n are added when every check passed. */
const LESSON_RUNS = 3;

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

interface LearnerProblem {
  readonly status: CheckStatus;
  readonly message: string;
  readonly location?: string;
}

/** One store run judged: its verdicts and the first read outside the acceptable set. */
export interface JudgedQuorumRun {
  readonly run: LeaderlessRun;
  readonly verdicts: readonly QuorumVerdict[];
  readonly firstBadRead?: { readonly read: ReadRecord; readonly t: number; readonly text: string };
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
    firstBadRead = { read, t: j.t, text: `at t=${j.t} ms ${describeRead(read)} ${problem}; acceptable: ${j.acceptable}` };
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

interface ReplayedScenario {
  readonly spec: QuorumSpec;
  readonly scenario: LeaderlessScenario;
}

export const quorumClusterChecks: CheckGroup = {
  checks: CHECKS.map(({ id, title, weight }) => ({ id, title, weight })),
  async run(ctx: CheckContext): Promise<CheckResult[]> {
    if (ctx.replay !== undefined) return replay(ctx, ctx.replay as ReplayedScenario);
    const firstFailure = new Map<QuorumPropertyName, number>();
    let learnerFailure: { spec: QuorumSpec; judged: JudgedQuorumRun } | undefined;
    let harnessBug: { property: QuorumPropertyName; spec: QuorumSpec; judged: JudgedQuorumRun } | undefined;
    let index = -1;
    let output = '';
    const linearizability: LinearizabilityTally = { runs: 0, violations: 0, undecided: 0 };
    await fc.check(
      fc.asyncProperty(quorumSpecArbitrary, async (spec) => {
        index++;
        if (learnerFailure !== undefined) return true;
        const judged = await runJudgedQuorum(ctx, buildQuorumScenario(spec));
        output += judged.console;
        if (judged.learnerProblem !== undefined) {
          learnerFailure = { spec, judged };
          return true;
        }
        tallyLinearizability(linearizability, judged.run);
        for (const v of judged.verdicts) {
          if (v.ok || firstFailure.has(v.property)) continue;
          if (judged.firstBadRead === undefined) harnessBug ??= { property: v.property, spec, judged };
          else firstFailure.set(v.property, index);
        }
        return true;
      }),
      { seed: ctx.seed, numRuns: ctx.schedules },
    );
    const consoleField = output === '' ? {} : { console: capConsole(output) };

    if (learnerFailure !== undefined) {
      const { spec, judged } = learnerFailure;
      const p = judged.learnerProblem!;
      return CHECKS.map((c) => ({
        id: c.id,
        title: c.title,
        weight: c.weight,
        status: p.status,
        message: p.status === 'not-implemented' ? p.message : `in a cluster run, ${p.message}`,
        details: ['the store could not be judged: its reader had no usable answer.'],
        ...(p.location ? { location: p.location } : {}),
        scenario: scenarioOf(spec, judged.run.scenario, 0, false),
        replay: encodeReplayToken({ exercise: QUORUM_READER_EXERCISE_ID, scenario: { spec, scenario: judged.run.scenario } }),
        ...consoleField,
      }));
    }

    const lesson = firstFailure.size === 0 && harnessBug === undefined ? await lessonRuns(ctx, linearizability) : [];
    const results: CheckResult[] = [];
    for (const c of CHECKS) {
      const info = { id: c.id, title: c.title, weight: c.weight };
      if (harnessBug?.property === c.property) {
        results.push(harnessBugResult(info, harnessBug.spec, harnessBug.judged));
        continue;
      }
      const at = firstFailure.get(c.property);
      if (at === undefined) {
        results.push({ ...info, status: 'passed', message: '', details: c.property === 'no-stale-read' ? lesson : [], ...consoleField });
        continue;
      }
      results.push({ ...(await shrinkAndReport(ctx, c.property, at, info)), ...consoleField });
    }
    return results;
  },
};

/**
 * Lessons, never failures: a few runs with r + w ≤ n, and how often reads were stale; then, over the
 * strict-quorum runs already judged plus a few with writes left in flight, how many histories the
 * linearizability checker found not linearizable.
 */
async function lessonRuns(ctx: CheckContext, linearizability: LinearizabilityTally): Promise<string[]> {
  let stale = 0;
  let reads = 0;
  const specs = fc.sample(weakQuorumSpecArbitrary, { seed: ctx.seed, numRuns: LESSON_RUNS });
  for (const spec of specs) {
    const judged = await runJudgedQuorum(ctx, buildQuorumScenario(spec));
    if (judged.learnerProblem !== undefined) return [];
    const info = judged.verdicts.find((v) => v.property === 'no-stale-read')?.info ?? [];
    const m = /^(\d+) of (\d+) reads/.exec(info[0] ?? '');
    stale += m ? Number(m[1]) : 0;
    reads += judged.run.reads.filter((r) => r.outcome?.kind === 'returned').length;
  }
  const tally = { ...linearizability };
  for (const spec of fc.sample(inFlightSpecArbitrary, { seed: ctx.seed, numRuns: IN_FLIGHT_LESSON_RUNS })) {
    const judged = await runJudgedQuorum(ctx, buildQuorumScenario(spec));
    if (judged.learnerProblem !== undefined) return [];
    tallyLinearizability(tally, judged.run);
  }
  return [
    `lesson (information, not a failure): in ${LESSON_RUNS} extra runs with r + w ≤ n, ${stale} of ${reads} reads returned an older version than a write acknowledged before they began — without overlap, quorums promise nothing about staleness`,
    linearizabilityLesson(tally),
  ];
}

function linearizabilityLesson(t: LinearizabilityTally): string {
  const undecided = t.undecided > 0 ? ` (${t.undecided} could not be decided within the checker's budget)` : '';
  const head = `lesson (information, not a failure): quorums are not linearizable: ${t.violations} of ${t.runs} strict-quorum runs of your quorumRead (the last ${IN_FLIGHT_LESSON_RUNS} with writes left in flight on purpose) had a read that went back in time, by the linearizability checker${undecided}`;
  if (t.violations === 0) return `${head} — none this time, but a read can see a write still in flight on one replica and a later read miss it`;
  return `${head}, e.g. ${t.example} — the first read saw a write still in flight, the later one asked only replicas it had not reached. quorumReadLinearizable (optional) writes back before it answers`;
}

async function replay(ctx: CheckContext, replayed: ReplayedScenario): Promise<CheckResult[]> {
  const judged = await runJudgedQuorum(ctx, replayed.scenario);
  return CHECKS.map((c) => {
    const info = { id: c.id, title: c.title, weight: c.weight };
    const p = judged.learnerProblem;
    if (p) return { ...info, status: p.status, message: p.message, details: [], ...(p.location ? { location: p.location } : {}) };
    const verdict = judged.verdicts.find((v) => v.property === c.property)!;
    if (verdict.ok) return { ...info, status: 'passed' as const, message: '', details: [...verdict.info] };
    if (judged.firstBadRead === undefined) return harnessBugResult(info, replayed.spec, judged);
    return failureResult(info, verdict, replayed.spec, judged, 0, false);
  });
}

/** Shrinks the failing schedule found at run `index`, replays it in a fresh module, and reports it. */
async function shrinkAndReport(ctx: CheckContext, property: QuorumPropertyName, index: number, info: CheckInfo): Promise<CheckResult> {
  let best: { spec: QuorumSpec; judged: JudgedQuorumRun } | undefined;
  let runs = 0;
  let capped = false;
  const started = ctx.wallClockMs();
  await fc.check(
    fc.asyncProperty(quorumSpecArbitrary, async (spec) => {
      if (runs >= ctx.shrink.maxRuns || ctx.wallClockMs() - started > ctx.shrink.maxMs) {
        capped = true;
        return true;
      }
      runs++;
      const judged = await runJudgedQuorum(ctx, buildQuorumScenario(spec));
      const broken = judged.learnerProblem === undefined && judged.firstBadRead !== undefined && judged.verdicts.some((v) => v.property === property && !v.ok);
      if (broken) best = { spec, judged };
      return !broken;
    }),
    { seed: ctx.seed, path: String(index), numRuns: ctx.schedules },
  );
  if (best === undefined) {
    return {
      ...info,
      status: 'failed',
      message: 'your code keeps state between calls (module-level variables): the same scenario failed once and passed when run again',
      details: ['make quorumRead depend only on the replicas and the config it is given'],
    };
  }
  const fresh = (await ctx.reload()) ? await runJudgedQuorum(ctx, buildQuorumScenario(best.spec)) : undefined;
  const freshVerdict = fresh?.verdicts.find((v) => v.property === property);
  const stateful = fresh === undefined || freshVerdict === undefined || freshVerdict.ok || fresh.firstBadRead === undefined;
  const shown = stateful ? best.judged : fresh;
  const verdict = shown.verdicts.find((v) => v.property === property)!;
  const result = failureResult(info, verdict, best.spec, shown, runs, capped);
  if (!stateful) return result;
  return {
    ...result,
    message: `${result.message} — and your code keeps state between calls (module-level variables): run again in a fresh module, this scenario ${fresh === undefined ? 'could not be loaded' : 'did not fail'}`,
  };
}

function failureResult(info: CheckInfo, verdict: QuorumVerdict, spec: QuorumSpec, judged: JudgedQuorumRun, shrinkRuns: number, capped: boolean): CheckResult {
  const run = judged.run;
  const reads = run.reads.filter((r) => verdict.events.some((e) => e.node === 'r1' && e.t >= r.invokedAt && e.t <= (r.endedAt ?? r.invokedAt)));
  const bad = judged.firstBadRead?.read;
  const subjectReads = [...new Set([...reads.slice(0, 1), ...(bad ? [bad] : [])])];
  const writes = run.writes.filter((w) => verdict.events.some((e) => e.node === w.client && e.t === w.ackedAt));
  const focus = [...verdict.events.map((e) => ({ t: e.t, ...(e.node ? { node: e.node } : {}) })), ...(judged.firstBadRead ? [{ t: judged.firstBadRead.t, node: 'r1' }] : [])];
  return {
    ...info,
    status: 'failed',
    message: verdict.explanation,
    details: [...verdict.info, `published constants: replica timeout ${run.timing.replicaTimeoutMs} ms`],
    scenario: scenarioOf(spec, run.scenario, shrinkRuns, capped),
    replay: encodeReplayToken({ exercise: QUORUM_READER_EXERCISE_ID, scenario: { spec, scenario: run.scenario } }),
    ...(judged.firstBadRead ? { firstBadDecision: judged.firstBadRead.text } : {}),
    timeline: quorumTimeline(run, { reads: subjectReads, writes }, focus),
  };
}

function harnessBugResult(info: CheckInfo, spec: QuorumSpec, judged: JudgedQuorumRun): CheckResult {
  const verdict = judged.verdicts.find((v) => !v.ok)!;
  return {
    ...failureResult(info, verdict, spec, judged, 0, false),
    status: 'harness-bug',
    message: `internal error (harness bug): "${verdict.explanation}" although every read of yours was acceptable. This is not your fault; please report it with the replay token.`,
  };
}

function scenarioOf(spec: QuorumSpec, scenario: LeaderlessScenario, shrinkRuns: number, shrinkCapped: boolean): FailingScenario {
  return {
    family: spec.family,
    parameters: describeQuorumSpec(spec),
    schedule: [...describeSchedule(scenario.faults), `t=${scenario.faultPhaseMs}ms recovery: heal, stop loss, resume and restart`],
    shrinkRuns,
    shrinkCapped,
  };
}
