/**
 * The leader's log decider backed by the learner's `chooseLogRecord`, one call per executed
 * statement, frozen arguments, seeded by the statement's id.
 */
import type { LogDecider } from '../../cluster/index.ts';
import type { LearnerCaller } from '../learner-call.ts';
import { learnerSession, type LearnerSession } from '../learner-session.ts';

export type LearnerLogDecider = LogDecider & Pick<LearnerSession, 'problem' | 'console'>;

export function learnerLogDecider(call: LearnerCaller, seed: number): LearnerLogDecider {
  const session = learnerSession(call, seed);
  const decide: LogDecider = (statement, table, leader, c) => session.ask('chooseLogRecord', [statement, table, leader], { now: c.now, key: c.key, freezeArgs: true });
  return Object.assign(decide, { problem: session.problem, console: session.console });
}
