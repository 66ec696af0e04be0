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

// nextRequest's own ladder: a failure there is about what to ask for, not about batches.
const ASKING = [
  'Which entry do you need next, and does the leader still keep it? `leaderFirstLsn` is the oldest entry it keeps as it last told you; what does `undefined` tell you about that?',
  'You need `appliedLsn + 1`, the very next entry: ask for entries from there unless the leader has told you its oldest kept entry is past it (not told yet: ask for entries). Only then a snapshot, which costs the leader a copy of everything; a follower with nothing yet may also start from one.',
  'nextRequest: `first !== undefined && first > state.appliedLsn + 1 ? { kind: \'snapshot\' } : { kind: \'entries\', fromLsn: state.appliedLsn + 1 }`.',
] as const;

export const followerBootstrapExercise: ExerciseEntry = defineExercise({
  id: 'follower-bootstrap',
  title: 'Setting up new followers: a snapshot at a log position, then catch-up',
  section: '2.2',
  heading: '2.2 Setting up new followers',
  exports: ['applyEntries', 'installSnapshot', 'nextRequest'],
  hints: {
    ladders: { 'catch-up': [...CATCH_UP], asking: [...ASKING] },
    byCheck: {
      'applies-each-once': 'catch-up',
      'never-past-a-gap': 'catch-up',
      'snapshot-replaces': 'catch-up',
      'old-snapshot-ignored': 'catch-up',
      'asks-for-the-next-entry': 'asking',
      'snapshot-when-truncated': 'asking',
      'cluster-state-matches-position': 'catch-up',
      'cluster-never-goes-back': 'catch-up',
      'cluster-catches-up': 'catch-up',
      'cluster-snapshot-only-when-needed': 'asking',
    },
  },
  constants: { ...DEFAULT_CATCH_UP_TIMING, writingMs: WRITING_MS, lateJoinMinMs: LATE_JOIN_MIN_MS },
  groups: [bootstrapCaseChecks, bootstrapClusterChecks],
  schedules: 30,
  seed: 20_022,
  fixtures: {},
});
