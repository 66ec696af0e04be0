/**
 * Decision cases (design §D.4): the learner's functions facing hand-built sessions, replies and
 * hints. Sessions come from the learner's own afterWrite, so a session that forgot an ack shows in
 * the answer that relies on it; each answer is judged against the set computed from the acks, and
 * each case declares that set by hand so a test can hold the two against each other.
 */
import type { HookOutcome } from '../../cluster/index.ts';
import type { ReadReply, ReplicaStatus } from '../../exercise/index.ts';
import { caseCheckGroup, type CaseFinding } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import type { AskAt, LearnerSession } from '../learner-session.ts';
import { acceptsAfterStepAlone, askedLater, describeReplicas, describeReply, follower as f, leader as L, sessionAfterSteps, show, stepsText, updateIsToBlame } from '../workloads/replica-reads/index.ts';
import { acceptProblem, routeProblem, RYW_ANSWER_SETS, SESSION_KEY_ANSWERS, sessionKeyProblem, type AckedWrite, type KeyQuestion } from './acceptable.ts';

export type RywCheckId =
  | 'rejects-stale-replies'
  | 'accepts-caught-up-replies'
  | 'remembers-the-highest-ack'
  | 'routes-to-a-caught-up-follower'
  | 'falls-back-to-the-leader'
  | 'waits-without-a-leader'
  | 'one-session-per-user';

export type RywCase =
  | { readonly check: RywCheckId; readonly name: string; readonly fn: 'acceptsReply'; readonly writes: readonly AckedWrite[]; readonly reply: ReadReply; readonly acceptable: readonly boolean[]; readonly control?: AckedWrite }
  | { readonly check: RywCheckId; readonly name: string; readonly fn: 'chooseReplica'; readonly writes: readonly AckedWrite[]; readonly key: string; readonly replicas: readonly ReplicaStatus[]; readonly acceptable: readonly (string | null)[] }
  | { readonly check: RywCheckId; readonly name: string; readonly fn: 'sessionKey'; readonly asked: KeyQuestion['asked'] };

const s1: AckedWrite[] = [{ key: 'a', lsn: 12 }, { key: 'b', lsn: 9 }];
const s2: AckedWrite[] = [{ key: 'a', lsn: 5 }, { key: 'b', lsn: 9 }];
/** s3: two writes to the same key whose acks arrive out of order, the higher first. */
const s3: AckedWrite[] = [{ key: 'a', lsn: 12 }, { key: 'a', lsn: 9 }];
const reply = (key: string, version: number, appliedLsn: number, role: 'leader' | 'follower' = 'follower'): ReadReply => ({
  replica: role === 'leader' ? 'n1' : 'n2',
  role,
  key,
  value: version === 0 ? null : `${key}@${version}`,
  version,
  appliedLsn,
});

