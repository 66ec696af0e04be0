/**
 * Replay batches (worker-replay.ts) answer exactly as the same calls asked one at a time: the same
 * answers, the same module state afterwards, the same time-outs and crashes at the same call (the
 * calls before keep their answers), and the worker replaced where one call at a time replaces it.
 */
import { describe, expect, it } from 'vitest';
import { answerKey } from '../../harness/curriculum/run-record.ts';
import type { LearnerAnswer, LearnerCallContext } from '../../harness/curriculum/index.ts';
import { transpileLearnerFile } from '../../harness/grading/transpile.ts';
import { createWorkerPort, type WorkerPort, type WorkerPortOptions } from '../../harness/grading/worker-port.ts';
import { FIXTURES } from './learner-fixtures.ts';

const CTX: LearnerCallContext = { seed: 7, now: 1_700_000_000_000 };
type Call = readonly [fn: string, args: readonly unknown[]];

async function withPort(name: string, required: readonly string[], body: (port: WorkerPort) => Promise<void>, options: Omit<WorkerPortOptions, 'code' | 'filename'> = {}): Promise<void> {
  const compiled = await transpileLearnerFile(`${FIXTURES}/${name}`);
  if (!compiled.ok) throw new Error(`fixture ${name} did not compile`);
  const port = createWorkerPort({ ...options, code: compiled.code, filename: `${FIXTURES}/${name}` });
  try {
    expect((await port.load(required)).ok).toBe(true);
    await body(port);
  } finally {
    await port.close();
  }
}

/** The answers of `calls` asked one at a time, then of `after` (what state the module is left in). */
async function oneAtATime(name: string, required: readonly string[], calls: readonly Call[], after: Call, options: Omit<WorkerPortOptions, 'code' | 'filename'> = {}): Promise<LearnerAnswer[]> {
  const answers: LearnerAnswer[] = [];
  await withPort(name, required, async (port) => {
    for (const [fn, args] of [...calls, after]) answers.push(await port.call(fn, args, CTX));
  }, options);
  return answers;
}

/** The same through one batch (expecting the answers `expected` hash to), then `after` one at a time. */
async function batched(name: string, required: readonly string[], calls: readonly Call[], expected: readonly LearnerAnswer[], after: Call | undefined, options: Omit<WorkerPortOptions, 'code' | 'filename'> = {}): Promise<LearnerAnswer[]> {
  const answers: LearnerAnswer[] = [];
  await withPort(name, required, async (port) => {
    const got = await port.replay(calls.map(([fn, args], i) => ({ fn, args, ctx: CTX, expect: answerKey(expected[i] ?? { kind: 'never-settled', console: '' }) })));
    expect(got).toBeDefined();
    answers.push(...got!);
    if (after !== undefined) answers.push(await port.call(after[0], after[1], CTX));
  }, options);
  return answers;
}

describe('replay batches answer as one call at a time', () => {
  it('asks every call of a matching batch once, in order, on the same module', async () => {
    const calls: Call[] = [['increment', []], ['increment', []], ['increment', []]];
    const plain = await oneAtATime('module-state.ts', ['increment'], calls, ['increment', []]);
    expect(plain.map((a) => (a as { value: unknown }).value)).toEqual([1, 2, 3, 4]);
    expect(await batched('module-state.ts', ['increment'], calls, plain, ['increment', []])).toEqual(plain);
  });

  it('stops after the first answer that differs from the recorded one', async () => {
    const calls: Call[] = [['increment', []], ['increment', []], ['increment', []]];
    const expected: LearnerAnswer[] = [{ kind: 'returned', value: 1, console: '' }, { kind: 'returned', value: 7, console: '' }];
    // Two calls asked (the second differs), so the module's next call is the third.
    expect((await batched('module-state.ts', ['increment'], calls, expected, ['increment', []])).map((a) => (a as { value: unknown }).value)).toEqual([1, 2, 3]);
  });

  it('answers timed-out at the call that hangs, keeps the answers before it, and goes on with a fresh module', async () => {
    const calls: Call[] = [['answer', []], ['spin', []], ['answer', []]];
    const options = { callTimeoutMs: 300 };
    const plain = await oneAtATime('hang.ts', ['spin', 'answer'], calls.slice(0, 2), ['callsSoFar', []], options);
    expect(plain).toEqual([{ kind: 'returned', value: 42, console: '' }, { kind: 'timed-out', limitMs: 300 }, { kind: 'returned', value: 0, console: '' }]);
    // The recorded run answered the spin: the batch reaches it and stops there.
    const recorded = [plain[0]!, { kind: 'returned', value: 1, console: '' } as LearnerAnswer, plain[0]!];
    expect(await batched('hang.ts', ['spin', 'answer'], calls, recorded, ['callsSoFar', []], options)).toEqual(plain);
  });

  it('answers crashed at the call that exits, and recovers', async () => {
    const calls: Call[] = [['fine', []], ['quit', []], ['fine', []]];
    const plain = await oneAtATime('process-exit.ts', ['quit', 'fine'], calls.slice(0, 2), ['fine', []]);
    expect(plain[1]).toEqual({ kind: 'crashed', reason: 'exited with code 0' });
    const recorded = [plain[0]!, plain[0]!, plain[0]!];
    expect(await batched('process-exit.ts', ['quit', 'fine'], calls, recorded, ['fine', []])).toEqual(plain);
  });

  it('answers crashed with "out of memory" at the call that exhausts the heap', async () => {
    const options = { memoryLimitMb: 64, callTimeoutMs: 10_000 };
    const got = await batched('memory-bomb.ts', ['bomb'], [['bomb', []]], [{ kind: 'returned', value: 1, console: '' }], undefined, options);
    expect(got[0]).toEqual({ kind: 'crashed', reason: 'out of memory' });
  });

  it('answers an answer over its budget crashed and replaces the worker, as one call at a time does', async () => {
    const calls: Call[] = [['increment', []], ['increment', []]];
    const options = { answerBudgets: { increment: 1 } };
    const plain = await oneAtATime('module-state.ts', ['increment'], calls.slice(0, 1), ['increment', []], options);
    expect(plain[0]).toMatchObject({ kind: 'crashed' });
    expect(await batched('module-state.ts', ['increment'], calls, [{ kind: 'returned', value: 1, console: '' }, plain[0]!], ['increment', []], options)).toEqual(plain);
  });
});
