/**
 * monotonic-reads: the hand-declared acceptable sets of the decision cases against the sets the
 * checks compute from what was shown (design §E.3), and the edges a correct learner relies on.
 */
import { describe, expect, it } from 'vitest';
import { ACCEPT_ANSWERS, acceptableRoutes, forcedAcceptance, ROUTE_ANSWERS } from '../../../harness/curriculum/monotonic-reads/acceptable.ts';
import { MONOTONIC_CASES } from '../../../harness/curriculum/monotonic-reads/cases.ts';
import { follower as f, leader as L } from '../../../harness/curriculum/workloads/replica-reads/index.ts';

const sorted = (xs: readonly (string | null)[]): (string | null)[] => [...xs].sort((a, b) => String(a).localeCompare(String(b)));
const bookkept = (shown: readonly { key: string; version: number; appliedLsn: number }[]) => shown.map(({ key, version, appliedLsn }) => ({ key, version, appliedLsn }));

describe('monotonic-reads decision cases', () => {
  it.each(MONOTONIC_CASES.map((c) => [c.name, c] as const))('the declared set is the computed one: %s', (_, c) => {
    if (c.fn === 'acceptsReply') {
      const q = { shown: bookkept(c.shown), reply: c.reply };
      const forced = forcedAcceptance(q);
      expect(forced === undefined ? [true, false] : [forced]).toEqual(c.acceptable);
      for (const a of [true, false]) expect(ACCEPT_ANSWERS.accepts(q, a)).toBe(c.acceptable.includes(a));
    } else {
      expect(sorted(acceptableRoutes({ shown: bookkept(c.shown), home: c.home, replicas: c.replicas }))).toEqual(sorted(c.acceptable));
    }
  });

  const shown = [{ key: 'a', version: 15, appliedLsn: 20 }];

  // Design §E.3 lets a learner wait without a leader only when nothing else is acceptable; the
  // appliedLsn token skips a home hinted behind its token and, with no follower that far, waits.
  it('lets the appliedLsn token wait without a leader when home is offered but hinted behind', () => {
    expect(ROUTE_ANSWERS.accepts({ shown, home: 'n5', replicas: [f('n4', 16), f('n5', 18)] }, null)).toBe(true);
    expect(ROUTE_ANSWERS.accepts({ shown, home: 'n5', replicas: [f('n4', 21), f('n5', 18)] }, null)).toBe(false);
  });

  it('keeps a user home when home can serve them, and never accepts an unoffered id or undefined', () => {
    const replicas = [L('n1', 30), f('n4', 28), f('n5', 22)];
    expect(acceptableRoutes({ shown, home: 'n5', replicas })).toEqual(['n5']);
    expect(ROUTE_ANSWERS.accepts({ shown, home: 'n5', replicas }, 'n9')).toBe(false);
    expect(ROUTE_ANSWERS.accepts({ shown, home: 'n5', replicas }, undefined)).toBe(false);
  });

  it('fits the version token: a reply applied past the highest version shown is never a step back', () => {
    expect(ACCEPT_ANSWERS.accepts({ shown, reply: { replica: 'n6', role: 'follower', key: 'b', value: 'x', version: 3, appliedLsn: 16 } }, true)).toBe(true);
    expect(ACCEPT_ANSWERS.accepts({ shown, reply: { replica: 'n6', role: 'follower', key: 'a', value: 'x', version: 14, appliedLsn: 16 } }, true)).toBe(false);
  });
});
