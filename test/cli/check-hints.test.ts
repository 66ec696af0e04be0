/**
 * End-to-end, in a scratch workbook: `workbook check` prints the hint the first failing check names
 * (counted), `workbook hint` goes on from it, `check` never prints the last level, and an untouched
 * stub gets advice instead of a hint.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { EXERCISE_FILE, scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';

const failover = findExercise('failover-coordinator')!;
/** Hint text as printed (check wraps it): words separated by single spaces. */
const words = (text: string): string => text.replace(/\s+/g, ' ');

describe('check and hint on the learner\'s own file', () => {
  it('a file that fails only epoch ordering is asked about epochs; hint goes on; check never shows the shape of the fix', async () => {
    const dir = scratchWorkbook();
    copyFileSync(join(packageRoot(), 'test', 'fixtures', 'buggy', 'failover-coordinator', 'lsn-without-epoch.ts'), join(dir, EXERCISE_FILE));
    const ladder = failover.hints.ladders['most-up-to-date']!;
    const check = (): Promise<string> => workbookIn(dir, ['check', failover.id, '--schedules', '5']).then((r) => words(r.stdout));

    const first = await check();
    expect(first).toContain('Hint 1/3 · Elects the most up-to-date reachable member');
    expect(first).toContain(words(ladder[0]));
    expect(first).not.toContain(words(failover.hints.ladders['majority']![0]));

    const second = await workbookIn(dir, ['hint', failover.id]);
    expect(words(second.stdout)).toContain(`Hint 2/3 for ${failover.id} · Elects the most up-to-date reachable member (epoch before LSN): ${words(ladder[1])}`);
    const third = await workbookIn(dir, ['hint', failover.id]);
    expect(words(third.stdout)).toContain(words(ladder[2]));

    const after = await check();
    expect(after).toContain('Hint 2/3');
    expect(after).not.toContain(words(ladder[2]));
    expect(after).toContain('the shape of the fix, which you saw');
  });

  it('an untouched stub gets advice, no hint, and nothing is counted', async () => {
    const dir = scratchWorkbook();
    const r = await workbookIn(dir, ['check', 'vector-clock']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Not implemented yet: replace the TODO(human) parts of exercises/06-replication/6.2-vector-clock/vector-clock.ts');
    expect(r.stdout).not.toMatch(/Hint \d\/3/);
    const hint = await workbookIn(dir, ['hint', 'vector-clock']);
    expect(hint.stdout).toMatch(/^Hint 1\/3 for vector-clock · /);
  });
});
