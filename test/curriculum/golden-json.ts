/**
 * The golden `workbook check <exercise> --file <fixture> --json` of every fixture and solution, in
 * test/golden/check-json/ (`<kind>-<exercise>-<fixture>.json`, `solution-<exercise>.json`). A result
 * must match its golden file exactly, wall-clock timings aside; replay tokens are decoded so that a
 * difference shows as a spec. A file changes only in a commit that says why (`git log -- test/golden`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { decodeReplayToken } from '../../harness/curriculum/index.ts';
import type { ExerciseResult } from '../../harness/grading/index.ts';
import { renderResultJson } from '../../harness/render/index.ts';

export const GOLDEN_DIR = join('test', 'golden', 'check-json');

/** The golden file of a fixture (`buggy`, `correct`) or of the solution (`name` absent). */
export function goldenName(kind: 'buggy' | 'correct' | 'solution', exercise: string, name?: string): string {
  return kind === 'solution' ? `solution-${exercise}.json` : `${kind}-${exercise}-${name}.json`;
}

/** Every golden file there is. */
export function goldenFiles(root: string): string[] {
  return readdirSync(join(root, GOLDEN_DIR)).filter((f) => f.endsWith('.json')).sort();
}

/** Fails unless `result`, as `--json` prints it, is the golden file `name`. */
export function expectGolden(root: string, name: string, result: ExerciseResult): void {
  const file = join(root, GOLDEN_DIR, name);
  expect(existsSync(file), `${GOLDEN_DIR}/${name} is missing`).toBe(true);
  const today = comparable(JSON.parse(renderResultJson(result, { timings: false })));
  const golden = comparable(JSON.parse(readFileSync(file, 'utf8')));
  expect(today, `${name}: today's --json differs from the golden file (update it only in a commit that says why)`).toEqual(golden);
}

function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'timings') continue;
    if (key === 'replay' && typeof v === 'string') {
      const decoded = decodeReplayToken(v);
      out[key] = decoded.ok ? { token: decoded.token } : { undecodable: v };
    } else out[key] = comparable(v);
  }
  return out;
}