export const RYW_CASES: readonly RywCase[] = [
  { check: 'rejects-stale-replies', name: 'a follower behind your write of a', fn: 'acceptsReply', writes: s1, reply: reply('a', 5, 11), acceptable: [false] },
  { check: 'rejects-stale-replies', name: 'the leader itself behind your write of a (a new leader, its apply trailing)', fn: 'acceptsReply', writes: s1, reply: reply('a', 5, 11, 'leader'), acceptable: [false] },
  { check: 'rejects-stale-replies', name: 'one ack of b at 9: b at version 3 misses it', fn: 'acceptsReply', writes: [s2[1]!], reply: reply('b', 3, 7), acceptable: [false] },
  { check: 'rejects-stale-replies', name: 'one ack of a at 12: a at version 9 misses it', fn: 'acceptsReply', writes: [s3[0]!], reply: reply('a', 9, 10), acceptable: [false] },
  // One below: a bound off by one (version >= W(k) - 1, appliedLsn + 1 >= W) shows the reply.
  { check: 'rejects-stale-replies', name: 'a at version 11, applied to 11: one short of your write of a at 12', fn: 'acceptsReply', writes: s1, reply: reply('a', 11, 11), acceptable: [false] },
  { check: 'rejects-stale-replies', name: 'b up to date, but the member behind your write of a (either answer is fine)', fn: 'acceptsReply', writes: s1, reply: reply('b', 9, 10), acceptable: [true, false] },
  { check: 'accepts-caught-up-replies', name: 'applied exactly up to your newest write', fn: 'acceptsReply', writes: s1, reply: reply('a', 12, 12), acceptable: [true] },
  { check: 'accepts-caught-up-replies', name: 'the leader applied exactly up to your newest write', fn: 'acceptsReply', writes: s1, reply: reply('a', 12, 12, 'leader'), acceptable: [true] },
  { check: 'accepts-caught-up-replies', name: 'a fresh session, a key never written', fn: 'acceptsReply', writes: [], reply: reply('c', 0, 3), acceptable: [true] },
  { check: 'accepts-caught-up-replies', name: 'b from a member past all your writes, at the version you wrote', fn: 'acceptsReply', writes: s1, reply: reply('b', 9, 14), acceptable: [true] },
  { check: 'accepts-caught-up-replies', name: 'a key you never wrote, from a member past all your writes', fn: 'acceptsReply', writes: s1, reply: reply('c', 3, 14), acceptable: [true] },
  { check: 'remembers-the-highest-ack', name: 'acks 5 then 9: b at version 3 misses the write at 9', fn: 'acceptsReply', writes: s2, reply: reply('b', 3, 7), acceptable: [false], control: s2[1] },
  { check: 'remembers-the-highest-ack', name: 'acks of a at 12 then a at 9: a at version 9 misses the write at 12', fn: 'acceptsReply', writes: s3, reply: reply('a', 9, 10), acceptable: [false], control: s3[0] },
  { check: 'routes-to-a-caught-up-follower', name: 'one follower has your writes', fn: 'chooseReplica', writes: s1, key: 'a', replicas: [L('n1', 14), f('n2', 12), f('n3', 10)], acceptable: ['n2'] },
  { check: 'routes-to-a-caught-up-follower', name: 'one follower exactly at your write, another one short of it', fn: 'chooseReplica', writes: s1, key: 'a', replicas: [L('n1', 14), f('n2', 11), f('n3', 12)], acceptable: ['n3'] },
  { check: 'routes-to-a-caught-up-follower', name: 'a fresh session: any reachable follower', fn: 'chooseReplica', writes: [], key: 'c', replicas: [L('n1', 14), f('n2', 3), f('n3', 10)], acceptable: ['n2', 'n3'] },
  { check: 'routes-to-a-caught-up-follower', name: 'key b needs only lsn 9', fn: 'chooseReplica', writes: s1, key: 'b', replicas: [L('n1', 14), f('n2', 10), f('n3', 13)], acceptable: ['n2', 'n3'] },
  { check: 'routes-to-a-caught-up-follower', name: 'no leader known: the reachable follower that has your writes, not one behind or one unreachable', fn: 'chooseReplica', writes: s1, key: 'a', replicas: [f('n3', 5), f('n2', 12), f('n4', 15, true)], acceptable: ['n2'] },
  { check: 'routes-to-a-caught-up-follower', name: 'no leader known: a follower has your write of a (not of b), another is unreachable and behind', fn: 'chooseReplica', writes: s2, key: 'a', replicas: [f('n3', 3, true), f('n2', 7)], acceptable: ['n2', null] },
  { check: 'falls-back-to-the-leader', name: 'the only caught-up follower is unreachable', fn: 'chooseReplica', writes: s1, key: 'a', replicas: [L('n1', 14), f('n2', 15, true), f('n3', 10)], acceptable: ['n1'] },
  { check: 'falls-back-to-the-leader', name: 'the leader is not the first member offered', fn: 'chooseReplica', writes: s1, key: 'a', replicas: [f('n1', 8), f('n2', 10), L('n3', 14)], acceptable: ['n3'] },
  { check: 'waits-without-a-leader', name: 'no leader known, no follower caught up', fn: 'chooseReplica', writes: s1, key: 'a', replicas: [f('n2', 10), f('n3', 11)], acceptable: ['n2', 'n3', null] },
  { check: 'waits-without-a-leader', name: 'no leader known, followers caught up for b only', fn: 'chooseReplica', writes: s1, key: 'b', replicas: [f('n2', 10), f('n3', 11)], acceptable: ['n2', 'n3', null] },
  { check: 'one-session-per-user', name: "two devices of u1, one of u2", fn: 'sessionKey', asked: [['u1', 'a'], ['u1', 'b'], ['u2', 'a']] },
];

