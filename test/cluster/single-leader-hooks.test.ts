/**
 * The single-leader cluster's hooks: the reference ones reproduce each replication mode event for
 * event, the commit rules decide on the leader's view as documented, and a run given other hooks
 * follows them (a rule that never commits acknowledges nothing; each view the leader builds is well
 * formed).
 */
import { describe, expect, it } from 'vitest';
import {
  asyncCommit,
  majorityCommit,
  matchLog,
  referenceSingleLeaderHooks,
  runFailoverCluster,
  semiSyncCommit,
  type CommitView,
  type Entry,
  type FailoverScenario,
  type FollowerLog,
} from '../../harness/cluster/index.ts';
import { firstDivergence } from '../../harness/sim/index.ts';
import { majorityDecider } from './majority-decider.ts';

const base: FailoverScenario = {
  seed: 12,
  members: 3,
  latency: { min: 1, max: 6 },
  loss: 0.02,
  duplicate: 0.01,
  reorder: 0.05,
  faults: [{ at: 400, fault: { kind: 'crash', node: 'n1' } }],
  faultPhaseMs: 1100,
  keepDown: [],
};

/** A view over a log whose entries have the given epochs, with followers holding `matches`. */
function view(epochs: number[], epoch: number, commit: number, matches: number[]): CommitView {
  return {
    epoch,
    commit,
    lastLsn: epochs.length,
    entryEpoch: (lsn) => epochs[lsn - 1]!,
    followers: matches.map((match, i) => ({ id: `n${i + 2}`, match })),
    voters: matches.length + 1,
  };
}

describe('reference commit rules', () => {
  it('majority commits only through an entry of its own epoch held by a majority', () => {
    expect(majorityCommit.commitPosition(view([1, 1, 2], 2, 0, [3, 0]))).toBe(3);
    // Two entries of epoch 1 on a majority, but the leader's own entry is not: nothing commits.
    expect(majorityCommit.commitPosition(view([1, 1, 2], 2, 0, [2, 2]))).toBe(0);
    expect(majorityCommit.commitPosition(view([1, 1, 1, 1, 1], 1, 1, [4, 3, 0, 0]))).toBe(3);
  });

  it('semi-sync needs one follower, async none, and neither moves the commit index back', () => {
    expect(semiSyncCommit.commitPosition(view([1, 1, 2], 2, 0, [0, 2]))).toBe(2);
    expect(asyncCommit.commitPosition(view([1, 1, 2], 2, 1, [0, 0]))).toBe(3);
    expect(semiSyncCommit.commitPosition(view([1, 1], 1, 2, [0, 0]))).toBe(2);
  });
});

describe('reference log matching', () => {
  const log = (entries: Entry[]): FollowerLog & { held: Entry[]; truncated: number[] } => {
    const held = [...entries];
    const truncated: number[] = [];
    return {
      held,
      truncated,
      get lastLsn() {
        return held.length;
      },
      entry: (lsn) => held[lsn - 1],
      truncateFrom: (lsn) => {
        truncated.push(lsn);
        held.splice(lsn - 1);
      },
      push: (entry) => void held.push(entry),
    };
  };
  const e = (epoch: number, lsn: number): Entry => ({ epoch, lsn, write: null });

  it('refuses an append whose previous entry it lacks, pointing the leader back', () => {
    const l = log([e(1, 1)]);
    expect(matchLog(l, { prevLsn: 3, prevEpoch: 1, entries: [e(1, 4)] })).toEqual({ ok: false, matchLsn: 1 });
    expect(matchLog(l, { prevLsn: 1, prevEpoch: 2, entries: [] })).toEqual({ ok: false, matchLsn: 0 });
  });

  it('replaces a conflicting suffix and keeps entries already held', () => {
    const l = log([e(1, 1), e(1, 2), e(1, 3)]);
    expect(matchLog(l, { prevLsn: 1, prevEpoch: 1, entries: [e(1, 2), e(2, 3)] })).toEqual({ ok: true, matchLsn: 3 });
    expect(l.truncated).toEqual([3]);
    expect(l.held.map((x) => x.epoch)).toEqual([1, 1, 2]);
  });
});

describe('a run follows the hooks it is given', () => {
  it('the reference hooks of a mode give the same trace as the mode itself', async () => {
    for (const mode of ['majority', 'semi-sync', 'async'] as const) {
      const byMode = await runFailoverCluster(base, majorityDecider, { mode });
      const byHooks = await runFailoverCluster(base, majorityDecider, { hooks: referenceSingleLeaderHooks(mode) });
      expect(firstDivergence(byMode.trace, byHooks.trace)).toBeUndefined();
    }
  });

  it('a commit rule that never commits acknowledges no write, and sees well-formed views', async () => {
    const views: CommitView[] = [];
    const never = { ...referenceSingleLeaderHooks('majority'), leader: { commitPosition: (v: CommitView) => (views.push(v), v.commit) } };
    const run = await runFailoverCluster(base, majorityDecider, { hooks: never });
    expect(views.length).toBeGreaterThan(20);
    for (const v of views) {
      expect(v.voters).toBe(3);
      expect(v.followers).toHaveLength(2);
      expect(v.commit).toBe(0);
      for (const f of v.followers) expect(f.match).toBeLessThanOrEqual(v.lastLsn);
    }
    expect(run.history.filter((op) => op.status === 'ok')).toEqual([]);
    expect(run.notes.filter((n) => n.kind === 'note' && n.name === 'commit')).toEqual([]);
    const reference = await runFailoverCluster(base, majorityDecider);
    expect(reference.history.filter((op) => op.status === 'ok').length).toBeGreaterThan(10);
  });
});
