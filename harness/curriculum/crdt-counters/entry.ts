/**
 * The crdt-counters exercise's manifest entry: files, hints, checks. The learner builds a PN-Counter
 * on the stub's G-Counter worked example; the laws judge every answer by meaning.
 */
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { GOSSIP_TIMING } from '../../cluster/index.ts';
import { counterClusterChecks } from './cluster-checks.ts';
import { counterLawChecks } from './law-checks.ts';

export const crdtCountersExercise: ExerciseEntry = defineExercise({
  id: 'crdt-counters',
  title: 'CRDT counters: a PN-Counter on a G-Counter',
  section: '6.1',
  heading: '6.1 CRDTs and operational transformation',
  exports: ['pnIncrement', 'pnDecrement', 'pnMerge', 'pnValue'],
  hints: {
    ladders: {
      'counter': [
        'A merge must forget nothing either side has counted and invent nothing. And an update must only move the state up, so that merging an older copy of the counter cannot undo it. Which of your functions does one of those two things?',
        "A PN-Counter is two G-Counters: increments counted in `inc`, decrements in `dec`, each in the updating replica's own entry; merge each half with gcMerge; the value is one sum minus the other.",
        'pnIncrement: { inc: gcIncrement(c.inc, replica), dec: c.dec }; pnDecrement: { inc: c.inc, dec: gcIncrement(c.dec, replica) }; pnMerge: { inc: gcMerge(a.inc, b.inc), dec: gcMerge(a.dec, b.dec) }; pnValue: gcValue(c.inc) - gcValue(c.dec).',
      ],
      'values': [
        'The replica that called you still holds the counter it gave you, and may send that same object to a peer. What does the peer receive if your function wrote into it?',
        'A state is a value: every function returns a new object and leaves its arguments as they were. Both halves are objects too, so a new half is needed wherever one changes.',
        'Build each changed half in a fresh object ({ ...counter.dec } and then set the entry, or gcIncrement, which copies), never assign into counter.inc or counter.dec, and return a new { inc, dec }.',
      ],
    },
    byCheck: {
      'pn-merge-laws': 'counter',
      'pn-update-laws': 'counter',
      'inputs-not-mutated': 'values',
      'cluster-values-match-updates-seen': 'counter',
      'cluster-replicas-converge': 'counter',
    },
  },
  constants: { ...GOSSIP_TIMING },
  groups: [counterLawChecks, counterClusterChecks],
  schedules: 24,
  seed: 20_083,
});
