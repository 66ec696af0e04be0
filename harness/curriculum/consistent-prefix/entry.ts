/**
 * The consistent-prefix exercise's manifest entry (design §F): files, hints, checks: decision cases,
 * and the sharded chat (§F.2) judged against ground-truth causality.
 */
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { prefixDecisionChecks } from './cases.ts';
import { prefixClusterChecks } from './cluster-checks.ts';

export const consistentPrefixExercise: ExerciseEntry = defineExercise({
  id: 'consistent-prefix',
  title: 'Consistent prefix: no answer before its question, across shards',
  section: '3.3',
  heading: '3.3 Consistent prefix reads',
  exports: ['observe', 'consistentCut'],
  hints: {
    ladders: {
      'cut': [
        "Each shard's reply is a prefix of that shard's log, so within a shard nothing is out of order. What can a reply from s2 show that needs something the reply from s1 does not have yet?",
        "An entry of shard s may be shown only if, for every other shard t, its deps[t] is within what you show of t (a shard without a reply shows nothing); if not, show s only up to just before that entry, not less. Lowering one shard can invalidate another shard's entries: repeat until nothing changes.",
        "consistentCut: cut = each reply's appliedLsn by shard; repeat { for each reply r, each entry e of r with e.lsn <= cut[r.shard]: if some other shard t has (cut[t] ?? 0) < e.deps[t], set cut[r.shard] = e.lsn - 1 } until a whole round changes nothing; return cut.",
      ],
      'observe': [
        "A session read s1 up to 5, then read s1 again from a replica at 3, then writes. What must its next message say it depends on?",
        "A writer's deps must include everything it was ever shown and everything it wrote: merge, never replace, and never add more than was there (a dependency past a shard's end hides the message until that shard gets there).",
        "observe: a new object with, for every shard in either argument, the larger of the two positions (a missing one counts as 0).",
      ],
    },
    byCheck: {
      'hides-answers': 'cut',
      'cascades': 'cut',
      'keeps-what-it-can': 'cut',
      'observe-keeps-everything': 'observe',
      'cluster-no-effect-before-cause': 'cut',
      'cluster-shows-all-it-can': 'cut',
      'cluster-everything-shows-up': 'observe',
    },
  },
  constants: {},
  groups: [prefixDecisionChecks, prefixClusterChecks],
  schedules: 25,
  seed: 20_033,
  fixtures: {
    decisionOnly: {
      'single-pass':
        'in the chat every read asks every shard and a correct observe keeps all it was shown, so every message depends directly on everything it transitively needs; a reader never has to cut in a cascade, and one pass finds every entry to hide (decision cases 4 and 5 give deps that are not closed)',
      'two-passes': 'as single-pass: the chat never needs a cascade, so any fixed number of passes finds every entry to hide there (the four-shard decision case needs three)',
      'three-passes': 'as two-passes (the eight-shard decision case needs seven)',
    },
    bugsShowInRuns: true,
  },
});
