/**
 * monotonic-reads' optional check (design §E.7), weight 0, judged only when afterWrite is exported:
 * the scripted families of users on two devices (design §D.3: a read right after the user's own
 * write, on the other device, after a follower restart, after a failover) with this exercise's functions, homes drawn by
 * the proxy among the followers n2 and n3 (the members those families hold back and restart), and
 * every write ack fed to the learner's afterWrite. One session must then give read-your-writes and
 * never-back-in-time together, as MongoDB's causally consistent sessions and Cosmos DB's session
 * tokens do, with every read still answered as the main checks demand (an afterWrite asking for more
 * than the write would otherwise pass by refusing every reply). Only acceptsReply is judged call by call (routing is the main checks' business); its
 * set joins both guarantees' bookkeeping: false if the reply is older, for its key, than the user's
 * own acknowledged write or than a read already returned; true if it is applied past every ack and
 * every accepted reply of the user.
 */
import fc from 'fast-check';
import { checkNeverBackInTime, checkReadsYourWrites } from '../../checkers/index.ts';
import { rendezvousHome, runSessionCluster, type SessionRun, type SessionScenario } from '../../cluster/index.ts';
import type { ReadReply } from '../../exercise/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import { learnerSession } from '../learner-session.ts';
import { scenarioCheckGroup, type JudgedScenarioRun } from '../scenario-checks.ts';
import { specParser } from '../spec-parser.ts';
import { buildRywScenario, describeRywSpec, READ_BOUND_MS, rywSchedule, SCRIPTED, scriptedRywScenarioSpecArbitrary, SETTLE_MS, type RywScenarioSpec } from '../workloads/replica-reads/device-families.ts';
import { badCallReporting, callsOf, checkReadsAnswered, judgedFrom, learnerPolicy, readInProgress, sessionOps, show, verdictProblem, verdictSet, type BadCall, type CallNote, type DependsOn, type Owed } from '../workloads/replica-reads/index.ts';
import { monotonicPresenter } from './present.ts';
import { buildMonotonicScenario, describeMonotonicSpec, hiddenMonotonicScenarioSpecArbitrary, monotonicSchedule, monotonicScenarioSpecArbitrary, type MonotonicScenarioSpec } from './scenarios.ts';

/** A two-device family run for the optional check; tokens of either group carry either kind of spec. */
export interface SessionGuaranteeSpec {
  readonly family: 'session-guarantees';
  readonly run: RywScenarioSpec;
}
export type AnyMonotonicSpec = MonotonicScenarioSpec | SessionGuaranteeSpec;

const HOMES_AMONG = ['n2', 'n3'];
/** The families hold back or restart u1's home, the follower its critical reads go to first. */
const U1_HOME = rendezvousHome('u1', HOMES_AMONG)!;
const U1_AIM = { first: U1_HOME, second: HOMES_AMONG.find((f) => f !== U1_HOME)! };
const START = { seenLsn: 0 };

const sessionGuaranteeSpecs = (tier: CheckContext['tier'], only = SCRIPTED): fc.Arbitrary<SessionGuaranteeSpec> =>
  fc.record({ family: fc.constant('session-guarantees' as const), run: scriptedRywScenarioSpecArbitrary(tier === 'hidden' ? 'hidden' : 'public', only) });

/** The first runs: one of each scripted family, drawn from the tier's seed (a random draw of 4 can miss one, pipelined acks included). */
const onePerFamily = (ctx: CheckContext): SessionGuaranteeSpec[] => SCRIPTED.map((f) => fc.sample(sessionGuaranteeSpecs(ctx.tier, [f]), { seed: ctx.seed, numRuns: 1 })[0]!);

/** One parser for both groups of the exercise: a replay token runs in every group. */
export const parseAnyMonotonicSpec = specParser<AnyMonotonicSpec>(
  fc.oneof(monotonicScenarioSpecArbitrary, hiddenMonotonicScenarioSpecArbitrary, sessionGuaranteeSpecs('public'), sessionGuaranteeSpecs('hidden')) as fc.Arbitrary<AnyMonotonicSpec>,
);

export function buildAnyMonotonicScenario(spec: AnyMonotonicSpec): SessionScenario {
  return spec.family === 'session-guarantees' ? { ...buildRywScenario(spec.run, U1_AIM), homes: true, homesAmong: HOMES_AMONG } : buildMonotonicScenario(spec);
}

export function describeAnyMonotonic(spec: AnyMonotonicSpec, scenario: SessionScenario): { parameters: string; schedule: string[] } {
  if (spec.family !== 'session-guarantees') return { parameters: describeMonotonicSpec(spec), schedule: monotonicSchedule(scenario) };
  return { parameters: `users on two devices, writing and reading, homes among ${HOMES_AMONG.join(' and ')}; ${describeRywSpec(spec.run)}`, schedule: rywSchedule(scenario) };
}

/** Reads stay answered too: an afterWrite demanding more than the write would otherwise pass by refusing every reply. */
export type GuaranteeProperty = 'reads-your-writes' | 'never-back-in-time' | 'reads-are-answered';

const DEPENDS_ON: DependsOn<GuaranteeProperty> = { 'reads-your-writes': ['acceptsReply'], 'never-back-in-time': ['acceptsReply'], 'reads-are-answered': ['acceptsReply'] };

const ACCEPT_ANSWERS = verdictSet<{ reply: ReadReply; owed: Owed }>('monotonic-reads/cluster-accepts-reply-with-writes', (q) => q);

export interface JudgedGuaranteeRun extends JudgedScenarioRun<GuaranteeProperty, SessionScenario> {
  readonly run: SessionRun;
  readonly badCalls: readonly BadCall[];
  readonly missing: boolean;
}

