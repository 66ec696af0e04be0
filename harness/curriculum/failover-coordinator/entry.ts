/**
 * The failover-coordinator exercise's manifest entry: files, hints, published constants, checks.
 */
import { DEFAULT_FAILOVER_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { failoverClusterChecks } from './cluster-checks.ts';
import { failoverDecisionChecks } from './decision-checks.ts';

export const failoverCoordinatorExercise: ExerciseEntry = defineExercise({
  id: 'failover-coordinator',
  title: 'Failover coordinator: when is it safe, and whom to elect',
  section: '2.3',
  heading: '2.3 Handling node failures',
  formerNumber: '03',
  exports: ['validateSafeFailover', 'electNewLeader'],
  hints: {
    ladders: {
      'leader-answers': [
        "Missing heartbeats say only that the coordinator lost touch with the leader. Does the view tell you anything more direct about whether the suspected leader is alive right now?",
        "A member that answered this round's probe is alive, whatever the heartbeats said: it was slow, paused or briefly cut off. Replacing a leader that is alive leaves two members that each believe they lead, and the cluster checks count every failover made while the leader answered.",
        "validateSafeFailover: find the member whose id is view.suspectedLeader; if it is reachable, return { safe: false, reason } before looking at anything else.",
      ],
      'majority': [
        "A write was acknowledged once a majority of all members had stored it. If you heard from exactly half of the members, can you be sure that one of them holds that write?",
        "Any two majorities of the same members share at least one member, but two halves need not. So only when a strict majority of all members answered (the silent suspected leader still counts in the total) is at least one member you can see holding every acknowledged write. Refusing more often than that is not safe either: the cluster must recover once a majority is back.",
        "validateSafeFailover: count the members with reachable true; if that count * 2 <= view.members.length, return { safe: false, reason }; otherwise (the leader did not answer) return { safe: true }.",
      ],
      'most-up-to-date': [
        "The reachable members hold logs of different lengths and epochs. Which of them is sure to hold every acknowledged write, and what does a log's last entry tell you: only its position, or also the epoch it was written in?",
        "Entries of a newer epoch were written by a leader that a majority elected after every earlier leader was fenced, so a log whose last entry has a newer epoch holds more of the committed history even when it is shorter. An old leader can append entries that nobody else stored, which were never committed, and still have the longest log. Only a member that answered, and is not the suspected leader, can lead.",
        "electNewLeader: among the members that are reachable and are not view.suspectedLeader, take the one with the greatest lastEpoch, and among equal lastEpoch the greatest lastLsn (any member tied for best is fine).",
      ],
      'fresh-epoch': [
        "A member accepts a NewEpoch only if it is at least the newest epoch it has accepted. Which epochs might a reachable member already have accepted besides view.epoch?",
        "A failover round that reached some members and then failed leaves them at a higher epoch than view.epoch. If the new leader's epoch equals one that another leader already used, two leaders share an epoch, and members can no longer tell their entries apart. The new epoch must be above every epoch you can see.",
        "electNewLeader: epoch = 1 + the largest of view.epoch and the epoch of every reachable member.",
      ],
    },
    byCheck: {
      'refuses-while-leader-answers': 'leader-answers',
      'cluster-no-unnecessary-failover': 'leader-answers',
      'refuses-without-majority': 'majority',
      'cluster-no-lost-acked-write': 'majority',
      'cluster-liveness': 'majority',
      'elects-most-up-to-date': 'most-up-to-date',
      'cluster-committed-prefix-agreement': 'most-up-to-date',
      'chooses-fresh-epoch': 'fresh-epoch',
      'cluster-one-leader-per-epoch': 'fresh-epoch',
    },
  },
  constants: { ...DEFAULT_FAILOVER_TIMING },
  groups: [failoverDecisionChecks, failoverClusterChecks],
  // The coordinator acts on `safe` alone (a reason only goes into the decision's note and the
  // messages of failing runs) and on an election's leader and epoch (coordinator.ts readVerdict,
  // readElection); anything else it does not take as it is is matched whole.
  actedUpon: {
    validateSafeFailover: (v) => (isRecord(v) && typeof v.safe === 'boolean' ? { safe: v.safe } : undefined),
    electNewLeader: (v) => (isRecord(v) && typeof v.leader === 'string' && typeof v.epoch === 'number' ? { leader: v.leader, epoch: v.epoch } : undefined),
  },
  schedules: 200,
  seed: 20_061,
  fixtures: {
    decisionOnly: {
      'epoch-ignores-member-epochs': 'the reference coordinator never crashes and records every epoch it hands out, so no member ever holds an epoch above view.epoch',
      'epoch-from-elected-member-only': 'the reference coordinator never crashes and records every epoch it hands out, so no member ever holds an epoch above view.epoch',
    },
    knownGaps: {
      // A new leader appends an entry of its epoch at once, so runs show this only when it fails before any follower stores that entry and the followers' older logs differ.
      'lsn-only-in-current-epoch': 'no scenario family crashes a new leader before its first entry reaches a follower while the survivors hold logs of different lengths from the epoch before',
      // No member holds an epoch above view.epoch in runs, so ranking by accepted epoch first passes over exactly the members that missed the last NewEpoch, as the next fixture does.
      'accepted-epoch-before-log': 'no scenario family leaves a member that missed the last NewEpoch holding the newest entries: that needs the new leader to fail before its first entry reaches anyone',
      'skips-members-behind-on-epoch': 'no scenario family leaves a member that missed the last NewEpoch holding the newest entries: that needs the new leader to fail before its first entry reaches anyone',
    },
    bugsShowInRuns: true,
  },
});

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
