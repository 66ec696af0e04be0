/**
 * The topology-routing exercise's manifest entry: files, hints, published constants, checks.
 */
import { MULTI_LEADER_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { canApplyDecisionChecks, routeDecisionChecks } from './cases.ts';
import { topologyClusterChecks } from './cluster-checks.ts';
import { canApplyLawChecks } from './law.ts';

export const topologyRoutingExercise: ExerciseEntry = defineExercise({
  id: 'topology-routing',
  title: 'Replication topologies: routing updates and applying them in causal order',
  section: '4.2',
  heading: '4.2 Replication topologies',
  exports: ['route', 'canApply'],
  hints: {
    ladders: {
      route: [
        'A copy carries the leaders it has been through. What do you do if you are on that list? And who passes an update on: in a ring, in a star, in all-to-all?',
        "If the path includes self, ignore the copy. Circular: send to the leader after you in ring unless it is on the path. Star: the hub sends to every leaf not on the path; a leaf sends only its own writes, to the hub. All-to-all: only the origin sends, to everyone else. Read the ring's order and the hub from the topology you are given, every time.",
        'route: if (update.path.includes(self)) return { ignore: true }; then per kind: circular next = ring[(ring.indexOf(self) + 1) % ring.length], sendTo = path.includes(next) ? [] : [next]; star self === hub ? leaves.filter(l => !path.includes(l)) : path.length === 0 ? [hub] : []; all-to-all path.length === 0 ? leaders.filter(l => l !== self) : [].',
      ],
      canapply: [
        'The update says how many updates of each origin its origin had applied when it was written. Have you applied all of that?',
        "canApply is true when every entry of deps is at most the same entry of applied, a missing entry read as 0 — the origin's own entry included (it counts the origin's earlier updates). Compare entry by entry: a sum or the origin's entry alone can say yes too early.",
        'canApply: Object.entries(update.deps).every(([k, n]) => n <= (applied[k] ?? 0)).',
      ],
    },
    byCheck: {
      'route-decisions': 'route',
      'canapply-decisions': 'canapply',
      'canapply-law': 'canapply',
      'cluster-every-update-everywhere': 'route',
      'cluster-causal-order': 'canapply',
      'cluster-applied-once': 'route',
      'cluster-no-loop': 'route',
      'cluster-leaders-converge': 'route',
    },
  },
  constants: { ...MULTI_LEADER_TIMING },
  groups: [routeDecisionChecks, canApplyDecisionChecks, canApplyLawChecks, topologyClusterChecks],
  schedules: 40,
  seed: 20_081,
  fixtures: {
    decisionOnly: {
      'skips-origin-entry': "with FIFO links, cumulative deps and arrival-order draining, an update never arrives before its origin's previous one, so a rule that skips the origin's entry is never asked the question it gets wrong; receiver rule 2 states it",
      'sender-side-only': 'when every leader filters the path before sending, no copy ever reaches a leader on its path, so never ignoring is never tested in a run; receiver rule 1 states it',
    },
  },
});
