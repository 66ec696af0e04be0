/**
 * The follower-bootstrap exercise's manifest entry: files, hints, published constants, checks.
 */
import { DEFAULT_CATCH_UP_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { bootstrapCaseChecks } from './cases.ts';
import { bootstrapClusterChecks } from './cluster-checks.ts';
import { LATE_JOIN_MIN_MS, WRITING_MS } from './scenarios.ts';

const CATCH_UP = [
  'Batches can arrive twice, late, or after one was lost. For each entry: do you have it already, is it the very next one, or is something missing before it? And a snapshot: is it ahead of you?',
  'Skip entries at or below `appliedLsn`; apply only while each is exactly `appliedLsn + 1`; at a gap change nothing and let `nextRequest` ask again. A snapshot *replaces* data and position, and only if its `lsn` is higher. Ask for one only when the leader\'s oldest entry is past `appliedLsn + 1`.',
  'applyEntries: `let s = state; for (const e of entries) { if (e.lsn <= s.appliedLsn) continue; if (e.lsn !== s.appliedLsn + 1) break; s = { appliedLsn: e.lsn, data: applyOperation(s.data, e.operation) }; } return s;` / installSnapshot: `snapshot.lsn > state.appliedLsn ? { appliedLsn: snapshot.lsn, data: { ...snapshot.data } } : state` / nextRequest: `first !== undefined && first > state.appliedLsn + 1 ? { kind: \'snapshot\' } : { kind: \'entries\', fromLsn: state.appliedLsn + 1 }`.',
] as const;

export const followerBootstrapExercise: ExerciseEntry = defineExercise({
  id: 'follower-bootstrap',
  title: 'Setting up new followers: a snapshot at a log position, then catch-up',
  section: '2.2',
  heading: '2.2 Setting up new followers',
  exports: ['applyEntries', 'installSnapshot', 'nextRequest'],
  hints: {
    ladders: { 'catch-up': [...CATCH_UP] },
    byCheck: {
      'applies-each-once': 'catch-up',
      'never-past-a-gap': 'catch-up',
      'snapshot-replaces': 'catch-up',
      'old-snapshot-ignored': 'catch-up',
      'asks-for-the-next-entry': 'catch-up',
      'snapshot-when-truncated': 'catch-up',
      'cluster-state-matches-position': 'catch-up',
      'cluster-never-goes-back': 'catch-up',
      'cluster-catches-up': 'catch-up',
      'cluster-snapshot-only-when-needed': 'catch-up',
    },
  },
  constants: { ...DEFAULT_CATCH_UP_TIMING, writingMs: WRITING_MS, lateJoinMinMs: LATE_JOIN_MIN_MS },
  groups: [bootstrapCaseChecks, bootstrapClusterChecks],
  schedules: 30,
  seed: 20_022,
  fixtures: {},
});
