/**
 * The set of acceptable failover decisions for a view: never one "right answer", because any
 * tie-break and any sufficiently high epoch are correct. Cluster checks judge each of the learner's
 * decisions against this set, so a correct learner is never blamed for a choice the reference
 * solution happens not to make.
 */
import type { Election, FailoverView, MemberView } from '../../exercise/index.ts';
import { statedBy, type AcceptableSet, type WrongAnswer } from '../expectation.ts';

/** What a correct coordinator may decide for one view. */
export type AcceptableDecision =
  | { safe: false; why: string }
  | {
      safe: true;
      /** Every member that may be elected: the reachable non-leaders with the most up-to-date log. */
      leaders: readonly string[];
      /** The lowest acceptable epoch: above the view's epoch and every reachable member's epoch. */
      minEpoch: number;
    };

/** The acceptable decisions for `view`, by the rules the exercise README states. */
export function acceptableDecision(view: FailoverView): AcceptableDecision {
  const suspected = view.members.find((m) => m.id === view.suspectedLeader);
  if (suspected?.reachable) return { safe: false, why: `the suspected leader ${view.suspectedLeader} still answered the probe` };
  const reachable = view.members.filter((m) => m.reachable);
  if (reachable.length * 2 <= view.members.length)
    return { safe: false, why: `only ${reachable.length} of ${view.members.length} members answered; a failover needs a strict majority` };
  const candidates = reachable.filter((m) => m.id !== view.suspectedLeader);
  const best = candidates.reduce((a, b) => (compareLogs(b, a) > 0 ? b : a));
  return {
    safe: true,
    leaders: candidates.filter((m) => compareLogs(m, best) === 0).map((m) => m.id),
    minEpoch: Math.max(view.epoch, ...reachable.map((m) => m.epoch)) + 1,
  };
}

/** Orders logs by (epoch of last entry, position of last entry): positive when `a` is more up to date. */
export function compareLogs(a: Pick<MemberView, 'lastEpoch' | 'lastLsn'>, b: Pick<MemberView, 'lastEpoch' | 'lastLsn'>): number {
  return a.lastEpoch - b.lastEpoch || a.lastLsn - b.lastLsn;
}

/** A learner's decision for one view: the verdict, and the election when the verdict was safe. */
export interface LearnerDecision {
  readonly safe: boolean;
  readonly election?: Election;
}

/** The decisions a correct coordinator may make for a view (`acceptableDecision`'s rules). */
export const FAILOVER_DECISIONS: AcceptableSet<FailoverView, LearnerDecision> = {
  name: 'failover/decision',
  accepts: (view, decision) => judgeDecisionAnswer(view, decision) === null,
};

/**
 * Null when `decision` is acceptable for `view`; otherwise what was wrong and what would have been
 * acceptable, in plain words ("you elected n3 (log 1:40); acceptable: n2 (log 2:38)").
 */
export function judgeDecision(
  view: FailoverView,
  decision: LearnerDecision,
  acceptable = acceptableDecision(view),
  /** Judge only the leader or only the epoch of a safe decision (the verdict is always judged). */
  focus: 'all' | 'leader' | 'epoch' = 'all',
): string | null {
  return judgeDecisionAnswer(view, decision, acceptable, focus)?.text ?? null;
}

/**
 * `judgeDecision` with what its words state as data: the acceptable decisions they name, each
 * correct in every part (the learner's own leader or epoch is kept only where it is acceptable).
 */
export function judgeDecisionAnswer(view: FailoverView, decision: LearnerDecision, acceptable = acceptableDecision(view), focus: 'all' | 'leader' | 'epoch' = 'all'): WrongAnswer | null {
  const wrong = (text: string, stated: readonly LearnerDecision[]): WrongAnswer => ({ text, expected: statedBy(FAILOVER_DECISIONS, view, decision, stated) });
  if (!acceptable.safe) {
    if (!decision.safe) return null;
    const elected = decision.election ? ` and elected ${describeElection(view, decision.election)}` : '';
    return wrong(`you judged the failover safe${elected}, but it was not: ${acceptable.why}`, [{ safe: false }]);
  }
  const election = decision.election;
  const leaders = election !== undefined && acceptable.leaders.includes(election.leader) ? [election.leader] : acceptable.leaders;
  const epoch = Math.max(election?.epoch ?? 0, acceptable.minEpoch);
  const stated = leaders.map((leader): LearnerDecision => ({ safe: true, election: { leader, epoch } }));
  if (!decision.safe) return wrong(`you judged the failover unsafe, but it was safe: the suspected leader ${view.suspectedLeader} did not answer and a majority did`, stated);
  if (election === undefined) return wrong('you judged the failover safe but elected nobody', stated);
  const problems: string[] = [];
  if (focus !== 'epoch' && !acceptable.leaders.includes(election.leader))
    problems.push(`you elected ${describeElection(view, election)}; acceptable: ${acceptable.leaders.map((id) => describeMember(view, id)).join(' or ')}`);
  if (focus !== 'leader' && election.epoch < acceptable.minEpoch)
    problems.push(
      `you chose epoch ${election.epoch}; it must be at least ${acceptable.minEpoch} (above the leader's epoch ${view.epoch} and every reachable member's epoch)`,
    );
  return problems.length === 0 ? null : wrong(problems.join('; '), stated);
}

function describeElection(view: FailoverView, e: Election): string {
  return describeMember(view, e.leader);
}

/** "n2 (log 2:38)" or "n2 (unreachable, last heard log 2:38)". */
export function describeMember(view: FailoverView, id: string): string {
  const m = view.members.find((x) => x.id === id);
  if (m === undefined) return `${id} (not a member)`;
  const role = id === view.suspectedLeader ? 'the suspected leader, ' : '';
  return m.reachable ? `${id} (${role}log ${m.lastEpoch}:${m.lastLsn})` : `${id} (${role}unreachable, last heard log ${m.lastEpoch}:${m.lastLsn})`;
}

/**
 * The view as one compact line per member, for feedback. Values whose field a learner could not
 * guess from the words are named by their field the first time (`last entry (lastEpoch:lastLsn) 1:40`),
 * so the line maps onto the `FailoverView` the learner's code reads.
 */
export function describeView(view: FailoverView): string[] {
  return [
    `suspected leader (suspectedLeader) ${view.suspectedLeader}, elected in epoch (view.epoch) ${view.epoch}`,
    ...view.members.map((m, i) => `  ${m.id}: ${m.reachable ? 'reachable  ' : 'unreachable'} epoch ${m.epoch}, last entry ${i === 0 ? '(lastEpoch:lastLsn) ' : ''}${m.lastEpoch}:${m.lastLsn}`),
  ];
}
