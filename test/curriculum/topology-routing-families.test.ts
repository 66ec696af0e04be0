/**
 * topology-routing's targeted families force their bugs in every run, so each must be drawn: the
 * public tier's 40 schedules (its fixed seed) hold every family, and so do 120 hidden schedules from
 * any of a few seeds (the default hidden tier's size; targeted families weigh at least 2 in 13).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { hiddenTopologySpecArbitrary, topologySpecArbitrary } from '../../harness/curriculum/topology-routing/scenarios.ts';

const FAMILIES = ['overtaking', 'slow-link', 'ring-break', 'ring-repair', 'hub-outage', 'random'];

describe('topology-routing scenario families', () => {
  it('the public tier draws every family within its schedules', () => {
    const e = findExercise('topology-routing')!;
    const drawn = new Set(fc.sample(topologySpecArbitrary, { seed: e.seed, numRuns: e.schedules }).map((s) => s.family));
    expect([...drawn].sort()).toEqual([...FAMILIES].sort());
  });

  it.each([1, 2, 3, 20_081])('120 hidden schedules from seed %i draw every family', (seed) => {
    const drawn = new Set(fc.sample(hiddenTopologySpecArbitrary, { seed, numRuns: 120 }).map((s) => s.family));
    expect([...drawn].sort()).toEqual([...FAMILIES].sort());
  });
});
