/**
 * The hand-written decision cases against the oracle that judges cluster runs: `acceptableDecision`
 * must compute, for every case, exactly the set written out by hand, and `judgeDecision` must accept
 * every decision in that set and reject the wrong ones in plain words that name the members.
 */
import { describe, expect, it } from 'vitest';
import { acceptableDecision, judgeDecision } from '../../harness/curriculum/failover-coordinator/acceptable.ts';
import { DECISION_CASES, type DecisionCase } from '../../harness/curriculum/failover-coordinator/decision-cases.ts';
import type { FailoverView } from '../../harness/exercise/index.ts';

const SAFE = DECISION_CASES.filter((c): c is DecisionCase & { expect: { safe: true } } => c.expect.safe);
const UNSAFE = DECISION_CASES.filter((c) => !c.expect.safe);

/** A member that answered and is not the suspected leader: what a careless coordinator would elect. */
function someFollower(view: FailoverView): string {
  return view.members.find((m) => m.reachable && m.id !== view.suspectedLeader)!.id;
}

describe('DECISION_CASES', () => {
  it('cover every decision check, with both safe and unsafe views', () => {
    expect(new Set(DECISION_CASES.map((c) => c.check))).toEqual(
      new Set(['refuses-while-leader-answers', 'refuses-without-majority', 'elects-most-up-to-date', 'chooses-fresh-epoch']),
    );
    expect(SAFE.length).toBeGreaterThan(0);
    expect(UNSAFE.length).toBeGreaterThan(0);
  });

  it.each(DECISION_CASES.map((c) => [c.name, c] as const))('the oracle agrees with the declared set: %s', (_, c) => {
    const oracle = acceptableDecision(c.view);
    expect(oracle.safe).toBe(c.expect.safe);
    if (!oracle.safe || !c.expect.safe) return;
    expect([...oracle.leaders].sort()).toEqual([...c.expect.leaders].sort());
    expect(oracle.minEpoch).toBe(c.expect.minEpoch);
  });
});

describe('judgeDecision on the declared sets', () => {
  it.each(SAFE.map((c) => [c.name, c] as const))('accepts every acceptable election: %s', (_, c) => {
    for (const leader of c.expect.leaders)
      for (const epoch of [c.expect.minEpoch, c.expect.minEpoch + 5]) expect(judgeDecision(c.view, { safe: true, election: { leader, epoch } })).toBeNull();
  });

  it.each(UNSAFE.map((c) => [c.name, c] as const))('accepts refusing, and rejects failing over: %s', (_, c) => {
    expect(judgeDecision(c.view, { safe: false })).toBeNull();
    const elected = someFollower(c.view);
    const problem = judgeDecision(c.view, { safe: true, election: { leader: elected, epoch: c.view.epoch + 1 } });
    expect(problem).toMatch(/^you judged the failover safe and elected .* but it was not: /);
    expect(problem).toContain(elected);
    const leaderAnswered = c.view.members.find((m) => m.id === c.view.suspectedLeader)!.reachable;
    expect(problem).toContain(leaderAnswered ? `the suspected leader ${c.view.suspectedLeader} still answered` : `members answered; a failover needs a strict majority`);
  });

  it.each(SAFE.map((c) => [c.name, c] as const))('rejects a wrong leader, naming the acceptable ones: %s', (_, c) => {
    for (const wrong of c.view.members.map((m) => m.id).filter((id) => !c.expect.leaders.includes(id))) {
      const problem = judgeDecision(c.view, { safe: true, election: { leader: wrong, epoch: c.expect.minEpoch } });
      expect(problem).toMatch(new RegExp(`^you elected ${wrong} \\(.*\\); acceptable: `));
      for (const leader of c.expect.leaders) expect(problem).toContain(`${leader} (log `);
    }
  });

  it.each(SAFE.map((c) => [c.name, c] as const))('rejects an epoch below the minimum, saying which: %s', (_, c) => {
    const leader = c.expect.leaders[0]!;
    const problem = judgeDecision(c.view, { safe: true, election: { leader, epoch: c.expect.minEpoch - 1 } });
    expect(problem).toContain(`you chose epoch ${c.expect.minEpoch - 1}; it must be at least ${c.expect.minEpoch}`);
    expect(problem).toContain(`the leader's epoch ${c.view.epoch}`);
  });

  it.each(SAFE.map((c) => [c.name, c] as const))('rejects refusing a safe failover, and a safe verdict without an election: %s', (_, c) => {
    expect(judgeDecision(c.view, { safe: false })).toBe(
      `you judged the failover unsafe, but it was safe: the suspected leader ${c.view.suspectedLeader} did not answer and a majority did`,
    );
    expect(judgeDecision(c.view, { safe: true })).toBe('you judged the failover safe but elected nobody');
  });

  it('reports a wrong leader and a stale epoch together, in the words a learner reads', () => {
    const c = DECISION_CASES.find((x) => x.name.startsWith('3 members, a higher LSN from an older epoch'))!;
    expect(judgeDecision(c.view, { safe: true, election: { leader: 'n1', epoch: 2 } })).toBe(
      'you elected n1 (log 1:40); acceptable: n3 (log 2:38); ' +
        "you chose epoch 2; it must be at least 3 (above the leader's epoch 2 and every reachable member's epoch)",
    );
  });

  it('names an unreachable member and the suspected leader as such', () => {
    const c = DECISION_CASES.find((x) => x.name.startsWith('5 members, an unreachable member with the best (stale) log'))!;
    expect(judgeDecision(c.view, { safe: true, election: { leader: 'n2', epoch: 3 } })).toBe(
      'you elected n2 (unreachable, last heard log 2:50); acceptable: n3 (log 2:45)',
    );
    expect(judgeDecision(c.view, { safe: true, election: { leader: 'n1', epoch: 3 } })).toBe(
      'you elected n1 (the suspected leader, unreachable, last heard log 2:52); acceptable: n3 (log 2:45)',
    );
  });
});
