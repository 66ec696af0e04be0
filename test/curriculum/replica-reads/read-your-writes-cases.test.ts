/**
 * read-your-writes: the hand-declared acceptable sets of the decision cases against the sets the
 * checks compute from the acks (design §D.3), and the edges of those sets a correct learner relies on.
 */
import { describe, expect, it } from 'vitest';
import { ACCEPT_ANSWERS, acceptableRoutes, forcedAcceptance, ROUTE_ANSWERS, sessionKeyProblem } from '../../../harness/curriculum/read-your-writes/acceptable.ts';
import { RYW_CASES } from '../../../harness/curriculum/read-your-writes/cases.ts';
import { follower as f, leader as L } from '../../../harness/curriculum/workloads/replica-reads/index.ts';

const sorted = (xs: readonly (string | null)[]): (string | null)[] => [...xs].sort((a, b) => String(a).localeCompare(String(b)));

describe('read-your-writes decision cases', () => {
  it.each(RYW_CASES.map((c) => [c.name, c] as const))('the declared set is the computed one: %s', (_, c) => {
    if (c.fn === 'acceptsReply') {
      const forced = forcedAcceptance({ writes: c.writes, reply: c.reply });
      expect(forced === undefined ? [true, false] : [forced]).toEqual(c.acceptable);
      for (const a of [true, false]) expect(ACCEPT_ANSWERS.accepts({ writes: c.writes, reply: c.reply }, a)).toBe(c.acceptable.includes(a));
    } else if (c.fn === 'chooseReplica') {
      expect(sorted(acceptableRoutes({ writes: c.writes, key: c.key, replicas: c.replicas }))).toEqual(sorted(c.acceptable));
    } else {
      expect(sessionKeyProblem({ asked: c.asked }, c.asked.map(([u]) => u))).toBeNull();
    }
  });

  it('never accepts a non-boolean reply verdict or a replica that was not offered', () => {
    const q = { writes: [{ key: 'a', lsn: 3 }], reply: { replica: 'n2', role: 'follower' as const, key: 'a', value: 'x', version: 3, appliedLsn: 3 } };
    expect(ACCEPT_ANSWERS.accepts(q, 'yes')).toBe(false);
    expect(ROUTE_ANSWERS.accepts({ writes: [], key: 'a', replicas: [L('n1', 4), f('n2', 4)] }, 'n9')).toBe(false);
    expect(ROUTE_ANSWERS.accepts({ writes: [], key: 'a', replicas: [L('n1', 4), f('n2', 4)] }, undefined)).toBe(false);
  });

  // Design §D.3 allows null only when no follower is hinted at W(k); a correct global-token learner
  // finds no follower at WA for a key whose own write is older, and waits: that must pass.
  it('lets a global token wait without a leader when followers are caught up for the key only', () => {
    const q = { writes: [{ key: 'a', lsn: 12 }, { key: 'b', lsn: 9 }], key: 'b', replicas: [f('n2', 10), f('n3', 11)] };
    expect(ROUTE_ANSWERS.accepts(q, null)).toBe(true);
    expect(ROUTE_ANSWERS.accepts({ ...q, replicas: [f('n2', 10), f('n3', 12)] }, null)).toBe(false);
  });

  it('names the device-per-session and the shared-session mistakes', () => {
    const asked = [['u1', 'a'], ['u1', 'b'], ['u2', 'a']] as const;
    expect(sessionKeyProblem({ asked }, ['u1/a', 'u1/b', 'u2/a'])).toMatch(/two devices of u1 get different sessions/);
    expect(sessionKeyProblem({ asked }, ['s', 's', 's'])).toMatch(/u1 and u2 share one session/);
    expect(sessionKeyProblem({ asked }, [1, 1, 2])).toMatch(/must return a string/);
  });
});
