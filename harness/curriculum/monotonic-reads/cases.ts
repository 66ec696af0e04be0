/**
 * Decision cases (design §E.4): the learner's functions facing sessions built with its own
 * afterRead, and hand-built replies and hints. Each answer is judged against the set computed from
 * the replies shown, and each case declares that set by hand so a test can hold the two together.
 */
import type { HookOutcome } from '../../cluster/index.ts';
import type { ReadReply, ReplicaStatus } from '../../exercise/index.ts';
import { caseCheckGroup, type CaseFinding } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import type { AskAt, LearnerSession } from '../learner-session.ts';
import { acceptsAfterStepAlone, askedLater, describeReplicas, describeReply, follower as f, leader as L, sessionAfterSteps, show, stepsText, updateIsToBlame } from '../workloads/replica-reads/index.ts';
import { acceptProblem, MONOTONIC_ANSWER_SETS, routeProblem, type ShownReply } from './acceptable.ts';

export type MonotonicCheckId = 'rejects-older-state' | 'accepts-newer-state' | 'remembers-the-newest' | 'stays-home' | 'falls-back' | 'falls-back-to-the-leader' | 'waits-without-a-leader';

export type MonotonicCase =
  | { readonly check: MonotonicCheckId; readonly name: string; readonly fn: 'acceptsReply'; readonly shown: readonly ReadReply[]; readonly reply: ReadReply; readonly acceptable: readonly boolean[]; readonly control?: ReadReply }
  | { readonly check: MonotonicCheckId; readonly name: string; readonly fn: 'chooseReplica'; readonly shown: readonly ReadReply[]; readonly home: string; readonly replicas: readonly ReplicaStatus[]; readonly acceptable: readonly (string | null)[] };

/** A reply of `replica` (a follower unless it is n1 or n3 answering as leader). */
const reply = (key: string, version: number, appliedLsn: number, replica = 'n5', role: 'leader' | 'follower' = 'follower'): ReadReply => ({ replica, role, key, value: `${key}@${version}`, version, appliedLsn });

/** s: shown a at version 15 from home n5, applied to 20; s2 and s3 one read later. */
const s = [reply('a', 15, 20)];
const s2 = [...s, reply('b', 3, 25, 'n4')];
const s3 = [...s, reply('a', 28, 30, 'n4')];
/** s4: the newest state came from the leader, which a session must remember like any other. */
const s4 = [...s, reply('a', 28, 30, 'n1', 'leader')];
/** s5: shown a at 20 applied to 20, so either token holds 20 and one step below it is older. */
const s5 = [reply('a', 20, 20)];

