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
  hints: {
    ladders: {
      'targets': [
        "The first n nodes of the preference list are the key's home replicas. When one of them cannot be reached, which node should take its write, and what must that node know so that the write can find its way home later?",
        "Every home replica gets the write: a reachable one itself, an unreachable one through exactly one stand-in. Stand-ins come from the nodes after the first n, in preference-list order, each reachable and each standing in for one home only, and the hint names the home it stands in for. A home replica is never its own stand-in. When the fallbacks run out, fewer targets is the honest answer.",
        "chooseWriteTargets: fallbacks = preferenceList.slice(n).filter(reachable); for each home of preferenceList.slice(0, n): if reachable(home) push { node: home }, else take the next unused fallback f (if any) and push { node: f, hintFor: home }.",
      ],
      'handoff': [
        "The recovered replica is back, and you are about to send it its hints. The network may lose any message. If you forget a hint the moment you send it, what happens when the message is lost?",
        "Sending is not delivery: a hint may be dropped only once the home replica said it stored it. So choosing the hints to send only reads the store, and it chooses those meant for the recovered replica, not the hints of other homes that are still down.",
        "hintsToHandOff: return store.all().filter((h) => h.hintFor === recovered), and remove nothing.",
      ],
      'ack': [
        "An acknowledgement names a home replica, a key and a version. A fallback may hold several hints for the same home: which of them does this acknowledgement really prove were stored?",
        "The home stored that key at that version, and a replica keeps only the highest version, so hints for the same home and key with that version or an older one are now redundant. A newer version of the key, another key or another home's hints are not covered and must stay until their own acknowledgement.",
        "onHandoffAck: for each h of store.all(), if h.hintFor === from && h.key === key && h.version <= version, then store.remove(h.key, h.hintFor, h.version).",
      ],
    },
    byCheck: {
      'targets-home-replicas': 'targets',
      'targets-fallbacks': 'targets',
      'cluster-sloppy-write-availability': 'targets',
      'handoff-keeps-hints': 'handoff',
      'cluster-hinted-writes-reach-home': 'handoff',
      'ack-drops-acked-only': 'ack',
      'cluster-hints-kept-until-ack': 'ack',
    },
  },
  constants: {
    writeTimeoutMs: DEFAULT_LEADERLESS_TIMING.writeTimeoutMs,
    handoffMs: DEFAULT_LEADERLESS_TIMING.handoffMs,
    suspectAfterMs: DEFAULT_LEADERLESS_TIMING.suspectAfterMs,
  },
  groups: [sloppyDecisionChecks, sloppyClusterChecks],
  schedules: 25,
  seed: 20_063,
});
