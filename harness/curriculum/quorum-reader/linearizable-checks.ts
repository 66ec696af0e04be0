/**
 * The optional, unweighted check of `quorumReadLinearizable`: strict-quorum store runs with it as the
 * reader (mostly writes left in flight, where plain quorum reads go back in time), each run's history
 * judged by the linearizability checker. A module that does not export the function skips the check;
 * the weighted score never depends on it.
 */
import fc from 'fast-check';
import { checkStoreLinearizability, describeRead, type StoreLinearizability } from '../../checkers/index.ts';
import { runLeaderlessStore, type LeaderlessRun, type LeaderlessScenario, type ReadRecord } from '../../cluster/index.ts';
import { describeSchedule } from '../../sim/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult, type CheckStatus } from '../check.ts';
import { encodeReplayToken } from '../replay-token.ts';
import { QUORUM_READER_EXERCISE_ID, QUORUM_RUN_OPTIONS } from './cluster-checks.ts';
import { presentRun } from '../presenter.ts';
import { learnerQuorumReader } from './learner-reader.ts';
import { quorumReaderPresenter } from './present.ts';
import { quorumTimeline } from './quorum-timeline.ts';
import { buildQuorumScenario, describeQuorumSpec, inFlightSpecArbitrary, quorumSpecArbitrary, type QuorumSpec } from './scenarios.ts';

export const LINEARIZABLE_READ_FN = 'quorumReadLinearizable';

export const LINEARIZABLE_READ_CHECK: CheckInfo = {
  id: 'cluster-linearizable-read',
  title: 'Cluster (optional, unweighted): quorumReadLinearizable is linearizable',
  weight: 0,
};

/** Writes in flight twice as often as the graded families: that is where a plain quorum read fails. */
export const linearizableSpecArbitrary: fc.Arbitrary<QuorumSpec> = fc.oneof({ arbitrary: inFlightSpecArbitrary, weight: 2 }, { arbitrary: quorumSpecArbitrary, weight: 1 });

/** Half the exercise's schedules: the check is optional, and must not slow the graded ones down. */
const schedulesFor = (ctx: CheckContext): number => Math.max(1, Math.ceil(ctx.schedules / 2));

/** One run with the learner's `quorumReadLinearizable`, judged. */
interface JudgedLinearizableRun {
  readonly run: LeaderlessRun;
  readonly missing: boolean;
  readonly learnerProblem?: { readonly status: CheckStatus; readonly message: string; readonly location?: string };
  readonly linearizability?: StoreLinearizability;
  /** The first read that settled outside the acceptable set (rejected too early, never settled). */
  readonly badRead?: { readonly read: ReadRecord; readonly t: number; readonly text: string };
  readonly console: string;
}

async function runLinearizable(ctx: CheckContext, scenario: LeaderlessScenario): Promise<JudgedLinearizableRun> {
  const reader = learnerQuorumReader(ctx.call, scenario.seed, LINEARIZABLE_READ_FN);
  const run = await runLeaderlessStore(scenario, { reader, hostYield: ctx.hostYield, ...QUORUM_RUN_OPTIONS });
  const base = { run, missing: reader.missingExport(), console: reader.console() };
  const stopped = run.stoppedBy?.read?.outcome;
  if (stopped?.kind === 'problem') return { ...base, learnerProblem: { status: stopped.status, message: stopped.message, ...(stopped.location ? { location: stopped.location } : {}) } };
  if (run.stoppedBy !== undefined) return { ...base, learnerProblem: { status: 'failed', message: `at t=${run.endsAt} ms ${run.stoppedBy.problem}` } };
  const badRead = run.reads.map(unacceptableEnd).find((x) => x !== undefined);
  return { ...base, linearizability: checkStoreLinearizability(run), ...(badRead ? { badRead } : {}) };
}

