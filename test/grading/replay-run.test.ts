import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeReplayToken, findExercise, type ExerciseEntry } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, replayRun } from '../../harness/grading/index.ts';

const root = packageRoot();
const exercise = (id: string): ExerciseEntry => findExercise(id)!;

/** The first failed check with a replay token, from checking `fixture` for real. */
async function failing(id: string, fixture: string) {
  const result = await checkExercise({ root, exercise: exercise(id), file: resolve(root, fixture), typecheck: false });
  const c = result.checks.find((x) => x.status === 'failed' && x.replay !== undefined && x.timeline !== undefined);
  if (c === undefined) throw new Error(`${fixture} failed no replayable check`);
  return c;
}

describe('replayRun', () => {
  it("runs a failing check's scenario again, traced: the whole run, with the exercise's lanes and labels", async () => {
    const c = await failing('quorum-reader', 'test/fixtures/buggy/quorum-reader/no-repair.ts');
    const replayed = await replayRun({ root, exercise: exercise('quorum-reader'), file: resolve(root, 'test/fixtures/buggy/quorum-reader/no-repair.ts'), replay: c.replay!, check: c.id });
    if (!replayed.ok) throw new Error(replayed.problem);
    const { run } = replayed;
    expect(run.lanes.map((l) => l.id)).toEqual(c.timeline!.lanes.map((l) => l.id));
    const events = [...run.trace];
    const sends = events.filter((e) => e.kind === 'send');
    // The check's timeline keeps a few dozen entries; the trace has every message and its delivery.
    expect(sends.length).toBeGreaterThan(c.timeline!.entries.length * 3);
    expect(events.some((e) => e.kind === 'deliver')).toBe(true);
    // Every message of the timeline is in the replayed trace, in the presenter's words.
    const labelled = new Set(sends.map((e) => `${e.t} ${e.from}>${e.to} ${run.presenter.message(e.msg).label}`));
    for (const e of c.timeline!.entries.filter((x) => x.kind === 'message')) expect(labelled).toContain(`${e.t} ${e.lane}>${e.to} ${e.text}`);
  }, 60_000);

  it('replays the same run every time (same scenario, same trace)', async () => {
    const fixture = resolve(root, 'test/fixtures/buggy/concurrent-writes/last-write-wins.ts');
    const c = await failing('concurrent-writes', 'test/fixtures/buggy/concurrent-writes/last-write-wins.ts');
    const req = { root, exercise: exercise('concurrent-writes'), file: fixture, replay: c.replay!, check: c.id };
    const [a, b] = [await replayRun(req), await replayRun(req)];
    if (!a.ok || !b.ok) throw new Error('not replayed');
    expect(JSON.stringify([...b.run.trace])).toBe(JSON.stringify([...a.run.trace]));
  }, 60_000);

  it("refuses another exercise's token, a broken token and a check that replays nothing, in plain words", async () => {
    const token = encodeReplayToken({ exercise: 'vector-clock', format: 1, spec: {} });
    const file = resolve(root, findExercise('failover-coordinator')!.solution);
    expect(await replayRun({ root, exercise: exercise('failover-coordinator'), file, replay: token })).toEqual({ ok: false, problem: 'this replay token is not valid for failover-coordinator: it is a token of the exercise "vector-clock"' });
    const cut = await replayRun({ root, exercise: exercise('failover-coordinator'), file, replay: 'abc' });
    expect(cut.ok).toBe(false);
    const own = encodeReplayToken({ exercise: 'failover-coordinator', format: 1, spec: {} });
    expect(await replayRun({ root, exercise: exercise('failover-coordinator'), file, replay: own, check: 'elects-most-up-to-date' })).toEqual({ ok: false, problem: 'the check elects-most-up-to-date does not replay scenarios' });
  });

  it("draws nothing for a group whose every check skips the run (the optional export is missing), and says so", async () => {
    const c = await failing('quorum-reader', 'test/fixtures/buggy/quorum-reader/no-repair.ts');
    const file = resolve(root, 'test/fixtures/correct/quorum-reader/sorted-replies.ts');
    const req = { root, exercise: exercise('quorum-reader'), file, replay: c.replay! };
    expect(await replayRun({ ...req, check: 'cluster-linearizable-read' })).toEqual({ ok: false, problem: 'no check of this exercise could replay this scenario' });
    expect((await replayRun(req)).ok).toBe(true);
  }, 60_000);

  it('says why when the module cannot be loaded', async () => {
    const own = (await failing('failover-coordinator', 'test/fixtures/buggy/failover-coordinator/no-majority-check.ts')).replay!;
    const replayed = await replayRun({ root, exercise: exercise('failover-coordinator'), file: resolve(root, 'test/fixtures/learners/import-throws.ts'), replay: own });
    expect(replayed).toMatchObject({ ok: false, problem: expect.stringMatching(/^your file (threw while loading|does not export)/) });
  });
});
