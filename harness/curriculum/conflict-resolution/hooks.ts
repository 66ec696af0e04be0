/**
 * The cluster's resolver hooks backed by the learner's functions, asked through one memoised
 * learner session per run. They must be pure, but every leader shares this one module, so a
 * tie-break kept in module state agrees with itself in every run (and a run that never fails is
 * never replayed in a fresh module): the lww law asks its fixed ties of two fresh modules instead.
 */
import type { ResolverHooks } from '../../cluster/index.ts';
import type { LearnerCaller } from '../learner-call.ts';
import { learnerSession, type LearnerSession } from '../learner-session.ts';

export function learnerResolverHooks(call: LearnerCaller, seed: number): ResolverHooks & Pick<LearnerSession, 'problem' | 'console' | 'missingExport'> {
  const session = learnerSession(call, seed, { memo: true });
  return {
    lastWriteWins: (a, b, c) => session.ask('lastWriteWins', [a, b], { now: c.now, freezeArgs: true }),
    mergeProfiles: (a, b, c) => session.ask('mergeProfiles', [a, b], { now: c.now, freezeArgs: true }),
    nextTimestamp: (clock, highestSeen, c) => session.ask('nextTimestamp', [clock, highestSeen], { now: c.now }),
    problem: session.problem,
    console: session.console,
    missingExport: session.missingExport,
  };
}
