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
  hints: [
    'A leader that stops answering heartbeats may be slow, paused or cut off from the coordinator only. What must be true of the view before you may treat it as dead, and how many members must you have heard from so that your view includes every acknowledged write?',
    'An acknowledged write is on a majority of members. Two majorities always share a member, so if a strict majority answered (counting all members, the suspected leader included) some reachable member holds every acknowledged write. The member with the most up-to-date log, ordered by (lastEpoch, then lastLsn), has them all; a longer log from an older epoch may hold entries that were never committed.',
    'validateSafeFailover: unsafe if the suspected leader is reachable; unsafe if reachable * 2 <= members.length; else safe. electNewLeader: among members that are reachable and not the suspected leader, take the max by lastEpoch, then lastLsn; epoch = 1 + max(view.epoch, every reachable member\'s epoch).',
  ],
  constants: { ...DEFAULT_FAILOVER_TIMING },
  groups: [failoverDecisionChecks, failoverClusterChecks],
  schedules: 200,
  seed: 20_061,
  fixtures: {
    decisionOnly: {
      'epoch-ignores-member-epochs': 'the reference coordinator never crashes and records every epoch it hands out, so no member ever holds an epoch above view.epoch',
    },
    bugsShowInRuns: true,
  },
});
