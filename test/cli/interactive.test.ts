import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInteractive, type MenuActions, type MenuChoice, type MenuPrompts } from '../../harness/cli/interactive.ts';
import type { CliIo } from '../../harness/cli/io.ts';
import { fileHash, ProgressStore } from '../../harness/cli/progress-store.ts';
import { EXERCISES, findExercise } from '../../harness/curriculum/index.ts';
import { EXERCISE_FILE, SOLUTION_FILE, scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';

// The exercise the scratch workbook's files are (it existed before the folder rename).
const exercise = findExercise('failover-coordinator')!;

/** Answers the menu's questions from a script, and records what it was asked. */
function scripted(answers: (string | boolean)[]): MenuPrompts & { asked: { message: string; choices: readonly MenuChoice<string>[] }[] } {
  const asked: { message: string; choices: readonly MenuChoice<string>[] }[] = [];
  const next = (): string | boolean => {
    if (answers.length === 0) throw new Error(`the menu asked more than the script answers: ${asked.at(-1)?.message}`);
    return answers.shift()!;
  };
  return {
    asked,
    async search<T extends string>(message: string, choices: readonly MenuChoice<T>[]) {
      asked.push({ message, choices });
      return next() as T;
    },
    async select<T extends string>(message: string, choices: readonly MenuChoice<T>[]) {
      asked.push({ message, choices });
      const a = next() as T;
      const c = choices.find((x) => x.value === a);
      if (c?.disabled !== undefined) throw new Error(`picked a disabled choice: ${a}`);
      return a;
    },
    async confirm(message: string) {
      asked.push({ message, choices: [] });
      return next() as boolean;
    },
  };
}

function io(root: string): CliIo & { text: () => string } {
  let text = '';
  return { root, isTty: true, env: { NO_COLOR: '1' }, out: (t) => void (text += t), err: (t) => void (text += t), text: () => text };
}

const noActions: MenuActions = { watch: async () => undefined, check: async () => undefined };

describe('the interactive workbook', () => {
  it('shows progress and the suggested exercise, lists exercises with their status, and quits', async () => {
    const dir = scratchWorkbook();
    const prompts = scripted(['__quit__']);
    const out = io(dir);
    expect(await runInteractive(out, prompts, noActions)).toBe(0);
    expect(out.text()).toContain(`DDIA chapter 6, Replication — 0/${EXERCISES.length} exercises done`);
    expect(out.text()).toContain('[░░░░░░░░░░░░░░░░░░░░░░░░] 0 %');
    expect(out.text()).toContain(`Suggested next: ${EXERCISES[0]!.id}`);
    const names = prompts.asked[0]!.choices.map((c) => c.name);
    const first = EXERCISES[0]!;
    expect(names[0]).toBe(`· ${first.section.number.padEnd(4)} ${first.id}  (not started)`);
    expect(names).toHaveLength(EXERCISES.length + 1);
    expect(names.at(-1)).toBe('   Quit');
    expect(out.text()).toContain('See you next time.');
  });

  it('per exercise: hint, read, reset after a confirm; the solution only once it passes', async () => {
    const dir = scratchWorkbook();
    writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(dir, EXERCISE_FILE), 'utf8') + '\n// edited\n');
    const prompts = scripted([exercise.id, 'hint', 'read', 'reset', false, 'reset', true, 'back', '__quit__']);
    const out = io(dir);
    await runInteractive(out, prompts, noActions);
    const actions = prompts.asked.find((a) => a.message === `${exercise.id}: what next? (q quits)`)!.choices;
    expect(actions.map((c) => c.value)).toEqual(['watch', 'check', 'edit', 'readme', 'hint', 'read', 'reset', 'solution', 'back', 'quit']);
    // An author's command is never offered to the learner.
    expect(prompts.asked.flatMap((a) => a.choices.map((c) => `${c.value} ${c.name}`)).join('\n')).not.toMatch(/verify/i);
    expect(prompts.asked[0]!.message).toBe('Pick an exercise (type to search; Esc or Ctrl-C quits)');
    expect(prompts.asked[1]!.message).toBe(`${exercise.id}: what next? (q quits)`);
    expect(actions.find((c) => c.value === 'solution')!.disabled).toBe('(once your exercise passes)');
    expect(out.text()).toContain(`Hint 1/3 for ${exercise.id} · `);
    expect(out.text()).toContain('Your version is kept in .workbook/backups/failover-coordinator-');
    expect(out.text()).toContain('Exercises for this section:');
    expect(out.text()).toContain('Nothing changed.');
    expect(out.text()).toContain(`Restored ${EXERCISE_FILE} to the original stub.`);
    expect(readFileSync(join(dir, EXERCISE_FILE), 'utf8')).not.toContain('// edited');
    expect(new ProgressStore(dir).read().exercises[exercise.id]?.hintLevels).toEqual({ [exercise.hints.byCheck[exercise.groups[0]!.checks[0]!.id]!]: 1 });
  });

  it('opens the reference solution once the exercise passes', async () => {
    const dir = scratchWorkbook();
    writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(dir, SOLUTION_FILE)));
    await new ProgressStore(dir).recordCheck(exercise.id, true, fileHash(join(dir, EXERCISE_FILE))!);
    const prompts = scripted([exercise.id, 'solution', 'quit']);
    const out = io(dir);
    await runInteractive(out, prompts, noActions);
    expect(out.text()).toContain(`1/${EXERCISES.length} exercises done`);
    expect(out.text()).toContain(`${SOLUTION_FILE}:\n\n${readFileSync(join(dir, SOLUTION_FILE), 'utf8')}`);
  });

  it("opens the exercise in $VISUAL or $EDITOR, says how to set one when neither is, and shows the exercise's README", async () => {
    const dir = scratchWorkbook();
    const opened: string[] = [];
    const actions: MenuActions = { ...noActions, edit: async (editor, file) => void opened.push(`${editor} ${file}`) };
    await runInteractive({ ...io(dir), env: { NO_COLOR: '1', EDITOR: 'nano', VISUAL: 'code -w' } }, scripted([exercise.id, 'edit', 'quit']), actions);
    expect(opened).toEqual([`code -w ${join(dir, EXERCISE_FILE)}`]);
    const out = io(dir);
    const prompts = scripted([exercise.id, 'edit', 'readme', 'quit']);
    await runInteractive(out, prompts, actions);
    expect(opened).toHaveLength(1);
    expect(prompts.asked[1]!.choices.find((c) => c.value === 'edit')!.name).toBe('Open it in your editor (set $EDITOR first)');
    expect(out.text()).toContain(`No editor is set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano, or EDITOR="code -w"), or open ${EXERCISE_FILE} in your editor yourself.`);
    expect(out.text()).toMatch(new RegExp(`${exercise.readme}\\n\\n[^]*FAILOVER COORDINATOR[^]*coordinator`));
  });

  it('quitting in watch (q) leaves the workbook; going back (b) returns to the exercise menu', async () => {
    const dir = scratchWorkbook();
    const quit = io(dir);
    const asked = scripted([exercise.id, 'watch']);
    expect(await runInteractive(quit, asked, { ...noActions, watch: async () => 'quit' })).toBe(0);
    expect(quit.text()).toContain('See you next time.');
    const back = scripted([exercise.id, 'watch', 'quit']);
    await runInteractive(io(dir), back, { ...noActions, watch: async () => 'back' });
    expect(back.asked.map((a) => a.message)).toEqual(['Pick an exercise (type to search; Esc or Ctrl-C quits)', `${exercise.id}: what next? (q quits)`, `${exercise.id}: what next? (q quits)`]);
  });

  it('watch and check run for the chosen exercise', async () => {
    const dir = scratchWorkbook();
    const ran: string[] = [];
    await runInteractive(io(dir), scripted([exercise.id, 'watch', 'check', 'quit']), {
      watch: async (e) => void ran.push(`watch ${e.id}`),
      check: async (e) => void ran.push(`check ${e.id}`),
    });
    expect(ran).toEqual([`watch ${exercise.id}`, `check ${exercise.id}`]);
  });

  it('without a terminal, `workbook` prints the status and exits 0 without waiting on a prompt', async () => {
    const dir = scratchWorkbook();
    const r = await workbookIn(dir, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`0/${EXERCISES.length} exercises done`);
    expect(r.stdout).toContain(`Next: open ${EXERCISES[0]!.file}`);
  });
});