export const MONOTONIC_CASES: readonly MonotonicCase[] = [
  { check: 'rejects-older-state', name: 'home n5 itself answers with an older state (it restarted from a checkpoint)', fn: 'acceptsReply', shown: s, reply: reply('a', 12, 14), acceptable: [false] },
  { check: 'rejects-older-state', name: 'the leader answers with an older state (a new leader, its apply trailing)', fn: 'acceptsReply', shown: s, reply: reply('a', 12, 14, 'n1', 'leader'), acceptable: [false] },
  { check: 'rejects-older-state', name: 'shown a at 28 only: a at 15 is a step back', fn: 'acceptsReply', shown: [s3[1]!], reply: reply('a', 15, 25, 'n6'), acceptable: [false] },
  { check: 'rejects-older-state', name: 'shown a at 28 by the leader only: a at 15 is a step back', fn: 'acceptsReply', shown: [s4[1]!], reply: reply('a', 15, 25, 'n6'), acceptable: [false] },
  { check: 'rejects-older-state', name: 'another key from a member behind what was shown (either answer is fine)', fn: 'acceptsReply', shown: s, reply: reply('b', 3, 18, 'n6'), acceptable: [true, false] },
  { check: 'rejects-older-state', name: 'shown a at 20 applied to 20: a at 15 applied to 19 is one step back', fn: 'acceptsReply', shown: s5, reply: reply('a', 15, 19, 'n6'), acceptable: [false] },
  // One below: a bound off by one (version + 1 >= shown, appliedLsn >= shown - 1) shows the reply.
  { check: 'rejects-older-state', name: 'shown a at 20 applied to 20: a at 19 applied to 19 is one step back', fn: 'acceptsReply', shown: s5, reply: reply('a', 19, 19, 'n6'), acceptable: [false] },
  { check: 'rejects-older-state', name: 'n7 just joined and has applied nothing yet: its empty a (version 0, applied 0) is a step back', fn: 'acceptsReply', shown: s, reply: { ...reply('a', 0, 0, 'n7'), value: null }, acceptable: [false] },
  { check: 'accepts-newer-state', name: 'another key from a member past what was shown', fn: 'acceptsReply', shown: s, reply: reply('b', 3, 25, 'n6'), acceptable: [true] },
  { check: 'accepts-newer-state', name: 'the very state shown before', fn: 'acceptsReply', shown: s, reply: reply('a', 15, 20), acceptable: [true] },
  { check: 'accepts-newer-state', name: 'the leader at the very state shown before', fn: 'acceptsReply', shown: s, reply: reply('a', 15, 20, 'n1', 'leader'), acceptable: [true] },
  { check: 'remembers-the-newest', name: 'shown a at 15, then b at 3: a at 12 is still a step back', fn: 'acceptsReply', shown: s2, reply: reply('a', 12, 14, 'n6'), acceptable: [false], control: s2[0] },
  { check: 'remembers-the-newest', name: 'shown a at 15, then a at 28: a at 15 is now a step back', fn: 'acceptsReply', shown: s3, reply: reply('a', 15, 25, 'n6'), acceptable: [false], control: s3[1] },
  { check: 'remembers-the-newest', name: 'shown a at 15, then a at 28 by the leader: a at 15 is now a step back', fn: 'acceptsReply', shown: s4, reply: reply('a', 15, 25, 'n6'), acceptable: [false], control: s4[1] },
  { check: 'stays-home', name: 'home caught up, another follower further ahead', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [L('n1', 30), f('n4', 28), f('n5', 22), f('n6', 25)], acceptable: ['n5'] },
  { check: 'stays-home', name: 'home hinted exactly as far as what was shown, others further ahead', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [L('n1', 30), f('n4', 28), f('n5', 20), f('n6', 25)], acceptable: ['n5'] },
  // Not stays-home: home may be left here, and the one wrong answer is the leader.
  { check: 'falls-back-to-the-leader', name: 'home hinted a little behind what was shown', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [L('n1', 30), f('n4', 28), f('n5', 18), f('n6', 25)], acceptable: ['n5', 'n4', 'n6'] },
  { check: 'falls-back', name: 'home unreachable, one follower far enough', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [L('n1', 30), f('n4', 28), f('n5', 22, true), f('n6', 12)], acceptable: ['n4'] },
  { check: 'falls-back', name: 'no leader known, home unreachable: the follower far enough, not the one behind', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [f('n6', 10), f('n4', 21), f('n5', 22, true)], acceptable: ['n4'] },
  { check: 'falls-back-to-the-leader', name: 'home already tried, the others behind', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [L('n1', 30), f('n4', 12), f('n6', 14)], acceptable: ['n1'] },
  { check: 'falls-back-to-the-leader', name: 'the leader is not the first member offered', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [f('n1', 10), f('n5', 10, true), L('n3', 30)], acceptable: ['n3'] },
  { check: 'waits-without-a-leader', name: 'no leader known, home tried, the others behind', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [f('n4', 12), f('n6', 14)], acceptable: ['n4', 'n6', null] },
  { check: 'waits-without-a-leader', name: 'no leader known, home hinted a little behind', fn: 'chooseReplica', shown: s, home: 'n5', replicas: [f('n4', 16), f('n5', 18)], acceptable: ['n5', 'n4', null] },
];

