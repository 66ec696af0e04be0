/**
 * The sloppy-quorum exercise's manifest entry: files, hints, published constants, checks.
 */
import { DEFAULT_LEADERLESS_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { sloppyClusterChecks } from './cluster-checks.ts';
import { sloppyDecisionChecks } from './decision-checks.ts';

export const sloppyQuorumExercise: ExerciseEntry = defineExercise({
  id: 'sloppy-quorum',
  title: 'Sloppy quorum: fallback targets and hinted handoff',
  section: '5.1',
  heading: 'Sloppy quorums and hinted handoff',
  formerNumber: '05',
  exports: ['chooseWriteTargets', 'hintsToHandOff', 'onHandoffAck'],
  hints: [
    'Every unreachable home replica needs exactly one stand-in, taken in preference-list order from the nodes after the first n. And a fallback must assume every message can be lost: when may it forget a hint?',
    'chooseWriteTargets: keep a queue of reachable fallbacks (preferenceList.slice(n) filtered by reachable) and shift one for each unreachable home. hintsToHandOff only reads the store. onHandoffAck removes the hints with hintFor === from, key === key and version <= version, and nothing else.',
    'chooseWriteTargets: for (const home of list.slice(0, n)) reachable(home) ? push({ node: home }) : (f = fallbacks.shift()) && push({ node: f, hintFor: home }). hintsToHandOff: return store.all().filter(h => h.hintFor === recovered). onHandoffAck: for (const h of store.all()) if (h.hintFor === from && h.key === key && h.version <= version) store.remove(h.key, h.hintFor, h.version).',
  ],
  constants: {
    writeTimeoutMs: DEFAULT_LEADERLESS_TIMING.writeTimeoutMs,
    handoffMs: DEFAULT_LEADERLESS_TIMING.handoffMs,
    suspectAfterMs: DEFAULT_LEADERLESS_TIMING.suspectAfterMs,
  },
  groups: [sloppyDecisionChecks, sloppyClusterChecks],
  schedules: 25,
  seed: 20_063,
});
