/**
 * Decision cases for `ackPosition`: hand-built views, each with the one position the policy allows
 * (design §A.4). The expected numbers are written out by hand so a test can hold them against the
 * reference.
 */
import type { AckLevel, AckPolicy, AckView, StandbyProgress } from '../../exercise/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import { ACK_POSITIONS, describePolicy, describeView, show } from './reference.ts';

export type AckCaseCheck = 'honours-priority' | 'waits-for-streaming' | 'counts-a-quorum' | 'named-standbys-only' | 'picks-the-stage' | 'asynchronous-is-local';

export interface AckCase {
  readonly check: AckCaseCheck;
  readonly name: string;
  readonly policy: AckPolicy;
  readonly view: AckView;
  readonly expect: number;
}

/** `sb('n2', 's', 12, 10, 8)`: streaming (`s`), connected but catching up (`c`) or disconnected (`d`). */
function sb(id: string, state: 's' | 'c' | 'd', received: number, flushed = received, applied = flushed): StandbyProgress {
  return { id, connected: state !== 'd', streaming: state === 's', received, flushed, applied };
}

function policy(level: AckLevel, method: 'first' | 'any', count: number, ...names: string[]): AckPolicy {
  return { level, sync: { method, count, names } };
}

const view = (leaderLsn: number, ...standbys: StandbyProgress[]): AckView => ({ leaderLsn, standbys });
const first1 = policy('remote_flush', 'first', 1, 'n2', 'n3');
const first2of3 = policy('remote_flush', 'first', 2, 'n2', 'n3', 'n4');
const any2of4 = policy('remote_flush', 'any', 2, 'n2', 'n3', 'n4', 'n5');

export const ACK_CASES: readonly AckCase[] = [
  { check: 'honours-priority', name: 'the first-priority standby is behind the second', policy: first1, view: view(14, sb('n2', 's', 12, 10, 8), sb('n3', 's', 14, 13, 13)), expect: 10 },
  { check: 'honours-priority', name: 'the first-priority standby is disconnected', policy: first1, view: view(14, sb('n2', 'd', 12, 12, 9), sb('n3', 's', 14, 13, 13)), expect: 13 },
  { check: 'honours-priority', name: 'first 2 of three, the second named is disconnected', policy: first2of3, view: view(20, sb('n2', 's', 12, 9, 9), sb('n3', 'd', 20, 15, 15), sb('n4', 's', 8, 7, 7)), expect: 7 },
  { check: 'honours-priority', name: 'first 2 of three, only one streaming', policy: first2of3, view: view(20, sb('n2', 's', 12, 9, 9), sb('n3', 'd', 20, 15, 15), sb('n4', 'd', 8, 7, 7)), expect: 0 },
  { check: 'honours-priority', name: 'priority in list order, not id order', policy: policy('remote_flush', 'first', 1, 'n3', 'n2'), view: view(12, sb('n2', 's', 10), sb('n3', 's', 6)), expect: 6 },
  { check: 'honours-priority', name: 'the second-priority standby is far behind', policy: first1, view: view(14, sb('n2', 's', 12), sb('n3', 's', 5)), expect: 12 },
  { check: 'waits-for-streaming', name: 'the first-priority standby is connected but still catching up', policy: first1, view: view(14, sb('n2', 'c', 6), sb('n3', 's', 13)), expect: 13 },
  { check: 'waits-for-streaming', name: 'any 2 of two, the second connected but still catching up', policy: policy('remote_flush', 'any', 2, 'n2', 'n3'), view: view(9, sb('n2', 's', 8), sb('n3', 'c', 9)), expect: 0 },
  { check: 'waits-for-streaming', name: 'first 2 of three, one streaming, one catching up, one disconnected', policy: first2of3, view: view(12, sb('n2', 's', 10), sb('n3', 'c', 11), sb('n4', 'd', 12)), expect: 0 },
  { check: 'counts-a-quorum', name: 'any 2 of four, all streaming', policy: any2of4, view: view(13, sb('n2', 's', 7), sb('n3', 's', 9), sb('n4', 's', 4), sb('n5', 's', 12)), expect: 9 },
  { check: 'counts-a-quorum', name: 'any 2 of four, the most advanced disconnected', policy: any2of4, view: view(13, sb('n2', 's', 7), sb('n3', 's', 9), sb('n4', 's', 4), sb('n5', 'd', 12)), expect: 7 },
  { check: 'counts-a-quorum', name: 'any 3 of three', policy: policy('remote_flush', 'any', 3, 'n2', 'n3', 'n4'), view: view(9, sb('n2', 's', 5), sb('n3', 's', 8), sb('n4', 's', 6)), expect: 5 },
  { check: 'counts-a-quorum', name: 'any 2 of two, one disconnected', policy: policy('remote_flush', 'any', 2, 'n2', 'n3'), view: view(9, sb('n2', 's', 8), sb('n3', 'd', 9)), expect: 0 },
  { check: 'counts-a-quorum', name: 'any 2 of three, the two ahead tied', policy: policy('remote_flush', 'any', 2, 'n2', 'n3', 'n4'), view: view(14, sb('n2', 's', 12), sb('n3', 's', 12), sb('n4', 's', 4)), expect: 12 },
  { check: 'named-standbys-only', name: 'an unnamed follower is ahead of every named one', policy: policy('remote_flush', 'any', 1, 'n3', 'n4'), view: view(20, sb('n2', 's', 20), sb('n3', 's', 5), sb('n4', 's', 8)), expect: 8 },
  { check: 'picks-the-stage', name: 'remote_write waits for receipt', policy: policy('remote_write', 'first', 1, 'n2'), view: view(16, sb('n2', 's', 15, 12, 9)), expect: 15 },
  { check: 'picks-the-stage', name: 'remote_flush waits for the disk', policy: policy('remote_flush', 'first', 1, 'n2'), view: view(16, sb('n2', 's', 15, 12, 9)), expect: 12 },
  { check: 'picks-the-stage', name: 'remote_apply waits for replay', policy: policy('remote_apply', 'first', 1, 'n2'), view: view(16, sb('n2', 's', 15, 12, 9)), expect: 9 },
  { check: 'asynchronous-is-local', name: 'no names: asynchronous', policy: policy('remote_flush', 'first', 1), view: view(16, sb('n2', 's', 3)), expect: 16 },
  { check: 'asynchronous-is-local', name: 'local waits for no standby', policy: policy('local', 'first', 2, 'n2', 'n3'), view: view(16, sb('n2', 's', 3), sb('n3', 'd', 0)), expect: 16 },
];

