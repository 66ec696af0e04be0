import { describe, expect, it } from 'vitest';
import { EXERCISES, findExercise } from '../../harness/curriculum/index.ts';
import type { ExerciseResult } from '../../harness/grading/index.ts';
import { PLAIN } from '../../harness/render/index.ts';
import { actionOf, DEBOUNCE_MS, runWatch, WATCH_KEYS, type WatchEvent, type WatchIo } from '../../harness/cli/watch.ts';
import { WATCH } from '../../harness/cli/text.ts';
import { NO_PROGRESS, type ExerciseProgress } from '../../harness/cli/progress-store.ts';

// The exercise the scratch workbook's files are (it existed before the folder rename).
const exercise = findExercise('failover-coordinator')!;
const FILE = `/wb/${exercise.file}`;

function result(passed: boolean): ExerciseResult {
  return {
    exercise: exercise.id,
    title: exercise.title,
    file: exercise.file,
    passed,
    score: passed ? 2 : 0,
    maxScore: 2,
    typeErrors: [],
    checks: [{ id: 'cluster-no-lost-acked-write', title: 'Cluster: No acknowledged write is lost', weight: 2, status: passed ? 'passed' : 'failed', message: passed ? '' : 'write c1-4 was lost', details: [] }],
  };
}

/** A scripted world for the watch loop: saves, keys, timers and checks all under the test's control. */
function fakeWorld(isDone: (id: string) => boolean = () => false) {
  const screen: string[] = [];
  const checks: { file: string; resolve: (r: ExerciseResult) => void }[] = [];
  const timers: { ms: number; fire: () => void; live: boolean }[] = [];
  const hints: number[] = [];
  const records: { passed: boolean; hash: string }[] = [];
  let emitFile: (e: WatchEvent) => void = () => undefined;
  let emitKey: (e: WatchEvent) => void = () => undefined;
  let keysClosed = false;
  let hash = 'h1';
  let progress: ExerciseProgress = NO_PROGRESS;
  const io: WatchIo = {
    root: '/wb',
    style: PLAIN,
    out: (t) => void screen.push(t),
    clear: () => void screen.push('<clear>'),
    check: (_e, file) => new Promise((resolve) => checks.push({ file, resolve })),
    watchFile: (_f, emit) => {
      emitFile = emit;
      return { close: () => undefined };
    },
    listenKeys: (emit) => {
      emitKey = emit;
      return { close: () => void (keysClosed = true) };
    },
    setTimer: (ms, fire) => {
      const t = { ms, fire, live: true };
      timers.push(t);
      return { close: () => void (t.live = false) };
    },
    fileHash: () => hash,
    progress: {
      recordCheck: async (_e, passed, h) => void records.push({ passed, hash: h }),
      update: async (_e, change) => {
        progress = change(progress);
        hints.push(progress.hintLevels['majority'] ?? 0);
      },
    },
    listText: () => 'THE EXERCISE LIST\n',
    isDone: (e) => isDone(e.id),
  };
  const flush = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    io,
    screen,
    checks,
    hints,
    records,
    get keysClosed() {
      return keysClosed;
    },
    text: () => screen.join(''),
    /** What is on screen since the last clear. */
    visible: () => screen.slice(screen.lastIndexOf('<clear>') + 1).join(''),
    setContent: (h: string) => void (hash = h),
    save: async () => {
      emitFile({ kind: 'saved' });
      await flush();
    },
    fireTimers: async () => {
      for (const t of timers.splice(0)) if (t.live) t.fire();
      await flush();
    },
    liveTimers: () => timers.filter((t) => t.live).length,
    key: async (k: string) => {
      emitKey({ kind: 'key', key: k });
      await flush();
    },
    emit: async (e: WatchEvent) => {
      emitFile(e);
      await flush();
    },
    finishCheck: async (r: ExerciseResult) => {
      checks.shift()!.resolve(r);
      await flush();
    },
    flush,
  };
}

