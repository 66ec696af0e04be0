/**
 * Cluster checks: the leaderless store with sloppy quorums, its writers choosing targets and its
 * fallbacks handling hints with the learner's three functions, under generated crash schedules. A
 * violation is the learner's only when one of their decisions in that run was outside the acceptable
 * set; otherwise it is a harness bug. A reference reader reads meanwhile, to show the lesson: with
 * sloppy quorums, even r + w > n does not make reads see acknowledged writes.
 */
import fc from 'fast-check';
import { HINT_PROPERTIES, checkHintRun, staleReads, type HintPropertyName, type QuorumVerdict } from '../../checkers/index.ts';
import { preferenceList, referenceQuorumReader, runLeaderlessStore, type LeaderlessRun, type LeaderlessScenario } from '../../cluster/index.ts';
import { describeSchedule } from '../../sim/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult, type CheckStatus, type FailingScenario } from '../check.ts';
import { encodeReplayToken } from '../replay-token.ts';
import { quorumTimeline } from '../quorum-reader/quorum-timeline.ts';
import { judgeAck, judgeHandoff, judgeTargets } from './acceptable.ts';
import { learnerSloppyPolicies, type SloppyDecision } from './learner-policies.ts';
import { buildSloppyScenario, describeSloppySpec, sloppySpecArbitrary, type SloppySpec } from './scenarios.ts';

export const SLOPPY_QUORUM_EXERCISE_ID = 'sloppy-quorum';

const CHECKS: readonly (CheckInfo & { property: HintPropertyName })[] = HINT_PROPERTIES.map((p) => ({
  id: `cluster-${p.name}`,
  title: `Cluster: ${p.title}`,
  weight: 2,
  property: p.name,
}));

/** A writer's view of who is up settles within this long after the last crash or restart. */
const SETTLE_MS = 500;
/** Anti-entropy is off: hinted handoff alone must bring home replicas up to date. */
const RUN_OPTIONS = { antiEntropy: false, recoveryMs: 1200, readPauseMs: { min: 60, max: 140 }, writeIntervalMs: { min: 30, max: 70 } } as const;

type Verdict = QuorumVerdict<HintPropertyName>;

export interface JudgedSloppyRun {
  readonly run: LeaderlessRun;
  readonly verdicts: readonly Verdict[];
  readonly firstBadDecision?: { readonly t: number; readonly node: string; readonly text: string };
  readonly learnerProblem?: { readonly status: CheckStatus; readonly message: string; readonly location?: string };
  /** Reads (by the reference reader) that missed a write acknowledged before they began. */
  readonly staleReads: number;
  readonly reads: number;
  readonly console: string;
}

