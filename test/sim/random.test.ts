import { describe, it, expect } from 'vitest';
import { SeededRandom, hashSeed } from '../../harness/sim/index.ts';

function draws(rng: SeededRandom, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('SeededRandom', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    expect(draws(new SeededRandom(42), 200)).toEqual(draws(new SeededRandom(42), 200));
    expect(draws(new SeededRandom(42), 20)).not.toEqual(draws(new SeededRandom(43), 20));
  });

  it('keeps its stream stable across versions (replay tokens depend on it)', () => {
    // Pinned: changing the generator silently changes every recorded seed's replay.
    expect(draws(new SeededRandom(1), 3)).toEqual([1828152527, 3394835397, 2967886022]);
  });

  it('draws floats in [0, 1)', () => {
    const rng = new SeededRandom(7);
    const xs = Array.from({ length: 5000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('derives a child stream from (seed, name) only, whatever the parent drew before', () => {
    const fresh = new SeededRandom(9).child('node:n1');
    const used = new SeededRandom(9);
    draws(used, 137);
    expect(draws(used.child('node:n1'), 50)).toEqual(draws(fresh, 50));
    expect(used.child('node:n1').seed).toBe(hashSeed(9, 'node:n1'));
  });

  it('gives different child streams for different names, seeds, and the parent itself', () => {
    const a = draws(new SeededRandom(9).child('a'), 10);
    expect(draws(new SeededRandom(9).child('b'), 10)).not.toEqual(a);
    expect(draws(new SeededRandom(10).child('a'), 10)).not.toEqual(a);
    expect(draws(new SeededRandom(9), 10)).not.toEqual(a);
  });

  it('hashSeed is a pure function of seed and name', () => {
    expect(hashSeed(5, 'x')).toBe(hashSeed(5, 'x'));
    expect(hashSeed(5, 'x')).not.toBe(hashSeed(5, 'y'));
    expect(hashSeed(5, 'x')).not.toBe(hashSeed(6, 'x'));
    expect(hashSeed(5, 'ab')).not.toBe(hashSeed(5, 'ba'));
  });

  it('int(min, max) includes both bounds and nothing outside them', () => {
    const rng = new SeededRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 3000; i++) seen.add(rng.int(3, 7));
    expect([...seen].sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 7]);
    const neg = new Set<number>();
    for (let i = 0; i < 3000; i++) neg.add(rng.int(-2, 1));
    expect([...neg].sort((x, y) => x - y)).toEqual([-2, -1, 0, 1]);
    for (let i = 0; i < 100; i++) expect(rng.int(4, 4)).toBe(4);
  });

  it('chance(0) is never true and chance(1) is always true', () => {
    const rng = new SeededRandom(11);
    let never = 0;
    let always = 0;
    for (let i = 0; i < 10_000; i++) {
      if (rng.chance(0)) never++;
      if (rng.chance(1)) always++;
    }
    expect(never).toBe(0);
    expect(always).toBe(10_000);
  });

  it('chance(p) is true about p of the time', () => {
    const rng = new SeededRandom(12);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rng.chance(0.25)) hits++;
    expect(hits).toBeGreaterThan(2300);
    expect(hits).toBeLessThan(2700);
  });
});
