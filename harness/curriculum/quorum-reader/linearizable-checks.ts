/**
 * The optional, unweighted check of `quorumReadLinearizable`: strict-quorum store runs with it as the
 * reader (mostly writes left in flight, where plain quorum reads go back in time), each run's history
 * judged by the linearizability checker. A module that does not export the function skips the check;
 * the weighted score never depends on it.
 */
import fc from 'fast-check';
import { checkStoreLinearizability, describeRead, satisfied, violated, type StoreLinearizability, type Verdict } from '../../checkers/index.ts';
import { READER, runLeaderlessStore, type LeaderlessRun, type LeaderlessScenario, type ReadRecord } from '../../cluster/index.ts';
import { statedBy, type StatedExpectation } from '../expectation.ts';
import { knownHolders, LINEARIZABLE_READS, type LinearizableEnd } from './read-acceptable.ts';
import type { CheckContext, CheckGroup, CheckInfo } from '../check.ts';
import { scenarioCheckGroup, type LearnerProblem } from '../scenario-checks.ts';
import { parseQuorumSpec, QUORUM_REPLAY_FORMAT, QUORUM_RUN_OPTIONS } from './cluster-checks.ts';
import { learnerQuorumReader } from './learner-reader.ts';
import { quorumReaderPresenter } from './present.ts';
import { quorumTimeline } from '../workloads/leaderless/quorum-timeline.ts';
import { buildQuorumScenario, describeQuorumSpec, inFlightSpecArbitrary, quorumSchedule, quorumSpecArbitrary, type QuorumSpec } from './scenarios.ts';

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

type LinearizableProperty = 'linearizable-read';

/** One run with the learner's `quorumReadLinearizable`, judged. */
interface JudgedLinearizableRun {
  readonly run: LeaderlessRun;
  readonly missing: boolean;
  readonly verdicts: readonly Verdict<LinearizableProperty>[];
  readonly learnerProblem?: LearnerProblem;
  readonly linearizability?: StoreLinearizability;
  /** The first read that settled outside the acceptable set (rejected too early, never settled). */
  readonly badRead?: { readonly read: ReadRecord; readonly t: number; readonly text: string; readonly expected: StatedExpectation };
  readonly console: string;
}

async function runLinearizable(ctx: CheckContext, scenario: LeaderlessScenario): Promise<JudgedLinearizableRun> {
  const reader = learnerQuorumReader(ctx.call, scenario.seed, LINEARIZABLE_READ_FN);
  const run = await runLeaderlessStore(scenario, { reader, hostYield: ctx.hostYield, ...QUORUM_RUN_OPTIONS });
  const base = { run, missing: reader.missingExport(), console: reader.console() };
  const stopped = run.stoppedBy?.read?.outcome;
  if (stopped?.kind === 'problem')
    return { ...base, verdicts: [], learnerProblem: { status: stopped.status, message: stopped.message, ...(stopped.location ? { location: stopped.location } : {}) } };
  if (run.stoppedBy !== undefined) return { ...base, verdicts: [], learnerProblem: { status: 'failed', message: `at t=${run.endsAt} ms ${run.stoppedBy.problem}` } };
  const badRead = run.reads.map(unacceptableEnd).find((x) => x !== undefined);
  const linearizability = checkStoreLinearizability(run);
  return { ...base, linearizability, verdicts: [verdictOf(linearizability, badRead)], ...(badRead ? { badRead } : {}) };
}

/** The run's one verdict: a bad read first, then what the linearizability checker found. */
function verdictOf(lin: StoreLinearizability, badRead: JudgedLinearizableRun['badRead']): Verdict<LinearizableProperty> {
  const property = 'linearizable-read';
  if (badRead !== undefined)
    return violated(property, `${LINEARIZABLE_READ_FN} gave up or stalled when it should not have: ${badRead.text.replace(/^at t=\d+ ms /, '')}`, [{ t: badRead.t, what: 'read settles' }]);
  switch (lin.verdict.outcome) {
    case 'linearizable':
      return satisfied(property, ['1 strict-quorum run, every history linearizable']);
    case 'unknown':
      return violated(
        property,
        `could not decide within the budget whether this run's history is linearizable (${lin.verdict.explored} states explored); this is not a violation, but it is not a pass either`,
        [],
      );
    case 'not-linearizable': {
      const ex = lin.example;
      return violated(
        property,
        ex ? `not linearizable: ${ex.text} — once a read returned a version, no later read may return an older one` : `not linearizable: ${lin.verdict.explanation}`,
        [],
      );
    }
  }
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
  const failed = new Set(read.calls.filter((c) => c.result?.ok === false && (c.settledAt ?? Infinity) <= t).map((c) => c.id)).size;
  const needed = n - Math.max(r, w) + 1;
  // The stated end: a QuorumError once enough home replicas failed (resolving may be acceptable too).
  const expected = (answered: LinearizableEnd): StatedExpectation => statedBy(LINEARIZABLE_READS, { n, r, w }, answered, [{ outcome: 'rejected', name: 'QuorumError', failed: needed }]);
  switch (outcome?.kind) {
    case undefined:
    case 'returned':
    case 'problem':
      return undefined;
    case 'never-settled':
      return { read, t, text: `at t=${t} ms ${describeRead(read)} never settled; acceptable: resolve, or reject with QuorumError`, expected: expected({ outcome: 'never-settled' }) };
    case 'rejected': {
      const answered: LinearizableEnd = { outcome: 'rejected', name: outcome.name, failed };
      if (outcome.name !== 'QuorumError')
        return { read, t, text: `at t=${t} ms ${describeRead(read)} rejected with ${outcome.name}: ${outcome.message}; acceptable: resolve, or reject with QuorumError`, expected: expected(answered) };
      if (failed >= needed) return undefined;
      return {
        read,
        t,
        text: `at t=${t} ms ${describeRead(read)} rejected with QuorumError after ${failed} of ${n} home replicas failed; acceptable: keep going until ${needed} have failed (r=${r} replies and w=${w} holders were still possible)`,
        expected: expected(answered),
      };
    }
  }
}

