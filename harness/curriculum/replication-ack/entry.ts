/**
 * The replication-ack exercise's manifest entry: files, hints, published constants, checks.
 */
import { DEFAULT_STANDBY_TIMING, TRIGGER_FALLBACK_MS, WARM_UP_MS } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { ackCaseChecks } from './cases.ts';
import { ackClusterChecks } from './cluster-checks.ts';
import { policyChecks } from './policy-checks.ts';
import { WRITING_MS } from './scenarios.ts';

const POLICY_ONLY = 'choosePolicy is never asked in a cluster run: the scenarios give the policy';

export const replicationAckExercise: ExerciseEntry = defineExercise({
  id: 'replication-ack',
  title: 'Replication acknowledgements: what a write waits for, and what it survives',
  section: '2.1',
  heading: '2.1 Synchronous vs asynchronous replication',
  exports: ['ackPosition', 'choosePolicy'],
  hints: {
    ladders: {
      stage: [
        "A follower's memory, its disk or its readers: which one does each level wait for? And 'local', or a policy with no names at all: does it wait for any follower?",
        "remote_write is satisfied once a standby has received the write (in memory: a crash of the standby loses it), remote_flush once it is on the standby's disk, remote_apply once the standby has replayed it, so its readers see it. local waits for nothing but the leader's own disk, and so does a policy whose names list is empty.",
        "ackPosition: if (policy.level === 'local' || policy.sync.names.length === 0) return view.leaderLsn; otherwise read each standby's position by level: received for remote_write, flushed for remote_flush, applied for remote_apply.",
      ],
      'synchronous-set': [
        "Which followers are synchronous at this moment, and which are only candidates? Does an unnamed follower count, or one that is connected but still catching up?",
        "Only followers in `names` that are streaming can be synchronous: never the leader, never an unnamed follower, never one still catching up or disconnected. 'first' takes the first `count` of those in list order (priority) and must wait for the slowest of them; 'any' is satisfied by any `count` of them, so the `count`-th highest position is held by enough standbys. With fewer than `count` streaming, nothing new can be acknowledged.",
        "ackPosition: const c = names.map(id => view.standbys.find(s => s.id === id)).filter(s => s?.streaming); if (c.length < count) return 0; const xs = method === 'first' ? c.slice(0, count).map(pos) : c.map(pos).sort((a, b) => b - a).slice(0, count); return Math.min(...xs);",
      ],
      'policy-choice': [
        "For this deployment: what does each need cost in latency or availability, and what is the weakest wait that still meets it?",
        "Surviving a loss needs a surviving disk: remote_flush (a remote_write copy is only in memory, and the others lose power); after losing the leader's whole site, more confirmations than there are named followers in that site. Staying writable with something down needs spare names beyond `count`. ackInSite needs enough named followers in the leader's site (for 'first', the first `count` names). readsSeeAcked needs remote_apply on every follower, so nothing may then be down. Then take the weakest level and the smallest count.",
        "choosePolicy: level = readsSeeAcked ? 'remote_apply' : survive === 'nothing' ? 'local' : 'remote_flush'; names = every follower, those in the leader's site first; method 'first'; count = readsSeeAcked ? followers.length : survive === 'leader-site' ? (named followers in the leader's site) + 1 : 1.",
      ],
    },
    byCheck: {
      'picks-the-stage': 'stage',
      'asynchronous-is-local': 'stage',
      'honours-priority': 'synchronous-set',
      'waits-for-streaming': 'synchronous-set',
      'counts-a-quorum': 'synchronous-set',
      'named-standbys-only': 'synchronous-set',
      'policy-meets-the-needs': 'policy-choice',
      'policy-waits-no-more': 'policy-choice',
      'cluster-waits-for-the-policy': 'synchronous-set',
      'cluster-no-needless-wait': 'synchronous-set',
      'cluster-survives-its-failures': 'synchronous-set',
      'cluster-visible-when-applied': 'stage',
    },
  },
  constants: { ...DEFAULT_STANDBY_TIMING, writingMs: WRITING_MS, warmUpMs: WARM_UP_MS, triggerFallbackMs: TRIGGER_FALLBACK_MS },
  groups: [ackCaseChecks, policyChecks, ackClusterChecks],
  schedules: 40,
  seed: 20_011,
  fixtures: {
    decisionOnly: {
      'fully-synchronous': POLICY_ONLY,
      'one-synchronous-follower': POLICY_ONLY,
      'site-loss-on-local-standbys': POLICY_ONLY,
      'remote-write-is-durable': POLICY_ONLY,
      'flush-for-fresh-reads': POLICY_ONLY,
      'apply-always': POLICY_ONLY,
      'one-remote-site-named': POLICY_ONLY,
    },
    knownGaps: {
      'fill-with-catching-up': 'no scenario family keeps a named standby connected but catching up while too few stream',
      'first-degrades': "the unsatisfiable family has no 'first k' policy with fewer than k streaming yet",
    },
    bugsShowInRuns: true,
  },
});