const CHECKS: readonly (CheckInfo & { id: RywCheckId })[] = [
  { id: 'rejects-stale-replies', title: 'acceptsReply refuses a reply missing your own write, the leader’s too', weight: 2 },
  { id: 'accepts-caught-up-replies', title: 'acceptsReply takes a reply that has all your writes', weight: 1 },
  { id: 'remembers-the-highest-ack', title: 'afterWrite keeps what the newest acknowledged write needs, whatever order acks come in', weight: 1 },
  { id: 'routes-to-a-caught-up-follower', title: 'chooseReplica sends reads to a reachable follower known to have your writes', weight: 1 },
  { id: 'falls-back-to-the-leader', title: 'chooseReplica falls back to the leader only when no such follower is known', weight: 1 },
  { id: 'waits-without-a-leader', title: 'chooseReplica waits (null) or tries a member when no leader is known', weight: 1 },
  { id: 'one-session-per-user', title: 'sessionKey gives one session per user, shared by all their devices', weight: 1 },
];

const START = { writtenLsn: 0 };
const chain = (writes: readonly AckedWrite[]): string => stepsText('afterWrite', START, writes);

interface Answered {
  readonly session?: unknown;
  readonly answer: unknown;
  /** The same question after the case's control write alone. */
  readonly control?: { readonly session: unknown; readonly answer: unknown };
}

async function answer(c: RywCase, session: LearnerSession, at: AskAt): Promise<HookOutcome<Answered>> {
  const last = { ...askedLater(at), seed: (at.seed ?? 0) + 100, freezeArgs: true };
  if (c.fn === 'sessionKey') {
    const keys: unknown[] = [];
    for (const [i, [u, d]] of c.asked.entries()) {
      const got = await session.ask('sessionKey', [u, d], { ...last, seed: last.seed + i });
      if (!got.ok) return got;
      keys.push(got.value);
    }
    return { ok: true, value: { answer: keys } };
  }
  const s = await sessionAfterSteps(session, 'afterWrite', START, c.writes, at);
  if (!s.ok) return s;
  const args = c.fn === 'acceptsReply' ? [s.value, c.reply] : [s.value, c.key, c.replicas];
  const got = await session.ask(c.fn, args, last);
  if (!got.ok) return got;
  if (c.fn !== 'acceptsReply' || c.control === undefined) return { ok: true, value: { session: s.value, answer: got.value } };
  const control = await acceptsAfterStepAlone(session, 'afterWrite', START, c.control, c.reply, at);
  return control.ok ? { ok: true, value: { session: s.value, answer: got.value, control: control.value } } : control;
}

function judge(c: RywCase, value: unknown): CaseFinding {
  const { session, answer: a } = value as Answered;
  const made = c.fn === 'sessionKey' ? [] : [`the session: ${chain(c.writes)} returned ${show(session)}`];
  if (c.fn === 'sessionKey') {
    const problem = sessionKeyProblem({ asked: c.asked }, a as unknown[]);
    return problem === null ? null : { message: `${c.name}: ${problem}`, expected: { set: SESSION_KEY_ANSWERS.name, question: { asked: c.asked }, answered: a, stated: [c.asked.map(([u]) => u)] } };
  }
  const wrong = c.fn === 'acceptsReply' ? acceptProblem({ writes: c.writes, reply: c.reply }, a) : routeProblem({ writes: c.writes, key: c.key, replicas: c.replicas }, a);
  const { control } = value as Answered;
  if (wrong !== null && c.fn === 'acceptsReply' && c.control !== undefined && control !== undefined) {
    const controlWrong = acceptProblem({ writes: [c.control], reply: c.reply }, control.answer) !== null;
    if (!updateIsToBlame(START, { session: control.session, wrong: controlWrong })) return null;
  }
  return wrong === null ? null : { message: `${c.name}: ${wrong.text}`, details: made, expected: wrong.expected };
}

function showCase(c: RywCase): string[] {
  switch (c.fn) {
    case 'sessionKey':
      return [`case "${c.name}": sessionKey for ${c.asked.map(([u, d]) => `(${u}, ${d})`).join(', ')}`];
    case 'acceptsReply':
      return [`case "${c.name}": the session from ${chain(c.writes)}, then acceptsReply(session, ${describeReply(c.reply)})`];
    case 'chooseReplica':
      return [`case "${c.name}": the session from ${chain(c.writes)}, then chooseReplica(session, "${c.key}", ${describeReplicas(c.replicas)})`];
  }
}

export const rywDecisionChecks: CheckGroup = caseCheckGroup<RywCase>({
  checks: CHECKS,
  cases: RYW_CASES,
  answer,
  judge,
  show: showCase,
  acceptableSets: RYW_ANSWER_SETS,
});