export const quorumLinearizableChecks: CheckGroup = scenarioCheckGroup<QuorumSpec, LeaderlessScenario, LinearizableProperty, JudgedLinearizableRun>({
  format: QUORUM_REPLAY_FORMAT,
  parseSpec: parseQuorumSpec,
  checks: [
    {
      ...LINEARIZABLE_READ_CHECK,
      properties: ['linearizable-read'],
      optional: { skip: (judged) => judged.missing, skipped: `skipped: your file does not export ${LINEARIZABLE_READ_FN} (optional, unweighted)` },
    },
  ],
  specs: () => linearizableSpecArbitrary,
  schedules: schedulesFor,
  build: buildQuorumScenario,
  runJudged: (ctx, scenario) => runLinearizable(ctx, scenario),
  present: quorumReaderPresenter,
  firstBad: (judged) => {
    if (judged.badRead !== undefined) return judged.badRead;
    const ex = judged.linearizability?.example;
    if (judged.linearizability?.verdict.outcome !== 'not-linearizable' || ex === undefined) return undefined;
    const { n, r, w } = ex.earlier.config;
    const holders = knownHolders(ex.earlier, ex.earlierVersion);
    // Only a read that returned before w replicas were known to hold its version is blamed for the later one.
    if (holders.length >= w) return undefined;
    return {
      t: ex.earlier.endedAt ?? ex.earlier.invokedAt,
      text: `at t=${ex.earlier.endedAt} ms ${describeRead(ex.earlier)} resolved with version ${ex.earlierVersion}; acceptable: resolve only once w=${w} home replicas are known to hold version ${ex.earlierVersion} or newer`,
      expected: statedBy(LINEARIZABLE_READS, { n, r, w }, { outcome: 'returned', holders }, [{ outcome: 'returned', holders: ex.earlier.ids.slice(0, w) }]),
    };
  },
  acceptableSets: [LINEARIZABLE_READS],
  // Every read of the run is the learner's: an undecided or non-linearizable history is theirs too.
  learnersFault: () => true,
  failureOf: (judged) => {
    const run = judged.run;
    const lin = judged.linearizability!;
    const constants = `published constants: replica timeout ${run.timing.replicaTimeoutMs} ms`;
    const bad = judged.badRead;
    if (bad !== undefined) return { details: [constants], timeline: quorumTimeline(run, { reads: [bad.read], writes: [] }, [{ t: bad.t, node: READER }]) };
    const ex = lin.verdict.outcome === 'not-linearizable' ? lin.example : undefined;
    if (ex === undefined) return { details: [lin.verdict.explanation, constants] };
    const reads = [ex.earlier, ex.later];
    const writes = run.writes.filter((w) => w.key === ex.later.key && (w.version === ex.earlierVersion || w.version === ex.laterVersion));
    return {
      details: [lin.verdict.explanation, constants],
      timeline: quorumTimeline(run, { reads, writes }, reads.map((r) => ({ t: r.endedAt ?? r.invokedAt, node: READER }))),
    };
  },
  describe: (spec, scenario) => ({
    parameters: describeQuorumSpec(spec),
    schedule: quorumSchedule(scenario),
  }),
  couldNotJudge: 'the store could not be judged: its reader had no usable answer.',
  answerNoun: 'read',
  statelessAdvice: `make ${LINEARIZABLE_READ_FN} depend only on the replicas and the config it is given`,
  passedNotes: () => {
    let runs = 0;
    return {
      observe: () => void runs++,
      finish: async () => () => [`${runs} strict-quorum runs, every history linearizable (checked with a Wing & Gong search)`],
    };
  },
});