/**
 * A read that settled in a way no correct linearizable read does: it never settled, rejected with
 * something else than QuorumError, or rejected while r replies and w holders were both still possible
 * (fewer than n − max(r, w) + 1 home replicas had failed a read or a write-back).
 */
function unacceptableEnd(read: ReadRecord): JudgedLinearizableRun['badRead'] {
  const outcome = read.outcome;
  const t = read.endedAt ?? read.invokedAt;
  const { n, w, r } = read.config;
  switch (outcome?.kind) {
    case undefined:
    case 'returned':
    case 'problem':
      return undefined;
    case 'never-settled':
      return { read, t, text: `at t=${t} ms ${describeRead(read)} never settled; acceptable: resolve, or reject with QuorumError` };
    case 'rejected': {
      if (outcome.name !== 'QuorumError') return { read, t, text: `at t=${t} ms ${describeRead(read)} rejected with ${outcome.name}: ${outcome.message}; acceptable: resolve, or reject with QuorumError` };
      const failed = new Set(read.calls.filter((c) => c.result?.ok === false && (c.settledAt ?? Infinity) <= t).map((c) => c.id)).size;
      const needed = n - Math.max(r, w) + 1;
      if (failed >= needed) return undefined;
      return {
        read,
        t,
        text: `at t=${t} ms ${describeRead(read)} rejected with QuorumError after ${failed} of ${n} home replicas failed; acceptable: keep going until ${needed} have failed (r=${r} replies and w=${w} holders were still possible)`,
      };
    }
  }
}

/** What fails the check in a judged run, if anything: a bad read, a violation, or an undecided history. */
function problemOf(j: JudgedLinearizableRun): 'bad-read' | 'not-linearizable' | 'unknown' | undefined {
  if (j.badRead !== undefined) return 'bad-read';
  const outcome = j.linearizability?.verdict.outcome;
  return outcome === 'not-linearizable' ? 'not-linearizable' : outcome === 'unknown' ? 'unknown' : undefined;
}

interface ReplayedScenario {
  readonly spec: QuorumSpec;
  readonly scenario: LeaderlessScenario;
}

export const quorumLinearizableChecks: CheckGroup = {
  checks: [LINEARIZABLE_READ_CHECK],
  async run(ctx: CheckContext): Promise<CheckResult[]> {
    if (ctx.replay !== undefined) {
      const { spec, scenario } = ctx.replay as ReplayedScenario;
      return [report(await runLinearizable(ctx, scenario), spec, 0, false, 1)];
    }
    let output = '';
    let stop: { spec: QuorumSpec; judged: JudgedLinearizableRun } | undefined;
    let best: { spec: QuorumSpec; judged: JudgedLinearizableRun } | undefined;
    let runs = 0;
    let shrinkRuns = 0;
    let capped = false;
    let shrinkStarted = 0;
    await fc.check(
      fc.asyncProperty(linearizableSpecArbitrary, async (spec) => {
        if (stop !== undefined) return true;
        if (best !== undefined) {
          if (shrinkRuns >= ctx.shrink.maxRuns || ctx.wallClockMs() - shrinkStarted > ctx.shrink.maxMs) {
            capped = true;
            return true;
          }
          shrinkRuns++;
        }
        runs++;
        const judged = await runLinearizable(ctx, buildQuorumScenario(spec));
        if (best === undefined) output += judged.console;
        if (judged.missing || judged.learnerProblem !== undefined) {
          if (best === undefined) stop = { spec, judged };
          return true;
        }
        if (problemOf(judged) === undefined) return true;
        if (best === undefined) shrinkStarted = ctx.wallClockMs();
        best = { spec, judged };
        return false;
      }),
      { seed: ctx.seed, numRuns: schedulesFor(ctx) },
    );
    const consoleField = output === '' ? {} : { console: capConsole(output) };
    const found = stop ?? best;
    if (found === undefined) {
      return [{ ...LINEARIZABLE_READ_CHECK, status: 'passed', message: '', details: [`${runs} strict-quorum runs, every history linearizable (checked with a Wing & Gong search)`], ...consoleField }];
    }
    return [{ ...report(found.judged, found.spec, shrinkRuns, capped, runs), ...consoleField }];
  },
  async trace(ctx: CheckContext, payload: unknown) {
    return presentRun(quorumReaderPresenter, (await runLinearizable(ctx, (payload as ReplayedScenario).scenario)).run);
  },
};

