/**
 * The read-your-writes exercise's manifest entry (design §D): files, hints, checks: decision cases,
 * and the failover cluster with applied state and reads behind the session proxy (§D.2).
 */
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { rywDecisionChecks } from './cases.ts';
import { rywClusterChecks } from './cluster-checks.ts';

export const readYourWritesExercise: ExerciseEntry = defineExercise({
  id: 'read-your-writes',
  title: 'Read-your-writes: see your own writes, from every device',
  section: '3.1',
  heading: '3.1 Read-after-write consistency',
  exports: ['sessionKey', 'afterWrite', 'chooseReplica', 'acceptsReply'],
  hints: {
    ladders: {
      'one-session': [
        "Your phone's write was acknowledged; a moment later your laptop reads. Which session does the laptop's read consult, and does it know about the phone's write?",
        "The promise is per user, not per device: every device of a user must find the same session, and two users must not share one (each one's writes would push the other's reads to the leader). The proxy asks sessionKey once per device and keeps one session per key you return.",
        "sessionKey: return something that depends on the user alone, such as the user id itself.",
      ],
      'remember-the-ack': [
        "Two writes of yours are acknowledged at positions 5 and 9, in either order. What must the session remember so that a later read knows which replicas are too far behind?",
        "Replicas apply the one log in order, so a replica applied up to the newest of your acknowledged positions has every one of your writes. Acks arrive in any order, so keep the highest position you have been told, never the latest or the first.",
        "afterWrite: return a new session whose writtenLsn is the larger of session.writtenLsn and write.lsn.",
      ],
      'accept': [
        "A reply says how far its member had applied the log when it answered. From that number alone, can you tell whether it has your newest write? And does it matter that the reply came from the leader?",
        "A reply applied at or past your newest acknowledged position has all your writes; one behind it may miss them, the leader's too (a new leader trails its own commit by an apply tick). Status hints are old news, so judge the reply itself, not the hint that made you ask.",
        "acceptsReply: return reply.appliedLsn >= session.writtenLsn, whatever reply.role says.",
      ],
      'route': [
        "Among the offered replicas, which can answer this read without being refused, and which should carry the load? What if none can, or no leader is known?",
        "Prefer a reachable follower hinted at or past your position; only when there is none, the leader (it has every acknowledged write once it has applied it). The leader is the member whose role says so, wherever it is in the list. With no leader known and no such follower, null asks the proxy to wait and ask again.",
        "chooseReplica: the id of the first replica with role 'follower', reachable, and appliedLsn >= session.writtenLsn; else the id of the one with role 'leader'; else null.",
      ],
    },
    byCheck: {
      'one-session-per-user': 'one-session',
      'remembers-the-highest-ack': 'remember-the-ack',
      'rejects-stale-replies': 'accept',
      'accepts-caught-up-replies': 'accept',
      'routes-to-a-caught-up-follower': 'route',
      'falls-back-to-the-leader': 'route',
      'waits-without-a-leader': 'route',
      'cluster-reads-your-writes': 'accept',
      'cluster-reads-are-answered': 'accept',
      'cluster-routes-reads-well': 'route',
    },
  },
  constants: {},
  groups: [rywDecisionChecks, rywClusterChecks],
  // Design §J's cuts for the 1 s budget: think times 200–400 ms, then 25 schedules instead of 35.
  schedules: 25,
  seed: 20_031,
});
