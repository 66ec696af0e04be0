/**
 * Checkers: pure functions over a failover run that return verdicts explaining themselves. They read
 * only the run's trace, history and final state, so they judge a learner's decisions and the
 * reference cluster alike, and never print.
 */
import { checkCommittedPrefixAgreement } from './committed-prefix-agreement.ts';
import { checkLiveness } from './liveness.ts';
import { checkNoLostAckedWrite } from './no-lost-acked-write.ts';
import { checkNoUnnecessaryFailover } from './no-unnecessary-failover.ts';
import { checkOneLeaderPerEpoch } from './one-leader-per-epoch.ts';
import type { FailoverRunLike } from './run-shape.ts';
import type { PropertyName, Verdict } from './verdict.ts';

export type { EventRef, Verdict, PropertyName } from './verdict.ts';
export type { FailoverRunLike } from './run-shape.ts';
export { firstDuplicate } from './first-duplicate.ts';
export { cartUnionProblem } from './cart-union.ts';
export { checkNoLostAckedWrite, checkOneLeaderPerEpoch, checkCommittedPrefixAgreement, checkLiveness, checkNoUnnecessaryFailover };
export { checkLinearizability, DEFAULT_LINEARIZABILITY_BUDGET, describeRegisterOp } from './linearizability/index.ts';
export type { RegisterOp, LinearizabilityOptions, LinearizabilityVerdict, LinearizabilityCounterexample } from './linearizability/index.ts';
export { QUORUM_PROPERTIES, checkQuorumRun, judgeRead, describeRead, repliesSeen, staleReads, HINT_PROPERTIES, checkHintRun } from './quorum/index.ts';
export { storeRegisterHistory, checkStoreLinearizability, STORE_LINEARIZABILITY_BUDGET } from './quorum/index.ts';
export type { StoreLinearizability, StoreHistoryLike, BackInTime } from './quorum/index.ts';
export type { QuorumPropertyName, QuorumVerdict, QuorumProperty, ReadJudgement, QuorumRunLike, HintPropertyName, HintRunLike } from './quorum/index.ts';

/** A property a failover run is checked for, titled and described for learners. */
export interface FailoverProperty {
  readonly name: PropertyName;
  readonly title: string;
  readonly description: string;
}

/**
 * The five failover properties in the order they are checked and reported. Safety comes first:
 * when a run loses data, that is the story, and a slow recovery is secondary.
 */
export const FAILOVER_PROPERTIES: readonly FailoverProperty[] = Object.freeze([
  {
    name: 'no-lost-acked-write',
    title: 'No acknowledged write is lost',
    description:
      'Once a client is told its write succeeded, every member that later starts serving as leader holds it, and at the end of the run it is in the committed log of every member that is up.',
  },
  {
    name: 'one-leader-per-epoch',
    title: 'At most one leader per epoch',
    description: 'No two members serve as leader in the same epoch, and no member serves an epoch older than one already served.',
  },
  {
    name: 'committed-prefix-agreement',
    title: 'Members agree on the committed log',
    description: 'Whatever entry one member marks committed at a position, every other member that commits that position commits the same entry.',
  },
  {
    name: 'liveness',
    title: 'The cluster recovers',
    description:
      'Once the faults end, some member is serving within the published serve bound, and a client write is acknowledged within the write bound after that.',
  },
  {
    name: 'no-unnecessary-failover',
    title: 'No failover while the leader answers',
    description: 'If the suspected leader answers the failover probe, the coordinator keeps it: no member starts serving in an epoch elected in such a round.',
  },
] as const);

const CHECKER_OF: Readonly<Record<PropertyName, (run: FailoverRunLike) => Verdict>> = {
  'no-lost-acked-write': checkNoLostAckedWrite,
  'one-leader-per-epoch': checkOneLeaderPerEpoch,
  'committed-prefix-agreement': checkCommittedPrefixAgreement,
  liveness: checkLiveness,
  'no-unnecessary-failover': checkNoUnnecessaryFailover,
};

/** Runs every failover checker on `run`, one verdict per property, in the order of `FAILOVER_PROPERTIES`. */
export function checkFailoverRun(run: FailoverRunLike): Verdict[] {
  return FAILOVER_PROPERTIES.map((p) => CHECKER_OF[p.name](run));
}
