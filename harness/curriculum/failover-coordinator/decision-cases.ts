/**
 * Hand-built failover views, each with the set of decisions a correct coordinator may make. The
 * sets are written out by hand (not computed by `acceptableDecision`) so that a test can hold the
 * two against each other.
 */
import type { FailoverView, MemberView } from '../../exercise/index.ts';

export type DecisionCheckId = 'refuses-while-leader-answers' | 'refuses-without-majority' | 'elects-most-up-to-date' | 'chooses-fresh-epoch';

export interface DecisionCase {
  /** What the view shows, in a few words. */
  readonly name: string;
  readonly check: DecisionCheckId;
  readonly view: FailoverView;
  readonly expect: { readonly safe: false } | { readonly safe: true; readonly leaders: readonly string[]; readonly minEpoch: number };
}

/** A member line: `m('n2', true, 2, 38, 2)` = reachable n2, last entry 2:38, accepted epoch 2. */
function m(id: string, reachable: boolean, lastEpoch: number, lastLsn: number, epoch = lastEpoch): MemberView {
  return { id, reachable, lastEpoch, lastLsn, epoch };
}

function view(epoch: number, suspectedLeader: string, ...members: MemberView[]): FailoverView {
  return { members, suspectedLeader, epoch };
}

export const DECISION_CASES: readonly DecisionCase[] = [
  {
    name: '3 members, the leader still answers (its heartbeats were lost)',
    check: 'refuses-while-leader-answers',
    view: view(1, 'n1', m('n1', true, 1, 30), m('n2', true, 1, 30), m('n3', true, 1, 29)),
    expect: { safe: false },
  },
  {
    name: '5 members, the leader answers but only one follower does',
    check: 'refuses-while-leader-answers',
    view: view(2, 'n1', m('n1', true, 2, 12), m('n2', true, 2, 12), m('n3', false, 2, 10), m('n4', false, 2, 11), m('n5', false, 1, 9)),
    expect: { safe: false },
  },
  {
    name: '5 members, the leader answers and has the shortest log',
    check: 'refuses-while-leader-answers',
    view: view(3, 'n2', m('n1', true, 3, 44), m('n2', true, 3, 40), m('n3', true, 3, 44), m('n4', true, 3, 44), m('n5', true, 3, 43)),
    expect: { safe: false },
  },
  {
    name: '3 members, only one follower answers',
    check: 'refuses-without-majority',
    view: view(1, 'n1', m('n1', false, 1, 20), m('n2', true, 1, 18), m('n3', false, 1, 20)),
    expect: { safe: false },
  },
  {
    name: '5 members, two followers answer (two of five is not a majority)',
    check: 'refuses-without-majority',
    view: view(2, 'n1', m('n1', false, 2, 50), m('n2', true, 2, 48), m('n3', true, 2, 47), m('n4', false, 2, 50), m('n5', false, 2, 50)),
    expect: { safe: false },
  },
  {
    name: '5 members, exactly three followers answer',
    check: 'elects-most-up-to-date',
    view: view(2, 'n1', m('n1', false, 2, 50), m('n2', true, 2, 47), m('n3', true, 2, 49), m('n4', true, 2, 48), m('n5', false, 2, 50)),
    expect: { safe: true, leaders: ['n3'], minEpoch: 3 },
  },
  {
    name: '3 members, both followers equally up to date (either is fine)',
    check: 'elects-most-up-to-date',
    view: view(1, 'n1', m('n1', false, 1, 20), m('n2', true, 1, 20), m('n3', true, 1, 20)),
    expect: { safe: true, leaders: ['n2', 'n3'], minEpoch: 2 },
  },
  {
    name: '3 members, a higher LSN from an older epoch (the second failover)',
    check: 'elects-most-up-to-date',
    view: view(2, 'n2', m('n1', true, 1, 40, 2), m('n2', false, 2, 38), m('n3', true, 2, 38)),
    expect: { safe: true, leaders: ['n3'], minEpoch: 3 },
  },
  {
    // Positions compare within any one epoch, not only the current one.
    name: "3 members, epoch 3's leader failed before its first entry reached anyone: the survivors' newest entries are from epoch 2",
    check: 'elects-most-up-to-date',
    view: view(3, 'n1', m('n1', false, 3, 8), m('n2', true, 2, 5, 3), m('n3', true, 2, 7, 3)),
    expect: { safe: true, leaders: ['n3'], minEpoch: 4 },
  },
  {
    name: '5 members, an unreachable member with the best (stale) log',
    check: 'elects-most-up-to-date',
    view: view(2, 'n1', m('n1', false, 2, 52), m('n2', false, 2, 50), m('n3', true, 2, 45), m('n4', true, 2, 44), m('n5', true, 1, 60, 2)),
    expect: { safe: true, leaders: ['n3'], minEpoch: 3 },
  },
  {
    name: '3 members, the lower id is more up to date',
    check: 'elects-most-up-to-date',
    view: view(1, 'n1', m('n1', false, 1, 31), m('n2', true, 1, 30), m('n3', true, 1, 25)),
    expect: { safe: true, leaders: ['n2'], minEpoch: 2 },
  },
  {
    name: '3 members, the higher id is more up to date',
    check: 'elects-most-up-to-date',
    view: view(1, 'n3', m('n1', true, 1, 25), m('n2', true, 1, 30), m('n3', false, 1, 31)),
    expect: { safe: true, leaders: ['n2'], minEpoch: 2 },
  },
  {
    name: '5 members, four followers answer, the best one last',
    check: 'elects-most-up-to-date',
    view: view(4, 'n2', m('n1', true, 4, 70), m('n2', false, 4, 75), m('n3', true, 3, 80, 4), m('n4', true, 4, 71), m('n5', true, 4, 73)),
    expect: { safe: true, leaders: ['n5'], minEpoch: 5 },
  },
  {
    // An accepted epoch says which rounds a member heard of, not how much of the log it holds.
    name: '5 members, the follower that accepted the highest epoch (an abandoned round) has a shorter log',
    check: 'elects-most-up-to-date',
    view: view(3, 'n1', m('n1', false, 3, 20), m('n2', true, 3, 20), m('n3', true, 3, 15, 5), m('n4', true, 3, 18), m('n5', false, 3, 20)),
    expect: { safe: true, leaders: ['n2'], minEpoch: 6 },
  },
  {
    name: "3 members, the follower that missed epoch 3's NewEpoch holds the newest entries (epoch 3's leader wrote none that reached anyone)",
    check: 'elects-most-up-to-date',
    view: view(3, 'n1', m('n1', false, 3, 8), m('n2', true, 2, 5, 3), m('n3', true, 2, 7, 2)),
    expect: { safe: true, leaders: ['n3'], minEpoch: 4 },
  },
  {
    name: '3 members, a follower already accepted a higher epoch from an abandoned round',
    check: 'chooses-fresh-epoch',
    view: view(3, 'n1', m('n1', false, 3, 20), m('n2', true, 3, 20, 5), m('n3', true, 3, 19, 3)),
    expect: { safe: true, leaders: ['n2'], minEpoch: 6 },
  },
  {
    // The higher epoch is on the member that is not elected: the new one must still be above it.
    name: '3 members, the follower that is behind already accepted a higher epoch from an abandoned round',
    check: 'chooses-fresh-epoch',
    view: view(3, 'n1', m('n1', false, 3, 20), m('n2', true, 3, 20), m('n3', true, 3, 19, 5)),
    expect: { safe: true, leaders: ['n2'], minEpoch: 6 },
  },
  {
    name: '5 members, every epoch equal to the leader\'s',
    check: 'chooses-fresh-epoch',
    view: view(4, 'n3', m('n1', true, 4, 11), m('n2', true, 4, 12), m('n3', false, 4, 12), m('n4', true, 4, 10), m('n5', false, 4, 12)),
    expect: { safe: true, leaders: ['n2'], minEpoch: 5 },
  },
];