describe('watch mode', () => {
  it('says "Checking …" at once, then shows the result and what to do next', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    expect(w.visible()).toBe(`Checking ${exercise.id} (${exercise.file}) …\n`);
    expect(w.checks).toHaveLength(1);
    expect(w.checks[0]!.file).toBe(FILE);
    await w.finishCheck(result(false));
    const screen = w.visible();
    expect(screen).toContain('✗ Cluster: No acknowledged write is lost');
    // The screen ends with the summary (the hint of the failing check is above it), then the keys.
    expect(screen.trimEnd().split('\n').slice(-5)).toEqual([
      '✗ 0/1 checks passed, score 0/2. First failing: Cluster: No acknowledged write is lost',
      '  write c1-4 was lost',
      '  hint 1/3 is above (the next level: ./workbook hint failover-coordinator)',
      `  next: ${WATCH.nextFailing}`,
      'keys: h hint · n next exercise · l list · r re-run · q quit',
    ]);
    expect(w.records).toEqual([{ passed: false, hash: 'h1' }]);
    await w.key('q');
    await done;
    expect(w.keysClosed).toBe(true);
  });

  it('debounces saves: several saves in a row start one check, after the quiet interval', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    await w.finishCheck(result(false));
    w.setContent('h2');
    await w.save();
    await w.save();
    await w.save();
    expect(w.liveTimers()).toBe(1);
    expect(w.checks).toHaveLength(0);
    await w.fireTimers();
    expect(w.checks).toHaveLength(1);
    expect(w.visible()).toContain('Checking');
    await w.finishCheck(result(true));
    expect(w.visible()).toContain(`✓ ${exercise.id} passes every check.`);
    expect(w.records.at(-1)).toEqual({ passed: true, hash: 'h2' });
    expect(DEBOUNCE_MS).toBeGreaterThan(0);
    await w.key('q');
    await done;
  });

  it('does not re-run when a save leaves the content unchanged', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    await w.finishCheck(result(false));
    await w.save();
    await w.fireTimers();
    expect(w.checks).toHaveLength(0);
    await w.key('q');
    await done;
  });

  it('a save during a run checks again when the run ends, and shows only the newer result', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    w.setContent('h2');
    await w.save();
    await w.fireTimers();
    expect(w.checks).toHaveLength(1);
    await w.finishCheck(result(false));
    expect(w.visible()).toBe(`Checking ${exercise.id} (${exercise.file}) …\n`);
    expect(w.checks).toHaveLength(1);
    expect(w.records).toEqual([]);
    await w.finishCheck(result(true));
    expect(w.visible()).toContain('passes every check');
    expect(w.records).toEqual([{ passed: true, hash: 'h2' }]);
    await w.key('q');
    await done;
  });

  it('ignores keys while a check runs, except q', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    await w.key('h');
    await w.key('r');
    await w.key('l');
    expect(w.hints).toEqual([]);
    expect(w.checks).toHaveLength(1);
    expect(w.text()).not.toContain('THE EXERCISE LIST');
    await w.key('q');
    await done;
  });

  it('shows the failing check\'s hint after a run; h goes on from there and says when it was the last', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    await w.finishCheck(result(false));
    const ladder = exercise.hints.ladders['majority']!;
    expect(w.text()).toContain(`Hint 1/3 · Cluster: No acknowledged write is lost:`);
    expect(w.text()).toContain(ladder[0].split(' ').slice(0, 6).join(' '));
    await w.key('h');
    expect(w.text()).toContain(`Hint 2/3 for ${exercise.id} · Cluster: No acknowledged write is lost:\n${ladder[1]}`);
    await w.key('h');
    expect(w.text()).toContain(`Hint 3/3 for ${exercise.id} · Cluster: No acknowledged write is lost:\n${ladder[2]}`);
    expect(w.text()).toContain('That was the last level');
    expect(w.hints).toEqual([1, 2, 3]);
    await w.key('q');
    await done;
  });

  it('n moves on only once the exercise passes; l lists; r re-runs; Ctrl-C quits', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    await w.finishCheck(result(false));
    await w.key('n');
    expect(w.text()).toContain('n moves on once this exercise passes');
    await w.key('l');
    expect(w.text()).toContain('THE EXERCISE LIST');
    await w.key('r');
    expect(w.checks).toHaveLength(1);
    await w.finishCheck(result(true));
    await w.key('n');
    const next = EXERCISES[EXERCISES.indexOf(exercise) + 1];
    if (next !== undefined) {
      expect(w.visible()).toBe(`Checking ${next.id} (${next.file}) …\n`);
      expect(w.checks.at(-1)!.file).toBe(`/wb/${next.file}`);
    } else expect(w.text()).toContain('That was the last exercise');
    await w.key('x');
    await w.key('\u0003');
    await done;
  });

  it('n after the last exercise passes, with every other one done: says so', async () => {
    const last = EXERCISES.at(-1)!;
    const w = fakeWorld((id) => id !== last.id);
    const done = runWatch(last, w.io);
    await w.flush();
    await w.finishCheck({ ...result(true), exercise: last.id });
    expect(w.visible()).toContain('That was the last exercise: every one passes.');
    await w.key('n');
    expect(w.checks).toHaveLength(0);
    await w.key('q');
    await done;
  });

  it('says so when the watcher falls back to polling', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    await w.emit({ kind: 'polling', message: 'File events did not arrive, so …' });
    expect(w.text()).toContain('File events did not arrive');
    await w.key('q');
    await done;
  });

  it('reports a crashed check as a harness bug and keeps watching', async () => {
    const w = fakeWorld();
    const done = runWatch(exercise, w.io);
    await w.flush();
    w.checks.shift()!.resolve(Promise.reject(new Error('boom')) as never);
    await w.flush();
    expect(w.text()).toContain('The check itself failed (a harness bug, not your fault)');
    await w.key('r');
    expect(w.checks).toHaveLength(1);
    await w.key('q');
    await done;
  });

  it('q quits (the workbook, from the menu too); b goes back only when started from the menu', async () => {
    const alone = fakeWorld();
    const done = runWatch(exercise, alone.io);
    await alone.finishCheck(result(false));
    expect(alone.visible()).not.toContain('b back');
    await alone.key('b');
    expect(alone.keysClosed).toBe(false);
    await alone.key('q');
    expect(await done).toBe('quit');
    const fromMenu = fakeWorld();
    const back = runWatch(exercise, { ...fromMenu.io, fromMenu: true });
    await fromMenu.finishCheck(result(false));
    expect(fromMenu.visible()).toContain(WATCH.keysFromMenu);
    await fromMenu.key('b');
    expect(await back).toBe('back');
  });

  it('has one key table, and the help line lists every key in it', () => {
    expect(Object.keys(WATCH_KEYS).filter((k) => k.length === 1 && k >= ' ')).toEqual(['h', 'n', 'l', 'r', 'b', 'q']);
    expect(WATCH.keys).toBe('keys: h hint · n next exercise · l list · r re-run · q quit');
    expect(WATCH.keysFromMenu).toBe('keys: h hint · n next exercise · l list · r re-run · b back to the menu · q quit');
    expect(actionOf('H')).toBe('hint');
    expect(actionOf('z')).toBeUndefined();
  });
});
