/**
 * `gradeRun` survives a bad result: a cache that cannot be written (here a cache folder under a
 * regular file; once a 60-million-character message made the write throw) costs nothing but the cache.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { discoverSubmissions, gradeRun, parseGradeConfig } from '../../harness/grading/index.ts';
import { copyClass } from './grade-fixtures.ts';

it('writes every grade when the cache write throws', async () => {
  const dir = copyClass();
  const scratch = mkdtempSync(join(tmpdir(), 'ddia-survives-'));
  try {
    writeFileSync(join(scratch, 'not-a-folder'), '');
    const config = parseGradeConfig({ exercises: ['failover-coordinator'], limits: { cpuMsPerCall: 1000, memoryMb: 256, cpuMsPerExercise: 8000 } }, 'test');
    const submissions = discoverSubmissions(dir).filter((s) => ['alice-correct', 'carol-partial'].includes(s.student));
    const run = await gradeRun({ submissions, config, jobs: 2, cacheDir: join(scratch, 'not-a-folder', 'cache') });
    // Public checks only (no hidden tier configured): alice passes all 15 points, carol's bug costs 5.
    expect(run.students.map((s) => [s.student, s.score, s.maxScore])).toEqual([
      ['alice-correct', 15, 15],
      ['carol-partial', 10, 15],
    ]);
    expect(run.internalErrors).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}, 120_000);
