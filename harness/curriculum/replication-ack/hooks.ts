/**
 * The leader's ack decider backed by the learner's `ackPosition`: one call per decision, with frozen
 * arguments, each seeded by the leader's incarnation and decision number.
 */
import type { AckDecider } from '../../cluster/index.ts';
import type { LearnerCaller } from '../learner-call.ts';
import { learnerSession, type LearnerSession } from '../learner-session.ts';

export type LearnerAckDecider = AckDecider & Pick<LearnerSession, 'problem' | 'console'>;

export function learnerAckDecider(call: LearnerCaller, seed: number): LearnerAckDecider {
  const session = learnerSession(call, seed);
  const decide: AckDecider = (policy, view, c) => session.ask('ackPosition', [policy, view], { now: c.now, key: c.key, freezeArgs: true });
  return Object.assign(decide, { problem: session.problem, console: session.console });
}
