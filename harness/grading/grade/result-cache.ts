/**
 * Finished pairs, kept on disk so an interrupted run resumes where it stopped. A pair's key covers
 * everything that can change its grade: the submission's content, the exercise, the grading
 * configuration (hidden seeds and tiers, limits), the hash of the running harness, the exercise's own
 * content hash and the Node version. Entries made by another harness build simply miss.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExercise } from '../../curriculum/index.ts';
import { exerciseHash, harnessHash } from '../version-hash.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { PairResult, PairUsage } from './pair-result.ts';

export interface CacheKeyParts {
  readonly submissionHash: string;
  readonly exercise: string;
  readonly configHash: string;
}

/** The cache key of a pair (hex). */
export function pairKey(parts: CacheKeyParts): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...parts, harness: harnessHash(), exerciseContent: exerciseContentHash(parts.exercise), node: process.version }))
    .digest('hex');
}

function exerciseContentHash(id: string): string {
  const entry = findExercise(id);
  return entry === undefined ? 'unknown exercise' : exerciseHash(entry);
}

/** A directory of `<key>.json` entries, each written atomically. */
export class ResultCache {
  constructor(readonly dir: string) {}

  read(key: string): { result: PairResult; usage: PairUsage } | undefined {
    try {
      const entry = JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as { key?: string; result?: PairResult; usage?: PairUsage };
      if (entry.key !== key || entry.result === undefined || entry.usage === undefined) return undefined;
      return { result: entry.result, usage: entry.usage };
    } catch {
      // Missing or unreadable (an old format, a disk hiccup): grade the pair again.
      return undefined;
    }
  }

  write(key: string, result: PairResult, usage: PairUsage): void {
    writeFileAtomic(join(this.dir, `${key}.json`), JSON.stringify({ key, result, usage }));
  }
}