/** Each acceptsReply judged against what the user wrote (acks the proxy processed, writes acknowledged before the read) and was shown. */
export function guaranteeBadCalls(run: SessionRun): BadCall[] {
  const ops = sessionOps(run);
  const acked = new Map<string, number>();
  const accepted = new Map<string, number>();
  const updated = new Map<string, CallNote>();
  const out: BadCall[] = [];
  for (const note of callsOf(run)) {
    const { t, call } = note;
    if (call.fn === 'afterWrite') {
      acked.set(call.user, Math.max(acked.get(call.user) ?? 0, (call.args[1] as { lsn: number }).lsn));
      updated.set(call.user, note);
    } else if (call.fn === 'afterRead') updated.set(call.user, note);
    else if (call.fn === 'acceptsReply') {
      const reply = call.args[1] as ReadReply;
      const node = `${call.user}${call.device}`;
      const started = readInProgress(ops, call.user, call.device, t)?.invokedAt ?? t;
      const before = ops.filter((o) => o.user === call.user && o.key === reply.key && o.completedAt !== undefined && o.completedAt < started);
      const wrote = Math.max(0, ...before.flatMap((o) => (o.kind === 'write' && o.lsn !== undefined ? [o.lsn] : [])));
      const saw = Math.max(0, ...before.flatMap((o) => (o.kind === 'read' && o.outcome === 'ok' ? [o.version!] : [])));
      const owed: Owed = { forKey: Math.max(wrote, saw), overall: Math.max(acked.get(call.user) ?? 0, accepted.get(call.user) ?? 0) };
      const wrong = verdictProblem(ACCEPT_ANSWERS, { reply, owed }, reply, owed, call.answer, `acks up to lsn ${acked.get(call.user) ?? 0} and replies shown applied up to ${accepted.get(call.user) ?? 0}`, (forced) =>
        forced
          ? `${reply.replica} had applied up to ${reply.appliedLsn}, at or past every write of ${call.user} acknowledged so far and everything they were shown`
          : wrote > reply.version
            ? `it shows ${reply.key} at version ${reply.version}, older than ${call.user}'s own write of it at lsn ${wrote}, acknowledged before this read began`
            : `${call.user} was already shown ${reply.key} at version ${saw}, so version ${reply.version} would take them back in time`,
      );
      const last = updated.get(call.user);
      const origin = last === undefined ? '' : `; the session it was given came from ${last.call.fn} at t=${last.t} ms, which returned ${show(last.call.answer)}`;
      if (wrong !== null) out.push({ t, node, fn: 'acceptsReply', text: `at t=${t} ms ${node}'s read: ${wrong.text}${origin}`, expected: wrong.expected });
      if (call.answer === true) accepted.set(call.user, Math.max(accepted.get(call.user) ?? 0, reply.appliedLsn));
    }
  }
  return out;
}

async function runJudged(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SessionScenario, trace: boolean): Promise<JudgedGuaranteeRun> {
  const caller = learnerSession(ctx.call, scenario.seed);
  const policy = learnerPolicy(caller, START, { sessionKey: false, afterWrite: true, afterRead: true }, (read) => read.home);
  const run = await runSessionCluster(scenario, policy, { hostYield: ctx.hostYield, trace });
  const ops = sessionOps(run);
  const problem = caller.problem() ?? (run.stoppedBy !== undefined ? { status: 'failed' as const, message: `${run.stoppedBy.fn}: ${run.stoppedBy.problem}` } : undefined);
  return {
    run,
    verdicts: [checkReadsYourWrites('reads-your-writes', ops), checkNeverBackInTime('never-back-in-time', ops), checkReadsAnswered('reads-are-answered', ops, judgedFrom(run, SETTLE_MS), READ_BOUND_MS, run.endsAt)],
    badCalls: guaranteeBadCalls(run),
    missing: caller.missingExport(),
    ...(problem ? { learnerProblem: problem } : {}),
    console: caller.console(),
  };
}

/** Design §E.7: at most 8 runs; §J's cut for the 1 s budget takes 4, one of each scripted family. */
const OPTIONAL_RUNS = SCRIPTED.length;

export const sessionGuaranteeChecks: CheckGroup = scenarioCheckGroup<AnyMonotonicSpec, SessionScenario, GuaranteeProperty, JudgedGuaranteeRun>({
  format: 1,
  checks: [
    {
      id: 'cluster-session-guarantees',
      title: 'Cluster (optional, unweighted): with afterWrite, one session gives read-your-writes and never goes back in time, every read still answered',
      weight: 0,
      properties: ['reads-your-writes', 'never-back-in-time', 'reads-are-answered'],
      optional: { skip: (judged) => judged.missing, skipped: 'skipped: your file does not export afterWrite (optional, unweighted), so one session giving both read-your-writes and monotonic reads was not checked' },
    },
  ],
  tiers: ['public', 'hidden'],
  specs: (ctx) => sessionGuaranteeSpecs(ctx.tier),
  schedules: (ctx) => Math.min(OPTIONAL_RUNS, ctx.schedules),
  examples: onePerFamily,
  build: buildAnyMonotonicScenario,
  parseSpec: parseAnyMonotonicSpec,
  runJudged: (ctx, scenario, trace) => runJudged(ctx, scenario, trace),
  present: monotonicPresenter,
  acceptableSets: [ACCEPT_ANSWERS],
  ...badCallReporting(DEPENDS_ON, monotonicPresenter),
  describe: describeAnyMonotonic,
  couldNotJudge: 'the cluster could not be judged: a session function had no usable answer.',
  answerNoun: 'answer',
  statelessAdvice: 'make chooseReplica, afterRead, acceptsReply and afterWrite depend only on their arguments',
});
