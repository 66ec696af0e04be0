/**
 * Cluster checks: the leaderless store with sloppy quorums, its writers choosing targets and its
 * fallbacks handling hints with the learner's three functions, under generated crash schedules. A
 * violation is the learner's only when one of their decisions in that run was outside the acceptable
 * set; otherwise it is a harness bug. A reference reader reads meanwhile, to show the lesson: with
 * sloppy quorums, even r + w > n does not make reads see acknowledged writes.
 */
import { HINT_PROPERTIES, checkHintRun, staleReads, type HintPropertyName, type HintVerdict } from '../../checkers/index.ts';
import { preferenceList, referenceQuorumReader, runLeaderlessStore, type LeaderlessRun, type LeaderlessScenario } from '../../cluster/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus, type LearnerProblem, type ScenarioCheck } from '../scenario-checks.ts';
import { quorumTimeline } from '../workloads/leaderless/quorum-timeline.ts';
import type { StatedExpectation, WrongAnswer } from '../expectation.ts';
import { ackProblem, handoffProblem, SLOPPY_ANSWER_SETS, targetsProblem } from './acceptable.ts';
import { learnerSloppyPolicies, type SloppyDecision } from './learner-policies.ts';
import { sloppyQuorumPresenter } from './present.ts';
import { buildSloppyScenario, describeSloppySpec, sloppySchedule, sloppySpecArbitrary } from './scenarios.ts';

/** The replay format of this exercise's tokens: raise it when its scenarios change. */
export const SLOPPY_REPLAY_FORMAT = 1;

const CHECKS: readonly ScenarioCheck<HintPropertyName>[] = checkPerProperty(HINT_PROPERTIES);

/** A writer's view of who is up settles within this long after the last crash or restart. */
const SETTLE_MS = 500;
/** Anti-entropy is off: hinted handoff alone must bring home replicas up to date. */
const RUN_OPTIONS = { antiEntropy: false, recoveryMs: 1200, readPauseMs: { min: 60, max: 140 }, writeIntervalMs: { min: 30, max: 70 } } as const;

export interface JudgedSloppyRun {
  readonly run: LeaderlessRun;
  readonly verdicts: readonly HintVerdict[];
  readonly firstBadDecision?: { readonly t: number; readonly node: string; readonly text: string; readonly expected: StatedExpectation };
  readonly learnerProblem?: LearnerProblem;
  /** Reads (by the reference reader) that missed a write acknowledged before they began. */
  readonly staleReads: number;
  readonly reads: number;
  readonly console: string;
}

function judgeDecision(d: SloppyDecision): WrongAnswer | null {
  switch (d.kind) {
    case 'targets':
      return targetsProblem(d.list, d.n, d.reachable, d.answer);
    case 'handoff':
      return handoffProblem(d.hints, d.recovered, d.answer, d.ops);
    case 'ack':
      return ackProblem(d.hints, d.from, d.key, d.version, d.ops);
  }
}

export async function runJudgedSloppy(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: LeaderlessScenario): Promise<JudgedSloppyRun> {
  const policies = learnerSloppyPolicies(ctx.call, scenario.seed);
  const run = await runLeaderlessStore(scenario, { reader: referenceQuorumReader, targets: policies.targets, hints: policies.hints, hostYield: ctx.hostYield, ...RUN_OPTIONS });
  const verdicts = checkHintRun({
    writes: run.writes,
    notes: run.notes,
    final: run.final,
    replicas: run.replicas,
    preferenceList: (key) => preferenceList(key, run.replicas),
    n: scenario.config.n,
    writeTimeoutMs: run.timing.writeTimeoutMs,
    settleMs: SETTLE_MS,
    keepDown: scenario.keepDown,
  });
  let firstBadDecision: JudgedSloppyRun['firstBadDecision'];
  for (const d of policies.decisions) {
    const problem = judgeDecision(d);
    if (problem !== null) {
      firstBadDecision = { t: d.t, node: d.node, text: `at t=${d.t} ms (${d.node}) ${problem.text}`, expected: problem.expected };
      break;
    }
  }
  const p = policies.problem();
  const learnerProblem = p ?? (run.stoppedBy !== undefined ? { status: 'failed' as const, message: `at t=${run.endsAt} ms ${run.stoppedBy.problem}` } : undefined);
  const reads = run.reads.filter((r) => r.outcome?.kind === 'returned').length;
  return {
    run,
    verdicts,
    ...(firstBadDecision ? { firstBadDecision } : {}),
    ...(learnerProblem ? { learnerProblem } : {}),
    staleReads: staleReads({ reads: run.reads, writes: run.writes, sloppy: true }).length,
    reads,
    console: policies.console(),
  };
}

export const sloppyClusterChecks: CheckGroup = scenarioCheckGroup({
  format: SLOPPY_REPLAY_FORMAT,
  checks: CHECKS,
  specs: () => sloppySpecArbitrary,
  build: buildSloppyScenario,
  runJudged: runJudgedSloppy,
  firstBad: (judged) => judged.firstBadDecision,
  acceptableSets: SLOPPY_ANSWER_SETS,
  present: sloppyQuorumPresenter,
  failureOf: (judged, verdict) => {
    const run = judged.run;
    const writes = run.writes.filter((w) => verdict.events.some((e) => e.node === w.client && e.t === w.invokedAt));
    const bad = judged.firstBadDecision;
    const focus = [...verdictFocus(verdict), ...(bad ? [{ t: bad.t, node: bad.node }] : [])];
    return {
      details: [...verdict.info, `published constants: write timeout ${run.timing.writeTimeoutMs} ms, hand-off every ${run.timing.handoffMs} ms`],
      timeline: quorumTimeline(run, { reads: [], writes }, focus),
    };
  },
  describe: (spec, scenario) => ({
    parameters: describeSloppySpec(spec),
    schedule: sloppySchedule(scenario),
  }),
  couldNotJudge: 'the store could not be judged: a sloppy-quorum decision had no usable answer.',
  answerNoun: 'decision',
  statelessAdvice: 'make each function depend only on the arguments it is given',
  passedNotes: () => {
    // The reference reader's stale reads over every run: the lesson of sloppy quorums.
    let stale = 0;
    let reads = 0;
    return {
      observe(judged) {
        stale += judged.staleReads;
        reads += judged.reads;
      },
      async finish() {
        const why = "the write's acks came partly from fallbacks, which readers do not ask, until the hints were handed off";
        // The lesson says so when the effect did not show this time, rather than "0 of them" beside its explanation.
        const lesson =
          stale > 0
            ? `lesson (information, not a failure): in these runs a reader with r + w > n read ${reads} times, and ${stale} of those reads returned an older version than a write acknowledged before they began — ${why}`
            : `lesson (information, not a failure): even with r + w > n a sloppy quorum's reads can be stale (${why}), but none of ${reads} reads in these runs happened to be this time`;
        return (check) => (check.properties.includes('sloppy-write-availability') ? [lesson] : []);
      },
    };
  },
});
