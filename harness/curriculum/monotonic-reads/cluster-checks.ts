/**
 * The monotonic-reads cluster checks (design §E.3): voters n1–n3 with a failover coordinator,
 * non-voting read followers n4–n6 as homes (rendezvous hashing), the session proxy asking the
 * learner's chooseReplica, acceptsReply and afterRead for users who only read, while harness writers
 * write. Judged from the harness's records: what each user was shown (the history) and which replies
 * the proxy had accepted for the user at each call (never the learner's session).
 */
import { checkNeverBackInTime, satisfied, violated, type SessionOp, type Verdict } from '../../checkers/index.ts';
import { runSessionCluster, type RoutedRead, type SessionRun, type SessionScenario } from '../../cluster/index.ts';
import type { ReadReply, ReplicaStatus } from '../../exercise/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import { learnerSession, type LearnerProblem } from '../learner-session.ts';
import { checkPerProperty, scenarioCheckGroup } from '../scenario-checks.ts';
import { callsOf, checkReadsAnswered, judgedFrom, learnerPolicy, readInProgress, sessionOps, show, verdictProblem, verdictSet, badCallReporting, type BadCall, type CallNote, type DependsOn, type Owed } from '../workloads/replica-reads/index.ts';
import { monotonicPresenter } from './present.ts';
import { MONOTONIC_ANSWER_SETS, routeProblem, type ShownReply } from './acceptable.ts';
import { bothNotes, placementLesson, rollbackLesson } from './lessons.ts';
import { hiddenMonotonicScenarioSpecArbitrary, monotonicScenarioSpecArbitrary, readBoundOf, SETTLE_MS } from './scenarios.ts';
import { buildAnyMonotonicScenario, describeAnyMonotonic, parseAnyMonotonicSpec, type AnyMonotonicSpec } from './session-guarantees.ts';

export type MonotonicProperty = 'never-back-in-time' | 'reads-are-answered' | 'stays-home';

export const MONOTONIC_PROPERTIES: readonly { readonly name: MonotonicProperty; readonly title: string }[] = [
  { name: 'never-back-in-time', title: 'Your reads never go back in time' },
  { name: 'reads-are-answered', title: 'A read is answered whenever the leader could answer it' },
  { name: 'stays-home', title: 'A user reads from their home while it can serve them' },
];

/** First-bad relevance (design §E.3): the calls each property's verdict depends on. */
const DEPENDS_ON: DependsOn<MonotonicProperty> = {
  'never-back-in-time': ['acceptsReply', 'afterRead'],
  'reads-are-answered': ['acceptsReply', 'chooseReplica'],
  'stays-home': ['chooseReplica'],
};

/** acceptsReply in a run: false if the reply is older, for its key, than a read already returned to the user; true if it is past every reply accepted for them. */
const CLUSTER_ACCEPT_ANSWERS = verdictSet<{ reply: ReadReply; owed: Owed }>('monotonic-reads/cluster-accepts-reply', (q) => q);