function judgeDecision(d: SloppyDecision): string | null {
  switch (d.kind) {
    case 'targets':
      return judgeTargets(d.list, d.n, d.reachable, d.answer);
    case 'handoff':
      return judgeHandoff(d.hints, d.recovered, d.answer, d.removed);
    case 'ack':
      return judgeAck(d.hints, d.from, d.key, d.version, d.removed);
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
      firstBadDecision = { t: d.t, node: d.node, text: `at t=${d.t} ms (${d.node}) ${problem}` };
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

interface ReplayedScenario {
  readonly spec: SloppySpec;
  readonly scenario: LeaderlessScenario;
}

export const sloppyClusterChecks: CheckGroup = {
  checks: CHECKS.map(({ id, title, weight }) => ({ id, title, weight })),
  async run(ctx: CheckContext): Promise<CheckResult[]> {
    if (ctx.replay !== undefined) return replay(ctx, ctx.replay as ReplayedScenario);
    const firstFailure = new Map<HintPropertyName, number>();
    let learnerFailure: { spec: SloppySpec; judged: JudgedSloppyRun } | undefined;
    let harnessBug: { property: HintPropertyName; spec: SloppySpec; judged: JudgedSloppyRun } | undefined;
    let stale = 0;
    let reads = 0;
    let index = -1;
    let output = '';
    await fc.check(
      fc.asyncProperty(sloppySpecArbitrary, async (spec) => {
        index++;
        if (learnerFailure !== undefined) return true;
        const judged = await runJudgedSloppy(ctx, buildSloppyScenario(spec));
        output += judged.console;
        stale += judged.staleReads;
        reads += judged.reads;
        if (judged.learnerProblem !== undefined) {
          learnerFailure = { spec, judged };
          return true;
        }
        for (const v of judged.verdicts) {
          if (v.ok || firstFailure.has(v.property)) continue;
          if (judged.firstBadDecision === undefined) harnessBug ??= { property: v.property, spec, judged };
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
        details: ['the store could not be judged: a sloppy-quorum decision had no usable answer.'],
        ...(p.location ? { location: p.location } : {}),
        scenario: scenarioOf(spec, judged.run.scenario, 0, false),
        replay: encodeReplayToken({ exercise: SLOPPY_QUORUM_EXERCISE_ID, scenario: { spec, scenario: judged.run.scenario } }),
        ...consoleField,
      }));
    }
    const lesson = `lesson (information, not a failure): in these runs a reader with r + w > n read ${reads} times, and ${stale} of those reads returned an older version than a write acknowledged before they began — the write's acks came partly from fallbacks, which readers do not ask, until the hints were handed off`;
    const results: CheckResult[] = [];
    for (const c of CHECKS) {
      const info = { id: c.id, title: c.title, weight: c.weight };
      if (harnessBug?.property === c.property) {
        results.push(harnessBugResult(info, harnessBug.spec, harnessBug.judged));
        continue;
      }
      const at = firstFailure.get(c.property);
      if (at === undefined) {
        results.push({ ...info, status: 'passed', message: '', details: c.property === 'sloppy-write-availability' ? [lesson] : [], ...consoleField });
        continue;
      }
      results.push({ ...(await shrinkAndReport(ctx, c.property, at, info)), ...consoleField });
    }
    return results;
  },
};

async function replay(ctx: CheckContext, replayed: ReplayedScenario): Promise<CheckResult[]> {
  const judged = await runJudgedSloppy(ctx, replayed.scenario);
  return CHECKS.map((c) => {
    const info = { id: c.id, title: c.title, weight: c.weight };
    const p = judged.learnerProblem;
    if (p) return { ...info, status: p.status, message: p.message, details: [], ...(p.location ? { location: p.location } : {}) };
    const verdict = judged.verdicts.find((v) => v.property === c.property)!;
    if (verdict.ok) return { ...info, status: 'passed' as const, message: '', details: [...verdict.info] };
    if (judged.firstBadDecision === undefined) return harnessBugResult(info, replayed.spec, judged);
    return failureResult(info, verdict, replayed.spec, judged, 0, false);
  });
}

async function shrinkAndReport(ctx: CheckContext, property: HintPropertyName, index: number, info: CheckInfo): Promise<CheckResult> {
  let best: { spec: SloppySpec; judged: JudgedSloppyRun } | undefined;
  let runs = 0;
  let capped = false;
  const started = ctx.wallClockMs();
  await fc.check(
    fc.asyncProperty(sloppySpecArbitrary, async (spec) => {
      if (runs >= ctx.shrink.maxRuns || ctx.wallClockMs() - started > ctx.shrink.maxMs) {
        capped = true;
        return true;
      }
      runs++;
      const judged = await runJudgedSloppy(ctx, buildSloppyScenario(spec));
      const broken = judged.learnerProblem === undefined && judged.firstBadDecision !== undefined && judged.verdicts.some((v) => v.property === property && !v.ok);
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
      details: ['make each function depend only on the arguments it is given'],
    };
  }
  const fresh = (await ctx.reload()) ? await runJudgedSloppy(ctx, buildSloppyScenario(best.spec)) : undefined;
  const freshVerdict = fresh?.verdicts.find((v) => v.property === property);
  const stateful = fresh === undefined || freshVerdict === undefined || freshVerdict.ok || fresh.firstBadDecision === undefined;
  const shown = stateful ? best.judged : fresh;
  const result = failureResult(info, shown.verdicts.find((v) => v.property === property)!, best.spec, shown, runs, capped);
  if (!stateful) return result;
  return { ...result, message: `${result.message} — and your code keeps state between calls (module-level variables): run again in a fresh module, this scenario did not fail` };
}

function failureResult(info: CheckInfo, verdict: Verdict, spec: SloppySpec, judged: JudgedSloppyRun, shrinkRuns: number, capped: boolean): CheckResult {
  const run = judged.run;
  const writes = run.writes.filter((w) => verdict.events.some((e) => e.node === w.client && e.t === w.invokedAt));
  const focus = [...verdict.events.map((e) => ({ t: e.t, ...(e.node ? { node: e.node } : {}) })), ...(judged.firstBadDecision ? [{ t: judged.firstBadDecision.t, node: judged.firstBadDecision.node }] : [])];
  return {
    ...info,
    status: 'failed',
    message: verdict.explanation,
    details: [...verdict.info, `published constants: write timeout ${run.timing.writeTimeoutMs} ms, hand-off every ${run.timing.handoffMs} ms`],
    scenario: scenarioOf(spec, run.scenario, shrinkRuns, capped),
    replay: encodeReplayToken({ exercise: SLOPPY_QUORUM_EXERCISE_ID, scenario: { spec, scenario: run.scenario } }),
    ...(judged.firstBadDecision ? { firstBadDecision: judged.firstBadDecision.text } : {}),
    timeline: quorumTimeline(run, { reads: [], writes }, focus),
  };
}

function harnessBugResult(info: CheckInfo, spec: SloppySpec, judged: JudgedSloppyRun): CheckResult {
  const verdict = judged.verdicts.find((v) => !v.ok)!;
  return {
    ...failureResult(info, verdict, spec, judged, 0, false),
    status: 'harness-bug',
    message: `internal error (harness bug): "${verdict.explanation}" although every decision of yours was acceptable. This is not your fault; please report it with the replay token.`,
  };
}

function scenarioOf(spec: SloppySpec, scenario: LeaderlessScenario, shrinkRuns: number, shrinkCapped: boolean): FailingScenario {
  return {
    family: spec.family,
    parameters: describeSloppySpec(spec),
    schedule: [...describeSchedule(scenario.faults), `t=${scenario.faultPhaseMs}ms recovery: restart every crashed node`],
    shrinkRuns,
    shrinkCapped,
  };
}
