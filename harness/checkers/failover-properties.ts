/**
 * The properties a failover run is checked for, one checker each, and the function that judges a
 * run by all of them.
 */
import { checkCommittedPrefixAgreement } from './committed-prefix-agreement.ts';
import { checkLiveness } from './liveness.ts';
import { checkNoLostAckedWrite } from './no-lost-acked-write.ts';
import { checkNoUnnecessaryFailover } from './no-unnecessary-failover.ts';
import { checkOneLeaderPerEpoch } from './one-leader-per-epoch.ts';
import type { FailoverRunLike } from './run-shape.ts';
import type { Property, Verdict } from './verdict.ts';

/** The properties a failover run is checked for, one checker each. */
export type FailoverPropertyName =
  | 'no-lost-acked-write'
  | 'one-leader-per-epoch'
  | 'committed-prefix-agreement'
  | 'liveness'
  | 'no-unnecessary-failover';

/** A verdict of a failover property. */
export type FailoverVerdict = Verdict<FailoverPropertyName>;


/**
 * The five failover properties in the order they are checked and reported. Safety comes first:
 * when a run loses data, that is the story, and a slow recovery is secondary.
 */
export const FAILOVER_PROPERTIES: readonly Property<FailoverPropertyName>[] = Object.freeze([
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

const CHECKER_OF: Readonly<Record<FailoverPropertyName, (run: FailoverRunLike) => FailoverVerdict>> = {
  'no-lost-acked-write': checkNoLostAckedWrite,
  'one-leader-per-epoch': checkOneLeaderPerEpoch,
  'committed-prefix-agreement': checkCommittedPrefixAgreement,
  liveness: checkLiveness,
  'no-unnecessary-failover': checkNoUnnecessaryFailover,
};

/** Runs every failover checker on `run`, one verdict per property, in the order of `FAILOVER_PROPERTIES`. */
export function checkFailoverRun(run: FailoverRunLike): FailoverVerdict[] {
  return FAILOVER_PROPERTIES.map((p) => CHECKER_OF[p.name](run));
}
