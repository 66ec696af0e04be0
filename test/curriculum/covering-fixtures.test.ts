import { describe, expect, it } from 'vitest';
import { coveringFixtures } from './covering-fixtures.ts';

const targets: Record<string, string[]> = {
  'a-one': ['x'],
  'b-two': ['x', 'y'],
  'c-three': ['y', 'z'],
  'd-four': ['z'],
  'e-wide': ['w', 'x', 'y'],
};
const of = (n: string): string[] => targets[n] ?? [];

describe('coveringFixtures', () => {
  it('covers every targeted check with the fixture that covers most first, ties to the first name', () => {
    const chosen = coveringFixtures(Object.keys(targets), of);
    expect(chosen).toEqual(['c-three', 'e-wide']);
    expect(new Set(chosen.flatMap(of))).toEqual(new Set(Object.values(targets).flat()));
  });

  it('does not depend on the order it is given', () => {
    expect(coveringFixtures(Object.keys(targets).reverse(), of)).toEqual(coveringFixtures(Object.keys(targets), of));
  });

  it('takes nothing when nothing is targeted, and one fixture per check when none overlap', () => {
    expect(coveringFixtures([], of)).toEqual([]);
    expect(coveringFixtures(['a', 'b'], (n) => [n])).toEqual(['a', 'b']);
  });
});