const CHECKS: readonly (CheckInfo & { id: MonotonicCheckId })[] = [
  { id: 'rejects-older-state', title: 'acceptsReply refuses a state older than one you were shown, from any replica, the leader’s too', weight: 2 },
  { id: 'accepts-newer-state', title: 'acceptsReply takes a reply at or past everything you were shown', weight: 1 },
  { id: 'remembers-the-newest', title: 'afterRead keeps the newest state shown, whatever the later reads showed', weight: 1 },
  { id: 'stays-home', title: 'chooseReplica reads from home while it can serve the user', weight: 1 },
  { id: 'falls-back', title: 'chooseReplica falls back to a reachable follower far enough when home cannot serve', weight: 1 },
  { id: 'falls-back-to-the-leader', title: 'chooseReplica falls back to the leader only when no follower can serve', weight: 1 },
  { id: 'waits-without-a-leader', title: 'chooseReplica waits (null) or tries a member when no leader is known', weight: 1 },
];

const START = { seenLsn: 0 };
const chain = (shown: readonly ReadReply[]): string => stepsText('afterRead', START, shown);
const bookkept = (shown: readonly ReadReply[]): ShownReply[] => shown.map((r) => ({ key: r.key, version: r.version, appliedLsn: r.appliedLsn }));

interface Answered {
  readonly session: unknown;
  readonly answer: unknown;
  /** The same question after the case's control reply alone. */
  readonly control?: { readonly session: unknown; readonly answer: unknown };
}

async function answer(c: MonotonicCase, session: LearnerSession, at: AskAt): Promise<HookOutcome<Answered>> {
  const s = await sessionAfterSteps(session, 'afterRead', START, c.shown, at);
  if (!s.ok) return s;
  const args = c.fn === 'acceptsReply' ? [s.value, c.reply] : [s.value, c.home, c.replicas];
  const last = { ...askedLater(at), seed: (at.seed ?? 0) + 100, freezeArgs: true };
  const got = await session.ask(c.fn, args, last);
  if (!got.ok) return got;
  if (c.fn !== 'acceptsReply' || c.control === undefined) return { ok: true, value: { session: s.value, answer: got.value } };
  const control = await acceptsAfterStepAlone(session, 'afterRead', START, c.control, c.reply, at);
  return control.ok ? { ok: true, value: { session: s.value, answer: got.value, control: control.value } } : control;
}

function judge(c: MonotonicCase, value: unknown): CaseFinding {
  const { session, answer: a, control } = value as Answered;
  const wrong = c.fn === 'acceptsReply' ? acceptProblem({ shown: bookkept(c.shown), reply: c.reply }, a) : routeProblem({ shown: bookkept(c.shown), home: c.home, replicas: c.replicas }, a);
  if (wrong !== null && c.fn === 'acceptsReply' && c.control !== undefined && control !== undefined) {
    const controlWrong = acceptProblem({ shown: bookkept([c.control]), reply: c.reply }, control.answer) !== null;
    if (!updateIsToBlame(START, { session: control.session, wrong: controlWrong })) return null;
  }
  return wrong === null ? null : { message: `${c.name}: ${wrong.text}`, details: [`the session: ${chain(c.shown)} returned ${show(session)}`], expected: wrong.expected };
}

function showCase(c: MonotonicCase): string[] {
  const from = `the session from ${chain(c.shown)}`;
  return c.fn === 'acceptsReply'
    ? [`case "${c.name}": ${from}, then acceptsReply(session, ${describeReply(c.reply)})`]
    : [`case "${c.name}": ${from}, then chooseReplica(session, "${c.home}", ${describeReplicas(c.replicas)})`];
}

export const monotonicDecisionChecks: CheckGroup = caseCheckGroup<MonotonicCase>({
  checks: CHECKS,
  cases: MONOTONIC_CASES,
  answer,
  judge,
  show: showCase,
  acceptableSets: MONOTONIC_ANSWER_SETS,
});
