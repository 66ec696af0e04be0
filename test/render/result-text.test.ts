/**
 * The terminal result is short where it matters: a summary of at most five lines at the end, identical
 * failures printed once, one timeline fitted to the width, no scenario for an untouched stub, short
 * replay references, and a replay that says how many checks it judged.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult, Timeline } from '../../harness/curriculum/index.ts';
import type { ExerciseResult } from '../../harness/grading/index.ts';
import { PLAIN, renderResultText } from '../../harness/render/index.ts';

const timeline: Timeline = {
  lanes: [
    { id: 'coordinator', label: 'coord' },
    { id: 'n1', label: 'n1' },
    { id: 'n2', label: 'n2' },
  ],
  entries: [
    { t: 300, kind: 'message', lane: 'coordinator', to: 'n1', text: 'probe (round 1, suspect n1) with a label long enough to run past eighty columns', highlight: false },
    { t: 360, kind: 'note', lane: 'coordinator', text: 'round 1: you decided safe, elect n2 in epoch 2', highlight: true },
  ],
  omitted: 0,
  repeats: 0,
};

function check(id: string, over: Partial<CheckResult> = {}): CheckResult {
  return { id, title: `Cluster: ${id}`, weight: 2, status: 'failed', message: `${id} broke`, details: [], ...over };
}

function result(checks: CheckResult[], over: Partial<ExerciseResult> = {}): ExerciseResult {
  const passed = checks.every((c) => c.status === 'passed');
  return { exercise: 'failover-coordinator', title: 'Failover', file: 'exercises/x/failover-coordinator.ts', passed, score: 0, maxScore: 2 * checks.length, typeErrors: [], checks, ...over };
}

const scenario = { family: 'f', parameters: 'members=3', schedule: ['t=100ms crash n1'], shrinkRuns: 3, shrinkCapped: false };
const run = (id: string, over: Partial<CheckResult> = {}) => check(id, { scenario, replay: 'TOKEN-A', firstBadDecision: 'at t=360 ms you elected n2', timeline, ...over });
const options = { style: PLAIN, replayCommand: './workbook check failover-coordinator --replay', replayRef: (t: string) => (t === 'TOKEN-A' ? 'last' : '#2'), width: 80 };

describe('the terminal result', () => {
  it('counts a skipped check apart, never as a pass', () => {
    const skipped = check('optional', { status: 'passed', message: '', weight: 0, skipped: true, details: ['skipped: your file does not export it'] });
    const passing = check('required', { status: 'passed', message: '' });
    const text = renderResultText(result([passing, skipped], { passed: true, score: 2, maxScore: 2 }), { ...options, width: 200 });
    expect(text.trimEnd().split('\n').at(-1)).toBe('Every required check passes. 1/2 checks passed, 1 skipped, score 2/2 (the rest are optional or skipped).');
    expect(renderResultText(result([passing], { passed: true, score: 2, maxScore: 2 }), options).trimEnd().split('\n').at(-1)).toBe('All checks pass. 1/1 checks passed, score 2/2.');
  });

  it('ends with at most five lines naming the first failing check, its reason, the first wrong decision and what to do next', () => {
    const text = renderResultText(result([check('passing', { status: 'passed', message: '' }), run('lost-write'), run('agreement', { message: 'members disagree' })]), {
      ...options,
      nextHint: { number: 1, text: 'Think about it.', followUp: '(the next level: ./workbook hint failover-coordinator)' },
    });
    const lines = text.trimEnd().split('\n');
    const summary = lines.slice(lines.lastIndexOf('') + 1);
    expect(summary).toEqual([
      '✗ 1/3 checks passed, score 0/6. First failing: Cluster: lost-write',
      '  lost-write broke',
      '  first wrong decision: at t=360 ms you elected n2',
      '  hint 1/3 is above (the next level: ./workbook hint failover-coordinator)',
      '  next: fix your file and check again · only the failing run: add --replay last',
    ]);
    // Timeline rows are fitted to the width too (messages above may wrap).
    expect(lines.filter((l) => /^ {6}t \(ms\)|^ +\d+ {2}[|*o<-]/.test(l) && l.length > 80)).toEqual([]);
    expect(text).toContain('…');
  });

  it('shows one timeline (the first failing scenario check), and every one with timelines: all', () => {
    const checks = [run('lost-write'), run('agreement', { message: 'members disagree', replay: 'TOKEN-B', firstBadDecision: 'other' })];
    expect(renderResultText(result(checks), options).match(/Timeline:/g)).toHaveLength(1);
    expect(renderResultText(result(checks), { ...options, timelines: 'all' }).match(/Timeline:/g)).toHaveLength(2);
    expect(renderResultText(result(checks), { ...options, verbose: true }).match(/Timeline:/g)).toHaveLength(2);
  });

  it('prints an identical failure once, and a second failure of the same run without its scenario again', () => {
    const text = renderResultText(result([run('a'), run('b', { message: 'a broke' }), run('c', { message: 'c broke' })]), options);
    expect(text).toContain('the same failure as "Cluster: a" above');
    expect(text).toContain('the same run and first wrong decision as "Cluster: a" above (replay: last)');
    expect(text.match(/Scenario/g)).toHaveLength(1);
    expect(text).toContain('Replay exactly this run: ./workbook check failover-coordinator --replay last');
    expect(text).not.toContain('TOKEN-A');
    expect(renderResultText(result([run('a')]), { ...options, verbose: true })).toContain('--replay TOKEN-A');
  });

  it('prints no scenario, view or timeline for an untouched stub', () => {
    const stub = (id: string) => run(id, { status: 'not-implemented', message: 'validateSafeFailover: not implemented yet', details: ['the view: …'] });
    const text = renderResultText(result([stub('a'), stub('b')]), options);
    expect(text).not.toMatch(/Scenario|Timeline|the view|Replay exactly/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('  next: replace each TODO(human) in failover-coordinator.ts, then check again');
  });

  it('a replay says how many checks it judged, and never that all checks pass', () => {
    const replayed = result([check('a', { status: 'passed', message: '' }), check('b', { status: 'passed', message: '' })], { replayed: true, passed: true });
    const text = renderResultText(replayed, { ...options, checksInExercise: 9 });
    expect(text).toContain('✓ Replay of one run: 2 of 9 checks judged (the scenario checks): 2 passed.');
    expect(text).not.toContain('All checks pass');
    expect(text.trimEnd().split('\n').at(-1)).toBe('  next: fix your file and replay again, then check all 9 without --replay');
  });

  it('a replay counts a skipped check apart, and never says ✓ while the file has type errors', () => {
    const skipped = check('optional', { status: 'passed', message: '', weight: 0, skipped: true });
    const ok = check('a', { status: 'passed', message: '' });
    const plain = renderResultText(result([ok, skipped], { replayed: true, passed: true }), { ...options, width: 200, checksInExercise: 9 });
    expect(plain).toContain('✓ Replay of one run: 2 of 9 checks judged (the scenario checks): 1 passed, 1 skipped.');
    const typeError = { file: 'exercises/x/failover-coordinator.ts', line: 3, column: 1, code: 'TS2322', message: 'bad' };
    const typed = renderResultText(result([ok], { replayed: true, passed: false, typeErrors: [typeError] }), { ...options, width: 200, checksInExercise: 9 });
    expect(typed).toContain('✗ Replay of one run: 1 of 9 checks judged (the scenario checks): 1 passed, but the file has type errors');
  });

  it('prints a hint it was given beside a passing result (an optional check answered wrongly), since it was counted as shown', () => {
    const text = renderResultText(result([check('a', { status: 'passed', message: '' })], { passed: true }), { ...options, nextHint: { number: 1, text: 'Think about overlapping reads.', followUp: '(the next level: ./workbook hint quorum-reader)', about: 'Linearizable reads' } });
    expect(text).toContain('Hint 1/3 · Linearizable reads:');
    expect(text).toContain('Think about overlapping reads.');
  });
});
