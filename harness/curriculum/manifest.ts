/**
 * The exercise manifest: every exercise as data, in workbook order (like rustlings' info.toml). The
 * CLI lists, checks and hints from this; `workbook verify` checks it against the files.
 */
import { DEFAULT_FAILOVER_TIMING } from '../cluster/index.ts';
import type { CheckGroup } from './check.ts';
import { failoverClusterChecks, FAILOVER_EXERCISE_ID } from './failover/cluster-checks.ts';
import { failoverDecisionChecks } from './failover/decision-checks.ts';

export interface ExerciseEntry {
  /** What learners type: `workbook check failover-coordinator`. */
  readonly id: string;
  readonly title: string;
  readonly chapter: string;
  /** The learner's file, relative to the workbook root. */
  readonly file: string;
  /** The reference solution: the same path under solutions/. */
  readonly solution: string;
  readonly readme: string;
  /** The chapter guide section that teaches it. */
  readonly section: { readonly file: string; readonly heading: string };
  /** Functions the module must export. */
  readonly exports: readonly string[];
  /** Three hints, from a nudge to the shape of the fix. */
  readonly hints: readonly [string, string, string];
  /** Published constants, printed with liveness failures. */
  readonly constants: Readonly<Record<string, number>>;
  readonly groups: readonly CheckGroup[];
  /** Generated schedules per cluster check run, and the seed they come from. */
  readonly schedules: number;
  readonly seed: number;
}

export const EXERCISES: readonly ExerciseEntry[] = [
  {
    id: FAILOVER_EXERCISE_ID,
    title: 'Failover coordinator: when is it safe, and whom to elect',
    chapter: '06-replication',
    file: 'exercises/06-replication/03-failover-coordinator/failover-coordinator.ts',
    solution: 'solutions/06-replication/03-failover-coordinator/failover-coordinator.ts',
    readme: 'exercises/06-replication/03-failover-coordinator/README.md',
    section: { file: 'chapters/06-replication/02-single-leader.md', heading: '2.3 Handling node failures' },
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
  },
];

/** The exercise named `id`, or undefined. */
export function findExercise(id: string): ExerciseEntry | undefined {
  return EXERCISES.find((e) => e.id === id);
}
