/**
 * Grading matches a student's answers to the reference solution's recorded runs by what the exercise
 * acts on (failover-coordinator: a verdict's `safe`, an election's leader and epoch), so a submission
 * that decides as the solution does, with reasons in its own words, reuses every run, and no submission gets a result other
 * than the one it gets with nothing recorded: correct ones, buggy ones with their own words, answers
 * the coordinator reads loosely (a reason that is no string, extra fields) and answers it refuses.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { defaultGradeConfig, gradePair, packageRoot, type PairJob } from '../../harness/grading/index.ts';
import { FULL_SWEEP } from '../ci-depth.ts';

const root = packageRoot();
const exercise = findExercise('failover-coordinator')!;
const dir = mkdtempSync(join(tmpdir(), 'workbook-acted-upon-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The hidden tier (hundreds more schedules) and every fixture only in a full sweep (ci-depth.ts): plain `npm test` has a time budget.
const config = FULL_SWEEP ? defaultGradeConfig() : { ...defaultGradeConfig(), hidden: {} };

/** `file` with its two exports wrapped: `verdict` and `election` rewrite what they return. */
function wrapped(file: string, verdict: string, election = 'e'): string {
  const source = readFileSync(join(root, file), 'utf8')
    .replace('export function validateSafeFailover(', 'function ownValidateSafeFailover(')
    .replace('export function electNewLeader(', 'function ownElectNewLeader(');
  return `${source}
export function validateSafeFailover(view: Parameters<typeof ownValidateSafeFailover>[0]): any {
  const v: any = ownValidateSafeFailover(view);
  return ${verdict};
}
export function electNewLeader(view: Parameters<typeof ownElectNewLeader>[0]): any {
  const e: any = ownElectNewLeader(view);
  return ${election};
}
`;
}

const inOwnWords = (file: string, tag: string): string => wrapped(file, `v.safe ? v : { safe: false, reason: '${tag}: ' + v.reason + ' (' + view.members.length + ' members)' }`);

const job = (content: string, name: string, runs?: PairJob['runs']): PairJob => ({
  student: name,
  exercise: exercise.id,
  submission: { main: exercise.file, files: [{ path: exercise.file, content }], hash: name },
  config,
  typeErrors: [],
  ...(runs ? { runs } : {}),
});

const solution = exercise.solution;
const correct = ['test/fixtures/correct/failover-coordinator/reduce-highest-id.ts', 'test/fixtures/correct/failover-coordinator/sort-and-max.ts'];
const buggy = ['test/fixtures/buggy/failover-coordinator/lowest-log-elected.ts', ...(FULL_SWEEP ? ['test/fixtures/buggy/failover-coordinator/majority-off-by-one.ts', 'test/fixtures/buggy/failover-coordinator/epoch-not-raised.ts'] : [])];

it('a correct submission in its own words reuses every reference run, and every submission gets the result it gets with nothing recorded', async () => {
  const reference = await gradePair(job(readFileSync(join(root, solution), 'utf8'), 'reference', { dir, as: 'reference' }));
  expect(reference.result.score).toBe(reference.result.maxScore);
  // `reusesAll`: it decides as the solution does, so every run is the reference's (another correct tie-break is simulated where it chose otherwise).
  const variants: { name: string; content: string; passes: boolean; reusesAll?: true }[] = [
    { name: 'solution in its own words', content: inOwnWords(solution, 'mine'), passes: true, reusesAll: true },
    // The coordinator takes a reason that is no string as none, and drops fields it does not read.
    { name: 'a reason that is no string, extra fields', content: wrapped(solution, `v.safe ? { ...v, extra: [1, 2] } : { safe: false, reason: 42 }`, `{ ...e, why: 'most up to date' }`), passes: true, reusesAll: true },
    // Not a verdict at all: refused by the coordinator, matched whole, simulated.
    { name: 'a verdict that is no verdict', content: wrapped(solution, `v.safe ? v : { safe: 'no', reason: v.reason }`), passes: false },
    ...(FULL_SWEEP ? correct.map((f, i) => ({ name: `${f} in its own words`, content: inOwnWords(f, `student ${i}`), passes: true })) : []),
    ...buggy.map((f, i) => ({ name: `${f} in its own words`, content: inOwnWords(f, `buggy ${i}`), passes: false })),
  ];
  for (const v of variants) {
    const plain = await gradePair(job(v.content, v.name));
    const reused = await gradePair(job(v.content, v.name, { dir, as: 'learner' }));
    expect(reused.result, v.name).toEqual(plain.result);
    expect(plain.result.score === plain.result.maxScore, v.name).toBe(v.passes);
    const runs = reused.usage.runs!;
    if (v.reusesAll) expect(runs.simulated, `${v.name}: every first-pass run reused`).toBe(0);
    expect(runs.reused + runs.simulated, v.name).toBeGreaterThan(0);
  }
}, 600_000);
