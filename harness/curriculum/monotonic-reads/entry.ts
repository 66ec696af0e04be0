/**
 * The monotonic-reads exercise's manifest entry (design §E): files, hints, checks: decision cases,
 * the cluster of §E.2 (voters, read followers as homes, the session proxy), and the optional,
 * unweighted afterWrite check of §E.7 (skipped when afterWrite is not exported).
 */
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { monotonicDecisionChecks } from './cases.ts';
import { monotonicClusterChecks } from './cluster-checks.ts';
import { sessionGuaranteeChecks } from './session-guarantees.ts';

export const monotonicReadsExercise: ExerciseEntry = defineExercise({
  id: 'monotonic-reads',
  title: 'Monotonic reads: a home replica, and never older than what you saw',
  section: '3.2',
  heading: '3.2 Monotonic reads',
  exports: ['chooseReplica', 'afterRead', 'acceptsReply'],
  hints: {
    ladders: {
      'never-older': [
        "Your home follower restarted and is replaying from an old checkpoint; or it is gone and another member answers. Why is 'always the same replica' not enough, and what must a reply tell you before you show it?",
        "Any member can show an older state than one you saw, the one you always read from and the leader included: a restart from a checkpoint, a new leader still applying. A reply applied at or past the newest state the user was shown cannot be older than anything they saw, so judge each reply by its applied position, never by who sent it.",
        "acceptsReply: return reply.appliedLsn >= session.seenLsn, whatever the replica or its role.",
      ],
      'remember': [
        "The user was shown a state applied to 20, later one applied to 25 of another key. What number must the session keep so that neither of them can be undone?",
        "Keep the newest state shown: the highest applied position of any reply shown (or, a weaker token that still works, the highest version shown). Never replace it with what the latest read showed, and never keep only the first.",
        "afterRead: return a new session whose seenLsn is the larger of session.seenLsn and reply.appliedLsn.",
      ],
      'route': [
        "Among the offered replicas, which one should serve this user, and when is it not enough? What if no follower can serve, or no leader is known?",
        "Go home when it is offered, reachable and not known to be behind what the user saw; else a reachable follower known to be that far; else the leader, wherever it is in the list (its role says which it is); with no leader known, null asks the proxy to wait.",
        "chooseReplica: with ok(r) = role 'follower', reachable and appliedLsn >= seenLsn: the home replica if it is offered and ok; else the first ok replica; else the one with role 'leader'; else null.",
      ],
      'one-token': [
        "Your phone's write was acknowledged; a moment later your laptop reads from your home follower. What must the one session remember so that the read shows that write, and nothing older than what you were shown?",
        "A write acknowledged at position L is in every state applied at or past L, just as a shown reply is in every state applied past its appliedLsn: one position can stand for both. afterWrite may raise the session to the ack's position, never lower it (acks arrive in any order); acceptsReply and chooseReplica then need no change.",
        "afterWrite: return a new session whose seenLsn is the larger of session.seenLsn and write.lsn.",
      ],
    },
    byCheck: {
      'rejects-older-state': 'never-older',
      'accepts-newer-state': 'never-older',
      'remembers-the-newest': 'remember',
      'stays-home': 'route',
      'falls-back': 'route',
      'falls-back-to-the-leader': 'route',
      'waits-without-a-leader': 'route',
      'cluster-never-back-in-time': 'never-older',
      'cluster-reads-are-answered': 'never-older',
      'cluster-stays-home': 'route',
      'cluster-session-guarantees': 'one-token',
    },
  },
  constants: {},
  groups: [monotonicDecisionChecks, monotonicClusterChecks, sessionGuaranteeChecks],
  // Design §J's cuts for the 1 s budget: think times 250–500 ms, then 25 schedules instead of 30.
  schedules: 25,
  seed: 20_032,
  fixtures: {
    knownGaps: {
      'trusts-the-leader':
        "a new leader trails what a read follower showed only when the follower learned a commit the new leader had not yet applied; the failover family cuts the proxy off from the read followers and reads from the new leader at once, but does not force that gap (the design's rollback case needs asynchronous replication); decision case 2 catches it",
      'ignores-leader-reads': 'reads go to the leader only when no follower can serve, and the followers the user reads next are rarely behind what the leader showed; no family forces a follower read right after a leader read behind it, so only the decision case catches it',
      'offbyone-accept': 'a reply exactly one position behind what was shown, of a key written at that last position, is too rare to meet in the families; the decision case states it',
      'version-one-below-ok': "a reply one version below the key's newest version shown, from a member behind what was shown, meets the families only at a few hundred schedules (cluster-never-back-in-time catches it at 200); the decision case one step back states it",
      'no-leader-least-advanced': 'no family forces a read while no leader is known, home cannot serve and the reachable followers lie on both sides of what the user was shown; the decision case sets that up',
    },
  },
});
