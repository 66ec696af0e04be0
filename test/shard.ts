/**
 * A sweep over every exercise is split over a few test files, so that vitest's two workers share it:
 * one file is vitest's unit of parallelism, and a sweep in one file ran for twelve minutes on one
 * worker while the other had finished. Shard `index` of `count` takes every `count`-th exercise from
 * the `index`-th, so adding an exercise adds no test file. The first shard also proves that every
 * shard file of its sweep exists: a deleted one would leave its exercises unswept, silently.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export function shardOf<T>(items: readonly T[], { index, count }: Shard): T[] {
  return items.filter((_, i) => i % count === index - 1);
}

/** Shard files are named `<prefix>-<index>.test.ts` beside each other. */
export function shardFileName(prefix: string, index: number): string {
  return `${prefix}-${index}.test.ts`;
}

/** In the first shard only: a test that the sweep's `count` shard files are all in `dir`. */
export function expectEveryShardFile(dir: string, prefix: string, shard: Shard): void {
  if (shard.index !== 1) return;
  it(`the sweep's ${shard.count} shard files are all present`, () => {
    const missing = Array.from({ length: shard.count }, (_, i) => shardFileName(prefix, i + 1)).filter((f) => !existsSync(join(dir, f)));
    expect(missing).toEqual([]);
  });
}
