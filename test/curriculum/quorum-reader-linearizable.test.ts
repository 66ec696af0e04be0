/**
 * Quorum reads and linearizability: the graded `quorumRead` produces histories the linearizability
 * checker rejects (shown as a lesson, never a failure), and the optional, unweighted
 * `quorumReadLinearizable` (write back to w replicas before answering) does not. Real seeded store
 * runs, readers called in-process for the soundness runs and graded in a worker for the rest.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStoreLinearizability, storeRegisterHistory } from '../../harness/checkers/index.ts';
import { runLeaderlessStore } from '../../harness/cluster/index.ts';
import { findExercise } from '../../harness/curriculum/index.ts';
import { QUORUM_RUN_OPTIONS, runJudgedQuorum } from '../../harness/curriculum/quorum-reader/cluster-checks.ts';
import { learnerQuorumReader } from '../../harness/curriculum/quorum-reader/learner-reader.ts';
import { linearizableSpecArbitrary } from '../../harness/curriculum/quorum-reader/linearizable-checks.ts';
import { pristineStubFile } from '../fixtures/ux/pristine-stub.ts';
import { buildQuorumScenario, inFlightSpecArbitrary, staleReplicas, IN_FLIGHT_CONFIGS } from '../../harness/curriculum/quorum-reader/scenarios.ts';
import { checkExercise, packageRoot, type ExerciseResult } from '../../harness/grading/index.ts';
import { inProcessCaller } from '../../harness/curriculum/index.ts';

const root = packageRoot();
const exercise = findExercise('quorum-reader')!;
const solutionFile = join(root, exercise.solution);
const buggyDir = join(root, 'test', 'fixtures', 'buggy', exercise.id);
const CHECK = 'cluster-linearizable-read';
const hostYield = (): Promise<void> => new Promise<void>((r) => setImmediate(r));
const grade = (file: string): Promise<ExerciseResult> => checkExercise({ root, exercise, file, typecheck: false });
const byId = (r: ExerciseResult, id: string) => r.checks.find((c) => c.id === id)!;

describe('the write-in-flight scenario family', () => {
  it('cuts off enough replicas that new writes stay in flight and r stale replicas survive a read repair', () => {
    for (const c of IN_FLIGHT_CONFIGS) {
      const h = staleReplicas(c);
      expect(c.r + c.w).toBeGreaterThan(c.n);
      expect(c.n - h).toBeLessThan(c.w);
      expect(h - (c.r - 1)).toBeGreaterThanOrEqual(c.r);
      expect(h).toBeLessThan(c.n);
    }
  });
});

describe('storeRegisterHistory', () => {
  it('turns a run into register operations: unacknowledged writes without a return, only returned reads', async () => {
    const module = (await import(solutionFile)) as Record<string, unknown>;
    const [spec] = fc.sample(inFlightSpecArbitrary, { seed: 5, numRuns: 1 });
    const { run } = await runJudgedQuorum({ call: inProcessCaller(module), hostYield, seed: 1 }, buildQuorumScenario(spec!));
    const history = storeRegisterHistory(run);
    const writes = history.filter((op) => op.op === 'write');
    expect(writes).toHaveLength(run.writes.length);
    expect(writes.filter((op) => op.return === undefined).length).toBe(run.writes.filter((w) => w.ackedAt === undefined).length);
    expect(run.writes.some((w) => w.ackedAt === undefined)).toBe(true);
    expect(history.filter((op) => op.op === 'read')).toHaveLength(run.reads.filter((r) => r.outcome?.kind === 'returned').length);
  });
});

describe('the graded quorumRead is not linearizable', () => {
  it('with writes left in flight, some runs of the reference quorumRead have a read that went back in time', async () => {
    const module = (await import(solutionFile)) as Record<string, unknown>;
    const ctx = { call: inProcessCaller(module), hostYield, seed: 1 };
    const examples: string[] = [];
    for (const spec of fc.sample(inFlightSpecArbitrary, { seed: 11, numRuns: 12 })) {
      const judged = await runJudgedQuorum(ctx, buildQuorumScenario(spec));
      // Every graded property still holds: going back in time is not a failure of quorumRead.
      expect(judged.verdicts.filter((v) => !v.ok)).toEqual([]);
      expect(judged.firstBadRead).toBeUndefined();
      const { verdict, example } = checkStoreLinearizability(judged.run);
      expect(verdict.outcome).not.toBe('unknown');
      if (verdict.outcome === 'not-linearizable') examples.push(example?.text ?? verdict.explanation);
    }
    expect(examples.length).toBeGreaterThan(0);
    expect(examples[0]).toMatch(/^read #\d+ of k\d .* returned version \d+, after read #\d+ of k\d had already returned version \d+/);
  });

  it('shows it as a lesson on the passing quorum checks, and the weighted score stays full', async () => {
    const r = await grade(solutionFile);
    expect(r.passed).toBe(true);
    expect(r.score).toBe(r.maxScore);
    const lesson = byId(r, 'cluster-no-stale-read').details.find((d) => d.includes('quorums are not linearizable'));
    expect(lesson).toMatch(/^lesson \(information, not a failure\): quorums are not linearizable: \d+ of \d+ strict-quorum runs/);
  }, 60_000);
});

describe('quorumReadLinearizable (optional, unweighted)', () => {
  it('the reference one: every generated strict-quorum history is linearizable, and no read gives up early', async () => {
    const module = (await import(solutionFile)) as Record<string, unknown>;
    const problems: string[] = [];
    let returned = 0;
    for (const spec of fc.sample(linearizableSpecArbitrary, { seed: 4242, numRuns: Number(process.env.QUORUM_LINEARIZABLE_SCHEDULES ?? 60) })) {
      const scenario = buildQuorumScenario(spec);
      const reader = learnerQuorumReader(inProcessCaller(module), scenario.seed, 'quorumReadLinearizable');
      const run = await runLeaderlessStore(scenario, { reader, hostYield, ...QUORUM_RUN_OPTIONS });
      expect(run.stoppedBy).toBeUndefined();
      returned += run.reads.filter((x) => x.outcome?.kind === 'returned').length;
      const { verdict } = checkStoreLinearizability(run);
      if (verdict.outcome !== 'linearizable') problems.push(`${JSON.stringify(spec)}\n  ${verdict.explanation}`);
      for (const read of run.reads) if (read.outcome?.kind === 'never-settled') problems.push(`${JSON.stringify(spec)}\n  read #${read.no} never settled`);
    }
    expect(problems.slice(0, 3).join('\n')).toBe('');
    expect(returned).toBeGreaterThan(100);
  }, 120_000);

  it('is graded by a weight-0 check that the reference passes', async () => {
    const r = await grade(solutionFile);
    const c = byId(r, CHECK);
    expect(c.weight).toBe(0);
    expect(c.status).toBe('passed');
    expect(c.details[0]).toMatch(/strict-quorum runs, every history linearizable/);
  }, 60_000);

  for (const name of ['write-back-to-one', 'repairs-repliers-only']) {
    it(`${name}: fails ${CHECK} with a violation, shrunk and replayable, and keeps full weighted marks`, async () => {
      const r = await grade(join(buggyDir, `${name}.ts`));
      const c = byId(r, CHECK);
      expect(c.status).toBe('failed');
      expect(c.message).toMatch(/^not linearizable: read #\d+ of k\d /);
      expect(c.scenario!.shrinkRuns).toBeGreaterThan(0);
      expect(c.firstBadDecision).toMatch(/^at t=\d+ ms read #\d+ of k\d .* resolved with version \d+; acceptable: resolve only once w=\d+/);
      expect(c.timeline?.entries.length).toBeGreaterThan(0);
      expect(r.score).toBe(r.maxScore);
      const again = await checkExercise({ root, exercise, file: join(buggyDir, `${name}.ts`), typecheck: false, replay: c.replay! });
      expect(byId(again, CHECK).status).toBe('failed');
      expect(byId(await checkExercise({ root, exercise, file: solutionFile, typecheck: false, replay: c.replay! }), CHECK).status).toBe('passed');
    }, 60_000);
  }

  it('is optional: a file without it loads, skips the check, and scores full marks', async () => {
    const r = await grade(join(root, 'test', 'fixtures', 'correct', exercise.id, 'async-counters.ts'));
    expect(r.loadProblem).toBeUndefined();
    expect(r.passed).toBe(true);
    expect(r.score).toBe(r.maxScore);
    expect(byId(r, CHECK).status).toBe('passed');
    expect(byId(r, CHECK).details).toEqual(['skipped: your file does not export quorumReadLinearizable (optional, unweighted)']);
    expect(exercise.exports).not.toContain('quorumReadLinearizable');
  }, 60_000);

  it('the stub fails it with "not implemented yet", like every other check', async () => {
    const c = byId(await grade(pristineStubFile(exercise)), CHECK);
    expect(c.status).toBe('not-implemented');
    expect(c.message).toContain('not implemented yet: quorumReadLinearizable');
  }, 60_000);
});
