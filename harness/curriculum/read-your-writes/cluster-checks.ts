/**
 * The read-your-writes cluster checks (design §D.3): the failover cluster with applied state and
 * reads, the session proxy asking the learner's four functions, users on two devices each. Judged
 * from the harness's own records: what each device was acknowledged and shown (the history), and
 * which acks the proxy had processed for the user at each call (never the learner's session).
 */
import { checkReadsYourWrites, satisfied, violated, type SessionOp, type Verdict } from '../../checkers/index.ts';
import { runSessionCluster, type RoutedRead, type SessionRun, type SessionScenario } from '../../cluster/index.ts';
import type { ReadReply, ReplicaStatus } from '../../exercise/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import { statedBy } from '../expectation.ts';
import { learnerSession, type LearnerProblem } from '../learner-session.ts';
import { checkPerProperty, scenarioCheckGroup } from '../scenario-checks.ts';
import { callsOf, checkReadsAnswered, judgedFrom, learnerPolicy, readInProgress, sessionOps, show, verdictProblem, verdictSet, badCallReporting, type BadCall, type CallNote, type DependsOn, type Owed } from '../workloads/replica-reads/index.ts';
import { routeProblem, RYW_ANSWER_SETS, SESSION_KEY_ANSWERS, type AckedWrite } from './acceptable.ts';
import { rywLessons } from './lessons.ts';
import { rywPresenter } from './present.ts';
import { buildRywScenario, describeRywSpec, hiddenRywScenarioSpecArbitrary, READ_BOUND_MS, rywSchedule, rywScenarioSpecArbitrary, SETTLE_MS, type RywScenarioSpec } from './scenarios.ts';

export type RywProperty = 'reads-your-writes' | 'reads-are-answered' | 'routes-reads-well';

export const RYW_PROPERTIES: readonly { readonly name: RywProperty; readonly title: string }[] = [
  { name: 'reads-your-writes', title: 'You always see your own writes, from any of your devices' },
  { name: 'reads-are-answered', title: 'A read is answered whenever the leader could answer it' },
  { name: 'routes-reads-well', title: 'Reads go to a reachable follower known to have your writes, to the leader only when none is' },
];

/** First-bad relevance (design §D.3): the calls each property's verdict depends on. */
const DEPENDS_ON: DependsOn<RywProperty> = {
  'reads-your-writes': ['acceptsReply', 'sessionKey'],
  'reads-are-answered': ['chooseReplica', 'acceptsReply'],
  'routes-reads-well': ['chooseReplica', 'sessionKey'],
};

/** acceptsReply in a run: false if the reply misses a write acknowledged to the user before the read began, true if it is past every ack the proxy had processed. */
const CLUSTER_ACCEPT_ANSWERS = verdictSet<{ reply: ReadReply; owed: Owed }>('read-your-writes/cluster-accepts-reply', (q) => q);