export interface JudgedMonotonicRun {
  readonly run: SessionRun;
  readonly verdicts: readonly Verdict<MonotonicProperty>[];
  /** Every call outside its set, in order. */
  readonly badCalls: readonly BadCall[];
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

const shownText = (shown: readonly ShownReply[]): string => (shown.length === 0 ? 'nothing shown yet' : `shown ${shown.slice(-4).map((r) => `${r.key} v${r.version} (applied ${r.appliedLsn})`).join(', ')}${shown.length > 4 ? ' and earlier' : ''}`);

export function badCalls(run: SessionRun, ops: readonly SessionOp[] = sessionOps(run)): BadCall[] {
  const shown = new Map<string, ShownReply[]>();
  const lastRead = new Map<string, CallNote>();
  const out: BadCall[] = [];
  for (const note of callsOf(run)) {
    const { t, call } = note;
    const node = `${call.user}${call.device}`;
    const mine = shown.get(call.user) ?? [];
    const origin = (): string => {
      const r = lastRead.get(call.user);
      return r === undefined ? '' : `; the session it was given came from afterRead at t=${r.t} ms, which returned ${show(r.call.answer)}`;
    };
    if (call.fn === 'afterRead') lastRead.set(call.user, note);
    else if (call.fn === 'acceptsReply') {
      const reply = call.args[1] as ReadReply;
      const read = readInProgress(ops, call.user, call.device, t);
      const before = ops.filter((o) => o.kind === 'read' && o.user === call.user && o.key === reply.key && o.outcome === 'ok' && o.completedAt !== undefined && o.completedAt < (read?.invokedAt ?? t));
      const owed: Owed = { forKey: Math.max(0, ...before.map((o) => (o as { version: number }).version)), overall: Math.max(0, ...mine.map((r) => r.appliedLsn)) };
      const wrong = verdictProblem(CLUSTER_ACCEPT_ANSWERS, { reply, owed }, reply, owed, call.answer, shownText(mine), (forced) =>
        forced
          ? `${reply.replica} had applied up to ${reply.appliedLsn}, at or past everything ${call.user} was shown (applied ${owed.overall}), so it cannot be older than anything they saw`
          : `${call.user} was already shown ${reply.key} at version ${owed.forKey}, so version ${reply.version} would take them back in time`,
      );
      if (wrong !== null) out.push({ t, node, fn: 'acceptsReply', text: `at t=${t} ms ${node}'s read: ${wrong.text}${origin()}`, expected: wrong.expected });
      if (call.answer === true) shown.set(call.user, [...mine, { key: reply.key, version: reply.version, appliedLsn: reply.appliedLsn }]);
    } else if (call.fn === 'chooseReplica') {
      const [, read, replicas] = call.args as [unknown, RoutedRead, ReplicaStatus[]];
      const wrong = routeProblem({ shown: mine, home: read.home ?? '', replicas }, call.answer);
      if (wrong !== null) out.push({ t, node, fn: 'chooseReplica', text: `at t=${t} ms ${node}'s read: ${wrong.text}${origin()}`, expected: wrong.expected });
    }
  }
  return out;
}

function checkStaysHome(bad: readonly BadCall[]): Verdict<MonotonicProperty> {
  const first = bad.find((b) => b.fn === 'chooseReplica');
  return first === undefined ? satisfied('stays-home') : violated('stays-home', first.text.replace(/^at t=\d+ ms /, '').replace('; acceptable: ', '; a correct proxy answers '), [{ t: first.t, node: first.node, what: first.fn }]);
}

export function judgeMonotonicRun(run: SessionRun, bad: readonly BadCall[]): Verdict<MonotonicProperty>[] {
  const ops = sessionOps(run);
  return [checkNeverBackInTime('never-back-in-time', ops), checkReadsAnswered('reads-are-answered', ops, judgedFrom(run, SETTLE_MS), readBoundOf(run.members.length), run.endsAt), checkStaysHome(bad)];
}

export const MONOTONIC_START = { seenLsn: 0 };

export async function runJudgedMonotonic(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SessionScenario, trace = true): Promise<JudgedMonotonicRun> {
  const caller = learnerSession(ctx.call, scenario.seed);
  const policy = learnerPolicy(caller, MONOTONIC_START, { sessionKey: false, afterWrite: false, afterRead: true }, (read) => read.home);
  const run = await runSessionCluster(scenario, policy, { hostYield: ctx.hostYield, trace });
  const bad = badCalls(run);
  const problem = caller.problem() ?? (run.stoppedBy !== undefined ? { status: 'failed' as const, message: `${run.stoppedBy.fn}: ${run.stoppedBy.problem}` } : undefined);
  return { run, verdicts: judgeMonotonicRun(run, bad), badCalls: bad, ...(problem ? { learnerProblem: problem } : {}), console: caller.console() };
}

export const monotonicClusterChecks: CheckGroup = scenarioCheckGroup<AnyMonotonicSpec, SessionScenario, MonotonicProperty, JudgedMonotonicRun>({
  format: 1,
  checks: checkPerProperty(MONOTONIC_PROPERTIES),
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenMonotonicScenarioSpecArbitrary : monotonicScenarioSpecArbitrary),
  build: buildAnyMonotonicScenario,
  parseSpec: parseAnyMonotonicSpec,
  runJudged: (ctx, scenario, trace) => runJudgedMonotonic(ctx, scenario, trace),
  present: monotonicPresenter,
  acceptableSets: [...MONOTONIC_ANSWER_SETS, CLUSTER_ACCEPT_ANSWERS],
  ...badCallReporting(DEPENDS_ON, monotonicPresenter),
  describe: describeAnyMonotonic,
  couldNotJudge: 'the cluster could not be judged: a session function had no usable answer.',
  answerNoun: 'answer',
  statelessAdvice: 'make chooseReplica, afterRead and acceptsReply depend only on their arguments',
  passedNotes: (ctx) => bothNotes(placementLesson(), rollbackLesson(ctx)),
});
