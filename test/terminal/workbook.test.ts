import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../harness/grading/index.ts';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { EXERCISE_FILE, FAILING_FILE, SOLUTION_FILE, scratchWorkbook } from '../fixtures/ux/scratch-workbook.ts';
import { skipWithout } from '../fixtures/ux/optional-tools.ts';
import { TmuxSession } from './tmux.ts';

/** Saves `content` over the exercise the way many editors do: write a new file, rename it over. */
function saveExercise(dir: string, content: string): void {
  const target = join(dir, EXERCISE_FILE);
  writeFileSync(`${target}.swp`, content);
  renameSync(`${target}.swp`, target);
}

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

// Without tmux (and outside CI) these are skipped; global-setup said so in one line.
describe.skipIf(skipWithout('tmux'))('the workbook in a real terminal (tmux)', () => {
  it('npm start: pick the exercise, watch it fail, save a fixed file, see it pass, quit', async () => {
    const dir = scratchWorkbook();
    session = TmuxSession.start('start', dir, { NO_COLOR: '1' });
    session.type('npm start --silent');
    await session.waitFor('Pick an exercise (type to search; Esc or Ctrl-C quits)');
    const menu = session.screen();
    expect(menu).toMatch(/DDIA chapter 6, Replication — 0\/\d+ exercises done/);
    expect(menu).toContain(`Suggested next: ${EXERCISES[0]!.id}`);
    session.type('failover', false);
    await session.waitUntil('the list filtered to the failover exercise', (s) => /❯ · +2\.3 +failover-coordinator/.test(s) && !s.includes('vector-clock'));
    session.keys('Enter');
    await session.waitFor('failover-coordinator: what next?');
    session.keys('Enter'); // Watch
    const failing = await session.waitFor(/✗ 0\/\d+ checks passed, score 0\/\d+\. First failing/);
    expect(failing).toContain('keys: h hint · n next exercise · l list · r re-run · b back to the menu · q quit');
    session.keys('h');
    await session.waitFor('Hint 1/3 for failover-coordinator · ');
    saveExercise(dir, readFileSync(join(dir, SOLUTION_FILE), 'utf8'));
    await session.waitFor('✓ failover-coordinator passes every check.');
    session.keys('b');
    await session.waitFor(/failover-coordinator: what next\? \(q quits\)[^]*Show the reference solution/);
    // q quits on a screen without a text field, as in watch.
    session.keys('q');
    await session.waitFor('See you next time.');
    expect(JSON.parse(readFileSync(join(dir, '.workbook', 'progress.json'), 'utf8')).exercises['failover-coordinator']).toMatchObject({ hintLevels: { 'leader-answers': 1 }, lastCheck: { passed: true } });
  }, 120_000);

  it('workbook watch: a failing file, the fix saved, a pass, n to the next exercise, q', async () => {
    const dir = scratchWorkbook();
    saveExercise(dir, readFileSync(join(packageRoot(), FAILING_FILE), 'utf8'));
    session = TmuxSession.start('watch', dir, { NO_COLOR: '1' });
    session.type('node bin/workbook.js watch failover-coordinator; echo "exit code $?"');
    const failing = await session.waitFor(/✗ \d+\/\d+ checks passed, score \d+\/\d+\. First failing/);
    expect(failing).toContain('next: save a fix: the checks run again by themselves');
    session.keys('n');
    await session.waitFor('n moves on once this exercise passes');
    saveExercise(dir, readFileSync(join(dir, SOLUTION_FILE), 'utf8'));
    await session.waitFor('Checking failover-coordinator', 10_000);
    await session.waitFor('✓ failover-coordinator passes every check.');
    session.keys('n');
    // The next exercise's "Checking <id> …" line can be replaced by its result between two looks at
    // the screen (an untouched stub is checked quickly): its result names its file.
    await session.waitFor(/Checking (?!failover-coordinator)|checking exercises\/06-replication\/(?!2\.3-failover-coordinator\/)|That was the last exercise/);
    session.keys('q');
    await session.waitFor('exit code 0');
  }, 120_000);

  it('workbook read pages through $PAGER on a terminal', async () => {
    const dir = scratchWorkbook();
    session = TmuxSession.start('pager', dir, { NO_COLOR: '1', PAGER: 'sed s/^/PAGED:/' }, 80, 24);
    // Into a pipe it is the plain text: no pager.
    session.type('clear; node bin/workbook.js read 2.3 | tail -n 1; echo "piped $?"');
    const piped = await session.waitFor('piped 0');
    expect(piped).toContain('    open exercises/06-replication/2.3-failover-coordinator/');
    expect(piped).not.toContain('PAGED:');
    session.type('clear; node bin/workbook.js read 2.3; echo "exit code $?"');
    const screen = await session.waitFor('exit code 0');
    expect(screen).toMatch(/^PAGED:/m);
  }, 60_000);

  it('check on an 80×24 terminal: the last five lines name the failing check and the first wrong decision', async () => {
    const dir = scratchWorkbook();
    saveExercise(dir, readFileSync(join(packageRoot(), FAILING_FILE), 'utf8'));
    session = TmuxSession.start('small', dir, { NO_COLOR: '1' }, 80, 24);
    session.type('clear; node bin/workbook.js check failover-coordinator; echo "exit code $?"');
    const screen = await session.waitFor('exit code 1', 90_000);
    const rows = screen.split('\n');
    const end = rows.findIndex((r) => r.startsWith('exit code 1'));
    const last = rows.slice(end - 5, end);
    expect(rows.every((r) => r.length <= 80)).toBe(true);
    expect(last[0], screen).toMatch(/^✗ \d+\/9 checks passed, score \d+\/15\. First failing: Elects the most/);
    expect(last.some((r) => r.startsWith('  first wrong decision: at t=360 ms (round 1) you elected n3')), screen).toBe(true);
    expect(last.at(-1), screen).toContain('--replay last');
    // The short reference replays exactly that run, and says how many checks it judged.
    session.type('clear; node bin/workbook.js check failover-coordinator --replay last; echo "exit code $?"');
    const replay = await session.waitFor(/Replay of one run: 5 of 9 checks judged[^]*exit code 1/, 90_000);
    expect(replay).not.toContain('All checks pass');
  }, 180_000);
});
