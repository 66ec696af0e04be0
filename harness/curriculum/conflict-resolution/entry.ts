/**
 * The conflict-resolution exercise's manifest entry: files, hints, published constants, checks.
 * `nextTimestamp` is optional: its checks weigh nothing and are skipped when it is not exported.
 */
import { MULTI_LEADER_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { conflictClusterChecks, stampingClusterChecks } from './cluster-checks.ts';
import { conflictLawChecks, nextTimestampLawChecks } from './laws.ts';

export const conflictResolutionExercise: ExerciseEntry = defineExercise({
  id: 'conflict-resolution',
  title: 'Conflict resolution: last write wins with a shared tie-break, and a profile merge',
  section: '4.3',
  heading: '4.3 Conflict resolution',
  exports: ['lastWriteWins', 'mergeProfiles'],
  hints: {
    ladders: {
      resolve: [
        'Every leader runs your functions on whatever arrives, in whatever order, as often as the network delivers it. For leaders to agree, the answer must not depend on which argument is yours and which arrived, nor on how often or in which grouping you merge.',
        'lastWriteWins: higher timestamp wins; on equal timestamps compare something that differs for every version and is the same on every leader — leader id, then write id — and return one of the two objects you got. mergeProfiles: for each field name in either profile, lastWriteWins of the two (or the one that exists); interests: every interest of either, once.',
        'lastWriteWins: `if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp ? a : b;` then `if (a.leader !== b.leader) return a.leader > b.leader ? a : b; return a.write >= b.write ? a : b;`. mergeProfiles: `for (const f of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) fields[f] = a.fields[f] && b.fields[f] ? lastWriteWins(a.fields[f], b.fields[f]) : (a.fields[f] ?? b.fields[f])`; `interests: [...new Set([...a.interests, ...b.interests])]`.',
      ],
      clock: [
        'A write made after this leader has seen a version should beat that version, whatever the physical clock says. What must the new stamp be above? And why should it not fall behind the clock?',
        'nextTimestamp is a Lamport clock tied to the physical one: the larger of the clock and one more than the highest timestamp this leader has seen.',
        'nextTimestamp: `return Math.max(clock, highestSeen + 1);`',
      ],
    },
    byCheck: {
      'lww-laws': 'resolve',
      'merge-profiles-laws': 'resolve',
      'next-timestamp-laws': 'clock',
      'cluster-replicas-converge': 'resolve',
      'cluster-highest-timestamp-wins': 'resolve',
      'cluster-nothing-invented-nothing-dropped': 'resolve',
      'cluster-causal-overwrite-wins': 'clock',
    },
  },
  constants: { ...MULTI_LEADER_TIMING },
  groups: [conflictLawChecks, nextTimestampLawChecks, conflictClusterChecks, stampingClusterChecks],
  schedules: 40,
  seed: 20_082,
  fixtures: {
    decisionOnly: {
      'merge-keys-of-a-only': "every change reaches every leader as its own update, so a field the first profile lacks is never only in the second profile's copy for long; the union law states it",
      'tie-by-client-index': "two writes of one client at one timestamp are one leader's two writes in one millisecond (same-tick, clock-steps-back), where the leader ids tie too and anti-entropy among three or more leaders ends in agreement by chance; the same-client fixed case states it",
      'lamport-ignores-clock': 'a stamp below the clock still rises above everything the leader has seen, so no write loses to one it had seen; the next-timestamp law (at least clock) states it',
    },
    knownGaps: {
      'tie-by-leader-only': "the same-leader tie is forced (same-tick, clock-steps-back), but which of the two a second leader keeps depends on their arrival order, and with three or more leaders anti-entropy ends in agreement by chance (a voter model)",
      'whole-record-lww': 'each change is replicated as a one-field update, resent every 30 ms, faster than anti-entropy (40 ms) can replace a profile that lacks it; Bob\'s card in the merge laws states it',
      'merge-prefers-local': "shared fields reach every leader through lastWriteWins updates as well, so the merge's choice never decides a leader's final version",
    },
  },
});
