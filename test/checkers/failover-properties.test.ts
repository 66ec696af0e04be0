import { describe, it, expect } from 'vitest';
import { FAILOVER_PROPERTIES, checkFailoverRun } from '../../harness/checkers/index.ts';
import { handBuiltRun, serve, write } from './hand-built-run.ts';

describe('FAILOVER_PROPERTIES and checkFailoverRun', () => {
  it('lists the five properties with plain-words titles, safety first', () => {
    expect(FAILOVER_PROPERTIES.map((p) => [p.name, p.title])).toEqual([
      ['no-lost-acked-write', 'No acknowledged write is lost'],
      ['one-leader-per-epoch', 'At most one leader per epoch'],
      ['committed-prefix-agreement', 'Members agree on the committed log'],
      ['liveness', 'The cluster recovers'],
      ['no-unnecessary-failover', 'No failover while the leader answers'],
    ]);
    for (const p of FAILOVER_PROPERTIES) expect(p.description.length).toBeGreaterThan(40);
  });

  it('returns one verdict per property in that order', () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), serve(700, 'n2', 1, [])],
      history: [write('c1', 'c1-1', 1600, { ackedAt: 1650, by: 'n2', lsn: 2 })],
    });
    const verdicts = checkFailoverRun(run);
    expect(verdicts.map((v) => v.property)).toEqual(FAILOVER_PROPERTIES.map((p) => p.name));
    expect(verdicts.map((v) => v.ok)).toEqual([true, false, true, true, true]);
  });
});
