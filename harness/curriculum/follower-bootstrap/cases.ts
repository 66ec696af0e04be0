/**
 * Decision cases (design §B.4): one small log, each call with its one acceptable answer written out
 * by hand (a test holds them against the reference). Each case is asked in a fresh module, so no
 * verdict depends on the order of the cases; data is compared by content.
 */
import type { CatchUpRequest, FollowerState, LogEntry, Operation, Snapshot } from '../../exercise/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import { CATCH_UP_REQUESTS, describeAnswer, describeBatch, describeState, FOLLOWER_STATES, sameState, specNextRequests, type StateQuestion } from './reference.ts';
import { describeRequest, replayLog, sameData } from '../../cluster/index.ts';

export type BootstrapCaseCheck = 'applies-each-once' | 'never-past-a-gap' | 'snapshot-replaces' | 'old-snapshot-ignored' | 'asks-for-the-next-entry' | 'snapshot-when-truncated';

const OPS: readonly Operation[] = [
  { op: 'set', key: 'a', value: 'x' },
  { op: 'append', key: 'a', value: 'y' },
  { op: 'set', key: 'b', value: '1' },
  { op: 'append', key: 'a', value: 'z' },
  { op: 'delete', key: 'b' },
  { op: 'append', key: 'b', value: 'q' },
  { op: 'delete', key: 'a' },
  { op: 'delete', key: 'b' },
];
export const CASE_LOG: readonly LogEntry[] = OPS.map((operation, i) => ({ lsn: i + 1, operation }));
const at = (lsn: number, data: Record<string, string>): FollowerState => ({ appliedLsn: lsn, data });
const S3 = at(3, { a: 'xy', b: '1' });
const S4 = at(4, { a: 'xyz', b: '1' });
const S5 = at(5, { a: 'xyz' });
const S6 = at(6, { a: 'xyz', b: 'q' });
const S8 = at(8, {});
const entries = (...lsns: number[]): LogEntry[] => lsns.map((l) => CASE_LOG[l - 1]!);
const snapshot = (s: FollowerState): Snapshot => ({ lsn: s.appliedLsn, data: s.data });

export type BootstrapCase = { readonly check: BootstrapCaseCheck; readonly name: string } & (
  | { readonly fn: 'applyEntries'; readonly state: FollowerState; readonly entries: readonly LogEntry[]; readonly expect: FollowerState }
  | { readonly fn: 'installSnapshot'; readonly state: FollowerState; readonly snapshot: Snapshot; readonly expect: FollowerState }
  | { readonly fn: 'nextRequest'; readonly state: FollowerState; readonly leaderFirstLsn?: number; readonly expect: readonly CatchUpRequest[] }
);

const entriesFrom = (fromLsn: number): CatchUpRequest => ({ kind: 'entries', fromLsn });
const SNAPSHOT: CatchUpRequest = { kind: 'snapshot' };
const far = at(80, { a: 'long ago', c: 'x' });

