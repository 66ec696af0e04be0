/**
 * The first bad decision per property (design §0.2) for the replica-read exercises: the first call
 * outside its set among the functions the broken property depends on, else the first of any.
 */
import { describe, expect, it } from 'vitest';
import { firstBadFor, type BadCall, type DependsOn } from '../../../harness/curriculum/workloads/replica-reads/index.ts';

const call = (t: number, fn: string): BadCall => ({ t, node: 'u1a', fn, text: `at t=${t} ms ${fn}` });
const deps: DependsOn<'fresh' | 'answered' | 'routes'> = { fresh: ['acceptsReply', 'sessionKey'], answered: ['acceptsReply', 'chooseReplica'], routes: ['chooseReplica'] };

describe('firstBadFor', () => {
  const bad = [call(10, 'chooseReplica'), call(12, 'acceptsReply'), call(20, 'chooseReplica')];

  it('names the first call of a function the property depends on, skipping earlier irrelevant ones', () => {
    expect(firstBadFor(bad, deps, 'fresh')?.t).toBe(12);
    expect(firstBadFor(bad, deps, 'routes')?.t).toBe(10);
    expect(firstBadFor(bad, deps, 'answered')?.t).toBe(10);
  });

  it('falls back to the first bad call of any function, and to none when every call was in its set', () => {
    expect(firstBadFor([call(10, 'chooseReplica')], deps, 'fresh')?.t).toBe(10);
    expect(firstBadFor(bad, deps)?.t).toBe(10);
    expect(firstBadFor([], deps, 'fresh')).toBeUndefined();
  });
});
