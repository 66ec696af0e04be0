/**
 * CRDT states judged by meaning (`harness/checkers/crdt/`): equivalence, the CRDT order, the
 * reference operations and the value a replica must show for the updates it has seen. Shared by the
 * counter and set exercises; neither knows the other.
 */
export { gCounterProblem, pnCounterProblem, sameGCounter, gCounterAtMost, samePNCounter, pnAtMost, normalGCounter, PN_REFERENCE, expectedCount, showGCounter, showPNCounter } from './counters.ts';
export type { CounterOp } from './counters.ts';
export { orSetProblem, liveAdds, sameORSet, orSetDifference, orAtMost, liveElements, prunedORSet, keptORSet, OR_REFERENCE, expectedElements, duplicateEntries, showORSet } from './observed-remove-set.ts';
export type { SetOp } from './observed-remove-set.ts';
export { GOSSIP_PROPERTIES, gossipRecord, checkGossipRun } from './gossip.ts';
export type { GossipPropertyName, GossipVerdict, GossipMeaning, GossipCall, GossipRecord } from './gossip.ts';