export const BOOTSTRAP_CASES: readonly BootstrapCase[] = [
  { check: 'applies-each-once', name: 'a batch overlapping what you have', fn: 'applyEntries', state: S3, entries: entries(2, 3, 4, 5), expect: S5 },
  { check: 'applies-each-once', name: 'a late duplicate of entries you have', fn: 'applyEntries', state: S5, entries: entries(3, 4), expect: S5 },
  { check: 'applies-each-once', name: 'an overlapping batch whose entry at your position is an append (a+=z at 4)', fn: 'applyEntries', state: S4, entries: entries(3, 4, 5), expect: S5 },
  { check: 'applies-each-once', name: 'an empty batch', fn: 'applyEntries', state: S3, entries: [], expect: S3 },
  { check: 'applies-each-once', name: 'exactly the next entry', fn: 'applyEntries', state: S3, entries: entries(4), expect: S4 },
  { check: 'applies-each-once', name: 'a new follower\'s first batch, six entries long', fn: 'applyEntries', state: at(0, {}), entries: entries(1, 2, 3, 4, 5, 6), expect: S6 },
  { check: 'never-past-a-gap', name: 'a batch after a gap (entry 4 was lost)', fn: 'applyEntries', state: S3, entries: entries(5, 6), expect: S3 },
  { check: 'never-past-a-gap', name: 'a new follower\'s first batch after a gap (entries 1 and 2 were lost)', fn: 'applyEntries', state: at(0, {}), entries: entries(3, 4), expect: at(0, {}) },
  { check: 'snapshot-replaces', name: 'a newer snapshot', fn: 'installSnapshot', state: S3, snapshot: snapshot(S6), expect: S6 },
  { check: 'snapshot-replaces', name: "a newer snapshot without a key you hold (b was deleted at 5)", fn: 'installSnapshot', state: S3, snapshot: snapshot(S5), expect: S5 },
  { check: 'snapshot-replaces', name: 'a newer snapshot with no keys at all (a and b were deleted at 7 and 8)', fn: 'installSnapshot', state: S3, snapshot: snapshot(S8), expect: S8 },
  { check: 'snapshot-replaces', name: 'a snapshot just one position ahead', fn: 'installSnapshot', state: S3, snapshot: snapshot(S4), expect: S4 },
  { check: 'old-snapshot-ignored', name: 'an older snapshot, arriving late', fn: 'installSnapshot', state: S5, snapshot: snapshot(S3), expect: S5 },
  { check: 'old-snapshot-ignored', name: 'a snapshot just one position behind', fn: 'installSnapshot', state: S5, snapshot: snapshot(S4), expect: S5 },
  { check: 'old-snapshot-ignored', name: 'a snapshot at your own position', fn: 'installSnapshot', state: S5, snapshot: snapshot(S5), expect: S5 },
  { check: 'asks-for-the-next-entry', name: 'not told the leader\'s oldest entry yet', fn: 'nextRequest', state: S3, expect: [entriesFrom(4)] },
  { check: 'asks-for-the-next-entry', name: 'the leader still keeps the next entry', fn: 'nextRequest', state: S3, leaderFirstLsn: 4, expect: [entriesFrom(4)] },
  { check: 'snapshot-when-truncated', name: 'the leader no longer keeps the next entry', fn: 'nextRequest', state: S3, leaderFirstLsn: 5, expect: [SNAPSHOT] },
  { check: 'asks-for-the-next-entry', name: 'a new follower, the leader keeps its whole log', fn: 'nextRequest', state: at(0, {}), leaderFirstLsn: 1, expect: [entriesFrom(1), SNAPSHOT] },
  { check: 'snapshot-when-truncated', name: 'a new follower, the leader kept only from 57', fn: 'nextRequest', state: at(0, {}), leaderFirstLsn: 57, expect: [SNAPSHOT] },
  { check: 'asks-for-the-next-entry', name: 'far ahead of the leader\'s oldest entry', fn: 'nextRequest', state: far, leaderFirstLsn: 57, expect: [entriesFrom(81)] },
];

const CHECKS: readonly (CheckInfo & { id: BootstrapCaseCheck })[] = [
  { id: 'applies-each-once', title: 'applyEntries applies every entry once: skips what it has, applies the next ones', weight: 1 },
  { id: 'never-past-a-gap', title: 'applyEntries never applies past a missing entry', weight: 1 },
  { id: 'snapshot-replaces', title: 'A newer snapshot replaces data and position', weight: 1 },
  { id: 'old-snapshot-ignored', title: 'A snapshot no newer than the state is ignored', weight: 1 },
  { id: 'asks-for-the-next-entry', title: 'nextRequest asks for the very next entry while the leader keeps it', weight: 1 },
  { id: 'snapshot-when-truncated', title: 'nextRequest asks for a snapshot once the leader no longer keeps the next entry', weight: 1 },
];

function args(c: BootstrapCase): unknown[] {
  return c.fn === 'applyEntries' ? [c.state, c.entries] : c.fn === 'installSnapshot' ? [c.state, c.snapshot] : [c.state, c.leaderFirstLsn];
}

