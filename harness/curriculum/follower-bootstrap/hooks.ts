/**
 * The catch-up followers' hooks backed by the learner's functions: one call each, with frozen
 * arguments, seeded by the follower, its incarnation and its call number.
 */
import type { CatchUpHooks } from '../../cluster/index.ts';
import type { LearnerCaller } from '../learner-call.ts';
import { learnerSession, type LearnerSession } from '../learner-session.ts';

export type LearnerCatchUpHooks = CatchUpHooks & Pick<LearnerSession, 'problem' | 'console'>;

export function learnerCatchUpHooks(call: LearnerCaller, seed: number): LearnerCatchUpHooks {
  const session = learnerSession(call, seed);
  const at = (c: { now: number; key: string }) => ({ now: c.now, key: c.key, freezeArgs: true });
  return {
    applyEntries: (state, entries, c) => session.ask('applyEntries', [state, entries], at(c)),
    installSnapshot: (state, snapshot, c) => session.ask('installSnapshot', [state, snapshot], at(c)),
    nextRequest: (state, first, c) => session.ask('nextRequest', [state, first], at(c)),
    problem: session.problem,
    console: session.console,
  };
}
