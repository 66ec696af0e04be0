/**
 * The first bad resolver call of a run, in words: a tie decided one way and then the other is
 * blamed on the second call, naming each version by its leader when both are one write accepted twice.
 */
import { describe, expect, it } from 'vitest';
import { firstBadCall } from '../../../harness/curriculum/conflict-resolution/calls.ts';
import type { Stamped } from '../../../harness/exercise/index.ts';

const v = (write: string, leader: string, timestamp: number): Stamped<string> => ({ value: `email:${write}`, timestamp, leader, write });
const lww = (t: number, node: string, a: Stamped<string>, b: Stamped<string>, answer: Stamped<string>) => ({ t, node, fn: 'lastWriteWins' as const, args: [a, b], answer });

describe('firstBadCall', () => {
  it('names the leader when the two versions of a tie share their write id', () => {
    const [x1, x2] = [v('c2-3', 'n1', 100), v('c2-3', 'n2', 100)];
    const bad = firstBadCall([lww(5, 'n1', x1, x2, x1), lww(9, 'n2', x2, x1, x2)]);
    expect(bad?.text).toBe(
      'at t=9 ms n2 called lastWriteWins(c2-3 email@100 n2, c2-3 email@100 n1) and you kept c2-3 from n2; at t=5 ms n1, with the same two, kept c2-3 from n1. Decide ties by something both orders agree on: one write accepted by two leaders has one write id, so compare the leader',
    );
  });

  it('names a version by its write id alone when the write ids differ', () => {
    const [a, b] = [v('c1-2', 'n1', 3), v('c2-2', 'n1', 3)];
    expect(firstBadCall([lww(5, 'n1', a, b, a), lww(9, 'n2', b, a, b)])?.text).toBe(
      'at t=9 ms n2 called lastWriteWins(c2-2 email@3 n1, c1-2 email@3 n1) and you kept c2-2; at t=5 ms n1, with the same two, kept c1-2. Decide ties by something both orders agree on',
    );
  });
});
