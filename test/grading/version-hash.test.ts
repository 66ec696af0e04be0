import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { exerciseHash, harnessHash, packageRoot, shortHash } from '../../harness/grading/index.ts';
import { pairKey } from '../../harness/grading/grade/result-cache.ts';

const HEX = /^[0-9a-f]{64}$/;

describe('version hashes', () => {
  it('hashes the harness sources when running from source, the same way each time', () => {
    expect(harnessHash()).toMatch(HEX);
    expect(harnessHash()).toBe(harnessHash());
    expect(shortHash(harnessHash())).toBe(harnessHash().slice(0, 12));
  });

  it('gives each exercise its own hash, which covers its solution file', () => {
    const hashes = EXERCISES.map((e) => exerciseHash(e));
    for (const h of hashes) expect(h).toMatch(HEX);
    expect(new Set(hashes).size).toBe(EXERCISES.length);
    const entry = EXERCISES[0]!;
    expect(exerciseHash({ ...entry })).toBe(exerciseHash(entry));
    expect(exerciseHash({ ...entry, solution: `${entry.solution}.moved` })).not.toBe(exerciseHash(entry));
  });

  it('the build writes the hash of the bundled files to dist/harness-hash.json', () => {
    const built = JSON.parse(readFileSync(join(packageRoot(), 'dist', 'harness-hash.json'), 'utf8')) as { sha256: string; files: string[] };
    const h = createHash('sha256').update('harness-bundle\0');
    for (const f of built.files) h.update(`${f}\0${createHash('sha256').update(readFileSync(join(packageRoot(), 'dist', f))).digest('hex')}\0`);
    expect(built.files).toEqual(['cli.js', 'exercise.js', 'learner-host.js', 'prestart.js']);
    expect(built.sha256).toBe(h.digest('hex'));
  });

  it('keys a cached grade by exercise content too', () => {
    const parts = { submissionHash: 'a'.repeat(64), configHash: 'b'.repeat(64) };
    const keys = EXERCISES.map((e) => pairKey({ ...parts, exercise: e.id }));
    expect(new Set(keys).size).toBe(EXERCISES.length);
    expect(pairKey({ ...parts, exercise: EXERCISES[0]!.id })).toBe(keys[0]);
  });
});