export interface JudgedRywRun {
  readonly run: SessionRun;
  readonly verdicts: readonly Verdict<RywProperty>[];
  /** Every call outside its set, in order. */
  readonly badCalls: readonly BadCall[];
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

const highest = (writes: readonly AckedWrite[], key?: string): number => Math.max(0, ...writes.filter((w) => key === undefined || w.key === key).map((w) => w.lsn));
const acksText = (writes: readonly AckedWrite[]): string => (writes.length === 0 ? 'no ack yet' : `acks ${writes.map((w) => `${w.key}@${w.lsn}`).join(', ')}`);

/** Each call judged against its set, with the acks the proxy had processed for the user at that moment. */
export function badCalls(run: SessionRun, ops: readonly SessionOp[] = sessionOps(run)): BadCall[] {
  const acked = new Map<string, AckedWrite[]>();
  const keys = new Map<string, { user: string; device: string; key: unknown }[]>();
  const lastWrite = new Map<string, CallNote>();
  const out: BadCall[] = [];
  for (const note of callsOf(run)) {
    const { t, call } = note;
    const node = `${call.user}${call.device}`;
    const writes = acked.get(call.user) ?? [];
    const origin = (): string => {
      const w = lastWrite.get(call.sessionKey ?? '');
      return w === undefined ? '' : `; the session it was given came from afterWrite at t=${w.t} ms, which returned ${show(w.call.answer)} after ${acksText(writes)}`;
    };
    if (call.fn === 'afterWrite') {
      acked.set(call.user, [...writes, call.args[1] as AckedWrite]);
      lastWrite.set(call.sessionKey ?? '', note);
    } else if (call.fn === 'sessionKey') {
      const asked = [...keys.values()].flat();
      const mine = keys.get(call.user) ?? [];
      keys.set(call.user, [...mine, { user: call.user, device: call.device, key: call.answer }]);
      const other = mine.find((k) => k.key !== call.answer) ?? asked.find((k) => k.key === call.answer && k.user !== call.user);
      if (other !== undefined) {
        const text = other.user === call.user
          ? `sessionKey("${call.user}", "${call.device}") returned ${show(call.answer)} but sessionKey("${call.user}", "${other.device}") returned ${show(other.key)}: the two devices of ${call.user} get different sessions, so a write made on one is unknown to reads from the other`
          : `sessionKey("${call.user}", "${call.device}") returned ${show(call.answer)}, as sessionKey("${other.user}", "${other.device}") did: ${call.user} and ${other.user} share one session`;
        const question = { asked: [[other.user, other.device], [call.user, call.device]] as const };
        out.push({ t, node, fn: 'sessionKey', text: `at t=${t} ms ${text}`, expected: statedBy(SESSION_KEY_ANSWERS, question, [other.key, call.answer], [[other.user, call.user]]) });
      }
    } else if (call.fn === 'acceptsReply') {
      const reply = call.args[1] as ReadReply;
      const read = readInProgress(ops, call.user, call.device, t);
      const ownBefore = ops.filter((o) => o.kind === 'write' && o.user === call.user && o.key === reply.key && o.lsn !== undefined && o.completedAt !== undefined && o.completedAt < (read?.invokedAt ?? t));
      const owed: Owed = { forKey: Math.max(0, ...ownBefore.map((o) => (o as { lsn: number }).lsn)), overall: highest(writes) };
      const wrong = verdictProblem(CLUSTER_ACCEPT_ANSWERS, { reply, owed }, reply, owed, call.answer, acksText(writes), (forced) =>
        forced
          ? `${reply.replica} had applied up to ${reply.appliedLsn}, at or past every write of ${call.user} acknowledged so far (the newest at lsn ${owed.overall}), so refusing it turns away an answer that has them all`
          : `it shows ${reply.key} at version ${reply.version}, older than ${call.user}'s own write of it at lsn ${owed.forKey}, acknowledged before this read began`,
      );
      if (wrong !== null) out.push({ t, node, fn: 'acceptsReply', text: `at t=${t} ms ${node}'s read: ${wrong.text}${origin()}`, expected: wrong.expected });
    } else if (call.fn === 'chooseReplica') {
      const [, read, replicas] = call.args as [unknown, RoutedRead, ReplicaStatus[]];
      const key = read.key;
      const wrong = routeProblem({ writes, key, replicas }, call.answer);
      if (wrong !== null) out.push({ t, node, fn: 'chooseReplica', text: `at t=${t} ms ${node}'s read: ${wrong.text}${origin()}`, expected: wrong.expected });
    }
  }
  return out;
}

/** Every chooseReplica answer (and every sessionKey) in its set. */
function checkRoutes(bad: readonly BadCall[]): Verdict<RywProperty> {
  const first = bad.find((b) => b.fn === 'chooseReplica' || b.fn === 'sessionKey');
  return first === undefined ? satisfied('routes-reads-well') : violated('routes-reads-well', first.text.replace(/^at t=\d+ ms /, '').replace('; acceptable: ', '; a correct proxy answers '), [{ t: first.t, node: first.node, what: first.fn }]);
}

export function judgeRywRun(run: SessionRun, bad: readonly BadCall[]): Verdict<RywProperty>[] {
  const ops = sessionOps(run);
  return [checkReadsYourWrites('reads-your-writes', ops), checkReadsAnswered('reads-are-answered', ops, judgedFrom(run, SETTLE_MS), READ_BOUND_MS, run.endsAt), checkRoutes(bad)];
}

export const RYW_START = { writtenLsn: 0 };

export async function runJudgedRyw(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SessionScenario, trace = true): Promise<JudgedRywRun> {
  const caller = learnerSession(ctx.call, scenario.seed);
  const policy = learnerPolicy(caller, RYW_START, { sessionKey: true, afterWrite: true, afterRead: false }, (read) => read.key);
  const run = await runSessionCluster(scenario, policy, { hostYield: ctx.hostYield, trace });
  const bad = badCalls(run);
  const problem = caller.problem() ?? (run.stoppedBy !== undefined ? { status: 'failed' as const, message: `${run.stoppedBy.fn}: ${run.stoppedBy.problem}` } : undefined);
  return { run, verdicts: judgeRywRun(run, bad), badCalls: bad, ...(problem ? { learnerProblem: problem } : {}), console: caller.console() };
}

export const rywClusterChecks: CheckGroup = scenarioCheckGroup<RywScenarioSpec, SessionScenario, RywProperty, JudgedRywRun>({
  format: 1,
  checks: checkPerProperty(RYW_PROPERTIES),
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenRywScenarioSpecArbitrary : rywScenarioSpecArbitrary),
  build: buildRywScenario,
  runJudged: (ctx, scenario, trace) => runJudgedRyw(ctx, scenario, trace),
  present: rywPresenter,
  acceptableSets: [...RYW_ANSWER_SETS, CLUSTER_ACCEPT_ANSWERS],
  ...badCallReporting(DEPENDS_ON, rywPresenter),
  describe: (spec, scenario) => ({ parameters: describeRywSpec(spec), schedule: rywSchedule(scenario) }),
  couldNotJudge: 'the cluster could not be judged: a session function had no usable answer.',
  answerNoun: 'answer',
  statelessAdvice: 'make sessionKey, afterWrite, chooseReplica and acceptsReply depend only on their arguments',
  passedNotes: rywLessons,
});

