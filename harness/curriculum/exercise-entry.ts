/**
 * What the manifest knows about one exercise. Each exercise defines its entry beside its checks;
 * manifest.ts lists them in workbook order.
 */
import type { CheckGroup } from './check.ts';

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
