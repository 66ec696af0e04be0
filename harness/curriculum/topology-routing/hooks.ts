/**
 * The cluster's hooks backed by the learner's `route` and `canApply`: each call asked through one
 * learner session per run. Both functions must be pure, so the session asks each distinct question
 * once (the fresh-module replay of a failure still catches kept state).
 */
import type { TopologyHooks } from '../../cluster/index.ts';
import type { LearnerCaller } from '../learner-call.ts';
import { learnerSession, type LearnerSession } from '../learner-session.ts';

export function learnerTopologyHooks(call: LearnerCaller, seed: number): TopologyHooks & Pick<LearnerSession, 'problem' | 'console'> {
  const session = learnerSession(call, seed, { memo: true });
  return {
    route: (update, self, topology, c) => session.ask('route', [update, self, topology], { now: c.now }),
    canApply: (update, applied, c) => session.ask('canApply', [update, applied], { now: c.now }),
    problem: session.problem,
    console: session.console,
  };
}
