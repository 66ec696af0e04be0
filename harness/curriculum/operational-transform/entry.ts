/**
 * The operational-transform exercise's manifest entry: files, hints, checks. The learner writes the
 * transformation function of a collaborative text editor; TP1 and intention laws judge it by effect,
 * and TP2 is shown as a lesson, never graded.
 */
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { COLLAB_TIMING } from '../../cluster/index.ts';
import { collabClusterChecks } from './cluster-checks.ts';
import { transformLawChecks } from './law-checks.ts';

export const operationalTransformExercise: ExerciseEntry = defineExercise({
  id: 'operational-transform',
  title: 'Operational transformation: concurrent inserts and deletes on a text',
  section: '6.1',
  heading: '6.1 CRDTs and operational transformation',
  exports: ['transform'],
  hints: {
    ladders: {
      'transform': [
        'Both ops were made on the same text. Where did the other op change the text relative to yours: entirely before, entirely after, or overlapping? And when both insert at the same spot, both sides have to agree who goes first without asking each other.',
        "Insert vs insert: move right by the other's text length if it is before you, or at the same position and wins the tie (compare sites). Insert vs delete: inside the deleted range, move to its start; after it, move left by its length. Delete vs insert: an insert strictly inside your range splits you in two. Delete vs delete: keep only what the other did not delete; nothing left → [].",
        'insert/insert: shift = applied.pos < op.pos || (applied.pos === op.pos && applied.site < op.site). insert/delete: op.pos <= d ? op : op.pos >= d + l ? pos - l : pos = d. delete/insert at q with t characters: q <= p ? pos + t : q >= p + n ? op : return [{ ...op, length: q - p }, { ...op, pos: p + t, length: n - (q - p) }] (applied in that order). delete/delete: left = max(0, min(p+n, d) - p) + max(0, p+n - max(p, d+l)); left === 0 ? [] : [{ ...op, pos: p < d ? p : max(d, p - l), length: left }].',
      ],
    },
    byCheck: {
      'tp1-convergence': 'transform',
      'intention-preserved': 'transform',
      'cluster-editors-converge': 'transform',
      'cluster-edits-kept': 'transform',
      'cluster-order-consistent': 'transform',
    },
  },
  constants: { ...COLLAB_TIMING },
  groups: [transformLawChecks, collabClusterChecks],
  schedules: 30,
  seed: 20_085,
});
