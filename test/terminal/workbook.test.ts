import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../harness/grading/index.ts';
import { EXERCISE_FILE, FAILING_FILE, SOLUTION_FILE, scratchWorkbook } from '../fixtures/ux/scratch-workbook.ts';
import { TmuxSession } from './tmux.ts';

/** Saves `content` over the exercise the way many editors do: write a new file, rename it over. */
function saveExercise(dir: string, content: string): void {
  const target = join(dir, EXERCISE_FILE);
  writeFileSync(`${target}.swp`, content);
  renameSync(`${target}.swp`, target);
}

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

describe('the workbook in a real terminal (tmux)', () => {
  it('npm start: pick the exercise, watch it fail, save a fixed file, see it pass, quit', async () => {
    const dir = scratchWorkbook();
    session = TmuxSession.start('start', dir, { NO_COLOR: '1' });
    session.type('npm start --silent');
    await session.waitFor('Pick an exercise (type to search)');
    const menu = session.screen();
    expect(menu).toMatch(/DDIA chapter 6, Replication — 0\/\d+ exercises done/);
    expect(menu).toContain('Suggested next: failover-coordinator');
    session.type('failover', false);
    await session.waitUntil('the list filtered to the failover exercise', (s) => /❯ · +2\.3 +failover-coordinator/.test(s) && !s.includes('vector-clock'));
    session.keys('Enter');
    await session.waitFor('failover-coordinator: what next?');
    session.keys('Enter'); // Watch
    const failing = await session.waitFor(/✗ failover-coordinator: 0\/\d+ checks pass\./);
    expect(failing).toContain('keys: h hint · n next exercise · l list · r re-run · q quit');
    session.keys('h');
    await session.waitFor('Hint 1/3 for failover-coordinator · ');
    saveExercise(dir, readFileSync(join(dir, SOLUTION_FILE), 'utf8'));
    await session.waitFor('✓ failover-coordinator passes every check.');
    session.keys('q');
    await session.waitFor(/failover-coordinator: what next\?[^]*Show the reference solution/);
    session.keys('C-c');
    await session.waitFor('See you next time.');
    expect(JSON.parse(readFileSync(join(dir, '.workbook', 'progress.json'), 'utf8')).exercises['failover-coordinator']).toMatchObject({ hintLevels: { 'leader-answers': 1 }, lastCheck: { passed: true } });
  }, 120_000);

  it('workbook watch: a failing file, the fix saved, a pass, n to the next exercise, q', async () => {
    const dir = scratchWorkbook();
    saveExercise(dir, readFileSync(join(packageRoot(), FAILING_FILE), 'utf8'));
    session = TmuxSession.start('watch', dir, { NO_COLOR: '1' });
    session.type('node bin/workbook.js watch failover-coordinator; echo "exit code $?"');
    const failing = await session.waitFor(/✗ failover-coordinator: \d+\/\d+ checks pass\./);
    expect(failing).toContain('Fix exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts and save it');
    session.keys('n');
    await session.waitFor('n moves on once this exercise passes');
    saveExercise(dir, readFileSync(join(dir, SOLUTION_FILE), 'utf8'));
    await session.waitFor('Checking failover-coordinator', 10_000);
    await session.waitFor('✓ failover-coordinator passes every check.');
    session.keys('n');
    await session.waitFor(/Checking (?!failover-coordinator)|That was the last exercise/);
    session.keys('q');
    await session.waitFor('exit code 0');
  }, 120_000);
});
