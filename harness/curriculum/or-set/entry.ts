/**
 * The or-set exercise's manifest entry: files, hints, checks. The learner writes an add-wins
 * observed-remove set; the laws judge every answer by meaning, on reachable states in both forms.
 */
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { GOSSIP_TIMING } from '../../cluster/index.ts';
import { setClusterChecks } from './cluster-checks.ts';
import { setLawChecks } from './law-checks.ts';

export const orSetExercise: ExerciseEntry = defineExercise({
  id: 'or-set',
  title: 'An add-wins set: the observed-remove set (OR-Set)',
  section: '6.1',
  heading: '6.1 CRDTs and operational transformation',
  exports: ['orAdd', 'orRemove', 'orMerge', 'orElements'],
  hints: {
    ladders: {
      'tombstones': [
        'Merge with a replica that has not heard of your remove yet: it still holds the add. What must your state keep so that this merge does not bring the element back? And an add your remove never saw must survive.',
        'An add records (element, tag). A remove puts the tags of that element your state holds into `removed`, and `removed` keeps them for good. Merge: union of adds, union of removed. An element is in the set if some add of it has a tag not in `removed`: check that on every input, since states can arrive with removed adds still listed.',
        'orRemove: { adds: s.adds.filter(x => x.element !== e), removed: [...new Set([...s.removed, ...s.adds.filter(x => x.element === e).map(x => x.tag)])] }; orMerge: unions keyed by tag, then drop adds whose tag is removed; orElements: [...new Set(s.adds.filter(x => !removed.has(x.tag)).map(x => x.element))] with removed = new Set(s.removed).',
      ],
      'entries': [
        'Your result is right in meaning, but how long is it after two replicas have exchanged states ten times?',
        'A merge of two lists that share entries must list each shared (element, tag) once and each removed tag once; otherwise every exchange doubles the state.',
        'Key the adds by tag (a Map from tag to add) and the removed tags by a Set while you merge, then turn them back into arrays.',
      ],
      'values': [
        'The replica that called you still holds the set it gave you, and may send that same object to a peer. What does the peer receive if your function wrote into it?',
        'A state is a value: return new arrays and objects, and leave `adds` and `removed` of your arguments as they were.',
        'Build `adds` and `removed` of the result as fresh arrays (filter, map and spread all make new ones); never push into, splice or sort an argument\'s arrays.',
      ],
    },
    byCheck: {
      'or-merge-laws': 'tombstones',
      'or-update-laws': 'tombstones',
      'or-elements-laws': 'tombstones',
      'no-duplicate-entries': 'entries',
      'inputs-not-mutated': 'values',
      'cluster-values-match-updates-seen': 'tombstones',
      'cluster-replicas-converge': 'tombstones',
    },
  },
  constants: { ...GOSSIP_TIMING },
  groups: [setLawChecks, setClusterChecks],
  schedules: 24,
  seed: 20_084,
});