const CHECKS: readonly (CheckInfo & { id: AckCaseCheck })[] = [
  { id: 'picks-the-stage', title: 'Waits for the stage the level names: received, flushed or applied', weight: 1 },
  { id: 'honours-priority', title: "'first' takes the earliest streaming standbys in list order", weight: 1 },
  { id: 'waits-for-streaming', title: 'Only streaming standbys are synchronous', weight: 1 },
  { id: 'counts-a-quorum', title: "'any' acknowledges what count standbys hold, or nothing when too few stream", weight: 1 },
  { id: 'named-standbys-only', title: 'Only named followers count', weight: 1 },
  { id: 'asynchronous-is-local', title: 'A policy without standbys acknowledges at once', weight: 1 },
];

export const ackCaseChecks: CheckGroup = caseCheckGroup<AckCase>({
  checks: CHECKS,
  cases: ACK_CASES,
  ask: (c) => ({ fn: 'ackPosition', args: [c.policy, c.view], freezeArgs: true }),
  judge: (c, answer) => {
    const q = { policy: c.policy, view: c.view, ackedBefore: 0 };
    if (ACK_POSITIONS.accepts(q, answer)) return null;
    return {
      message: `${c.name}: ackPosition answered ${show(answer)}; the policy allows acknowledging up to ${c.expect}`,
      details: describeCase(c),
      expected: statedBy(ACK_POSITIONS, q, answer, [c.expect]),
    };
  },
  show: describeCase,
  acceptableSets: [ACK_POSITIONS],
});

function describeCase(c: AckCase): string[] {
  return [`policy: ${describePolicy(c.policy)}`, `view: ${describeView(c.view)}`];
}