function report(judged: JudgedLinearizableRun, spec: QuorumSpec, shrinkRuns: number, capped: boolean, runs: number): CheckResult {
  const info = { ...LINEARIZABLE_READ_CHECK };
  if (judged.missing) {
    return { ...info, status: 'passed', message: '', details: [`skipped: your file does not export ${LINEARIZABLE_READ_FN} (optional, unweighted)`] };
  }
  const run = judged.run;
  const scenario = {
    family: spec.family,
    parameters: describeQuorumSpec(spec),
    schedule: [...describeSchedule(run.scenario.faults), `t=${run.scenario.faultPhaseMs}ms recovery: heal, stop loss, resume and restart`],
    shrinkRuns,
    shrinkCapped: capped,
  };
  const replay = encodeReplayToken({ exercise: QUORUM_READER_EXERCISE_ID, scenario: { spec, scenario: run.scenario } });
  const p = judged.learnerProblem;
  if (p !== undefined) {
    return {
      ...info,
      status: p.status,
      message: p.status === 'not-implemented' ? p.message : `in a cluster run, ${p.message}`,
      details: ['the store could not be judged: its reader had no usable answer.'],
      ...(p.location ? { location: p.location } : {}),
      scenario,
      replay,
    };
  }
  const lin = judged.linearizability!;
  const constants = `published constants: replica timeout ${run.timing.replicaTimeoutMs} ms`;
  if (judged.badRead !== undefined) {
    const bad = judged.badRead;
    return {
      ...info,
      status: 'failed',
      message: `${LINEARIZABLE_READ_FN} gave up or stalled when it should not have: ${bad.text.replace(/^at t=\d+ ms /, '')}`,
      details: [constants],
      scenario,
      replay,
      firstBadDecision: bad.text,
      timeline: quorumTimeline(run, { reads: [bad.read], writes: [] }, [{ t: bad.t, node: 'r1' }]),
    };
  }
  if (lin.verdict.outcome === 'unknown') {
    return {
      ...info,
      status: 'failed',
      message: `could not decide within the budget whether this run's history is linearizable (${lin.verdict.explored} states explored); this is not a violation, but it is not a pass either`,
      details: [lin.verdict.explanation, constants],
      scenario,
      replay,
    };
  }
  if (lin.verdict.outcome === 'linearizable') {
    return { ...info, status: 'passed', message: '', details: [`${runs} strict-quorum run${runs === 1 ? '' : 's'}, every history linearizable`] };
  }
  const ex = lin.example;
  const reads = ex ? [ex.earlier, ex.later] : [];
  const writes = ex ? run.writes.filter((w) => w.key === ex.later.key && (w.version === ex.earlierVersion || w.version === ex.laterVersion)) : [];
  return {
    ...info,
    status: 'failed',
    message: ex
      ? `not linearizable: ${ex.text} — once a read returned a version, no later read may return an older one`
      : `not linearizable: ${lin.verdict.explanation}`,
    details: [lin.verdict.explanation, constants],
    scenario,
    replay,
    ...(ex
      ? {
          firstBadDecision: `at t=${ex.earlier.endedAt} ms ${describeRead(ex.earlier)} resolved with version ${ex.earlierVersion}; acceptable: resolve only once w=${ex.earlier.config.w} home replicas are known to hold version ${ex.earlierVersion} or newer`,
          timeline: quorumTimeline(run, { reads, writes }, reads.map((r) => ({ t: r.endedAt ?? r.invokedAt, node: 'r1' }))),
        }
      : {}),
  };
}