export const bootstrapCaseChecks: CheckGroup = caseCheckGroup<BootstrapCase>({
  checks: CHECKS,
  cases: BOOTSTRAP_CASES,
  freshModule: true,
  frozenInputs: { noun: 'state or batch', advice: 'Return a new state ({ appliedLsn, data }) and leave the one you were given as it is: the follower stores only what you return.' },
  ask: (c) => ({ fn: c.fn, args: args(c), freezeArgs: true }),
  judge: (c, answer) => {
    if (c.fn === 'nextRequest') {
      const q = { state: c.state, ...(c.leaderFirstLsn !== undefined ? { leaderFirstLsn: c.leaderFirstLsn } : {}) };
      if (CATCH_UP_REQUESTS.accepts(q, answer)) return null;
      return {
        message: `${c.name}: nextRequest(${describeState(c.state)}, ${c.leaderFirstLsn ?? 'undefined'}) answered ${describeRequestAnswer(answer)}; expected ${c.expect.map(describeRequest).join(', or ')}`,
        details: describeCase(c),
        expected: statedBy(CATCH_UP_REQUESTS, q, answer, specNextRequests(c.state, c.leaderFirstLsn)),
      };
    }
    const q: StateQuestion = c.fn === 'applyEntries' ? { fn: c.fn, state: c.state, entries: c.entries } : { fn: c.fn, state: c.state, snapshot: c.snapshot };
    if (FOLLOWER_STATES.accepts(q, answer)) return null;
    const input = c.fn === 'applyEntries' ? describeBatch(c.entries) : `snapshot @${c.snapshot.lsn}`;
    return {
      message: `${c.name}: ${c.fn}(${describeState(c.state)}, ${input}) answered ${describeAnswer(answer)}; expected ${describeState(c.expect)}`,
      details: describeCase(c),
      expected: statedBy(FOLLOWER_STATES, q, answer, [c.expect]),
    };
  },
  show: describeCase,
  acceptableSets: [FOLLOWER_STATES, CATCH_UP_REQUESTS],
});

function describeRequestAnswer(answer: unknown): string {
  const r = answer as Partial<{ kind: string; fromLsn: unknown }> | null;
  if (typeof r === 'object' && r !== null && (r.kind === 'snapshot' || (r.kind === 'entries' && typeof r.fromLsn === 'number'))) return describeRequest(r as CatchUpRequest);
  return describeAnswer(answer);
}

function describeCase(c: BootstrapCase): string[] {
  const log = `log: ${CASE_LOG.map((e) => `${e.lsn} ${describeOp(e.operation)}`).join(', ')}`;
  const input =
    c.fn === 'applyEntries' ? `entries: ${describeBatch(c.entries)}` : c.fn === 'installSnapshot' ? `snapshot: ${describeState({ appliedLsn: c.snapshot.lsn, data: c.snapshot.data })}` : `leaderFirstLsn: ${c.leaderFirstLsn ?? 'undefined'}`;
  return [log, `state: ${describeState(c.state)}`, input];
}

export function describeOp(op: Operation): string {
  return op.op === 'set' ? `set ${op.key}=${op.value}` : op.op === 'append' ? `append ${op.key}+=${op.value}` : `delete ${op.key}`;
}

/**
 * The written-out expectations agree with the reference, and every state and snapshot within the
 * case log holds the log's data at its position (a test asks this).
 */
export function caseExpectationProblems(): string[] {
  return BOOTSTRAP_CASES.flatMap((c) => {
    const positions = [c.state, ...(c.fn === 'nextRequest' ? [] : [c.expect]), ...(c.fn === 'installSnapshot' ? [{ appliedLsn: c.snapshot.lsn, data: c.snapshot.data }] : [])];
    const off = positions.filter((s) => s.appliedLsn <= CASE_LOG.length && !sameData(s.data, replayLog(CASE_LOG, s.appliedLsn)));
    if (off.length > 0) return [`${c.name}: ${off.map(describeState).join(', ')} is not the log's data there`];
    if (c.fn === 'nextRequest') {
      const spec = specNextRequests(c.state, c.leaderFirstLsn);
      return JSON.stringify(spec) === JSON.stringify(c.expect) ? [] : [`${c.name}: reference ${JSON.stringify(spec)}`];
    }
    const q: StateQuestion = c.fn === 'applyEntries' ? { fn: c.fn, state: c.state, entries: c.entries } : { fn: c.fn, state: c.state, snapshot: c.snapshot };
    return FOLLOWER_STATES.accepts(q, c.expect) && sameState(c.expect, c.expect) ? [] : [`${c.name}: the reference disagrees`];
  });
}
