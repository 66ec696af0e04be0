/**
 * Recorded runs (curriculum/run-record.ts) kept between checks: the reference solution's, built on
 * first use, and the learner's previous check, one file per exercise in a directory (`.workbook/runs/`).
 * A file names its format and its key, a hash of the built harness and of the exercise's own files
 * (never `HARNESS_VERSION`, which does not change), and its body sealed with the folder's own secret
 * (record-seal.ts: encrypted and authenticated, the file 0600 in a 0700 folder), the same in a
 * grader's cache and a learner's `.workbook/runs/`: one that does not parse, was recorded for other
 * code, or does not open with the folder's key (hand-written, altered, copied from another folder) is
 * moved aside and rebuilt, never trusted; and the hidden tier's arguments and answer hashes are not
 * readable from it. Watch mode keeps the store, so the records also stay in memory between saves.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { RUN_RECORD_FORMAT, type CheckContext, type ExerciseEntry, type RecordedRun, type ScheduleRecords } from '../curriculum/index.ts';
import { folderKey, seal, unseal, type Sealed } from './record-seal.ts';
import { exerciseHash, harnessHash } from './version-hash.ts';

/**
 * Runs kept in memory per schedule from earlier pairs of a grading process (each one distinct answer
 * sequence): a few, as each holds its calls' arguments (about 1 KB a call) and a replay walks them all.
 */
const SEEN_PER_SCHEDULE = 4;

/** Runs by schedule index, for one group, tier, seed and number of schedules. */
type Runs = (RecordedRun | undefined)[];

interface GroupRecords {
  reference?: Runs;
  last?: Runs;
}

interface RecordFile {
  readonly format: typeof RUN_RECORD_FORMAT;
  readonly key: string;
  readonly sealed: Sealed;
}

/** One check's view of the records: what its groups may reuse, and what it keeps afterwards. */
export interface CheckRecords {
  group(index: number, ctx: Pick<CheckContext, 'seed' | 'schedules' | 'tier'>): ScheduleRecords;
  /** Whether the reference solution's runs are recorded for this group's schedules. */
  hasReference(index: number, ctx: Pick<CheckContext, 'seed' | 'schedules' | 'tier'>): boolean;
  /** Schedules reused and simulated so far. */
  readonly counts: { reused: number; simulated: number };
  /** Keeps this check's runs (the learner's as "last", or the reference's). */
  save(): void;
}

export class RunRecordStore {
  /** Set when an unreadable record file was moved aside. */
  warning: string | undefined;
  private readonly loaded = new Map<string, Map<string, GroupRecords>>();
  /** With `learnerRuns: 'memory'`: the distinct runs pairs simulated, per group and schedule, newest last. */
  private readonly seen = new Map<string, RecordedRun[][]>();
  /** The folder's sealing key, made or read once per store (each read and write used to check the folder again). */
  private key: Buffer | undefined;

  /**
   * `dir` undefined keeps records in memory only. `learnerRuns: 'memory'` (grading) writes only the
   * reference solution's runs: a class shares them on disk, from run to run, while each pair's own runs
   * stay in this process for the pairs after it (rewriting the file after every pair cost more than
   * reading it).
   */
  constructor(
    readonly dir: string | undefined,
    private readonly options: { readonly learnerRuns?: 'disk' | 'memory'; readonly actedUpon?: boolean } = {},
  ) {}

  /** The store of a workbook: `.workbook/runs/`. */
  static of(root: string): RunRecordStore {
    return new RunRecordStore(join(root, '.workbook', 'runs'));
  }

  /** The records a check of `entry` uses; `as` says whether it is the reference solution's check. */
  forCheck(entry: ExerciseEntry, as: 'learner' | 'reference'): CheckRecords {
    const groups = this.read(entry);
    const shared = this.options.learnerRuns === 'memory';
    const made = new Map<string, Runs>();
    const counts = { reused: 0, simulated: 0 };
    const keyOf = (index: number, ctx: Pick<CheckContext, 'seed' | 'schedules' | 'tier'>): string => `${index}:${ctx.tier ?? 'public'}:${ctx.seed}:${ctx.schedules}`;
    return {
      counts,
      hasReference: (index, ctx) => groups.get(keyOf(index, ctx))?.reference !== undefined,
      group: (index, ctx) => {
        const key = keyOf(index, ctx);
        const kept = groups.get(key) ?? {};
        const now: Runs = [];
        made.set(key, now);
        const seenKey = `${entry.id}\0${recordKey(entry)}\0${key}`;
        const seen = shared && as === 'learner' ? (this.seen.get(seenKey) ?? this.seen.set(seenKey, []).get(seenKey)!) : undefined;
        const acted = this.options.actedUpon === true && entry.actedUpon !== undefined ? { actedUpon: { exports: entry.actedUpon, as: as === 'reference' ? ('record' as const) : ('match' as const) } } : {};
        return {
          ...acted,
          runs: (i) => {
            const ref = kept.reference?.[i];
            if (seen !== undefined) return ref === undefined ? (seen[i] ?? []) : [ref, ...(seen[i] ?? [])];
            const last = as === 'learner' ? kept.last?.[i] : undefined;
            return [ref, last !== ref ? last : undefined].filter((r): r is RecordedRun => r !== undefined);
          },
          add: (i, run, reused) => {
            now[i] = run;
            counts[reused ? 'reused' : 'simulated']++;
            // A run simulated here is one no record matched: the pairs after this one (the same bug, another
            // tie-break) may answer as it did. A few per schedule, so a pair's replay stays a short walk.
            if (seen === undefined || reused) return;
            const runs = (seen[i] ??= []);
            runs.push(run);
            if (runs.length > SEEN_PER_SCHEDULE) runs.shift();
          },
        };
      },
      save: () => {
        // Shared learner runs went into `seen` as they were made.
        if (shared && as === 'learner') return;
        let changed = false;
        for (const [key, runs] of made) {
          const kept = groups.get(key) ?? {};
          const field = as === 'learner' ? 'last' : 'reference';
          // Schedules this check did not reach keep their older runs: a record is valid for any learner.
          const old = kept[field] ?? [];
          const now = Array.from({ length: Math.max(old.length, runs.length) }, (_, i) => runs[i] ?? old[i]);
          // A check that reused every run it keeps changes nothing: the file is not written again.
          if (kept[field] !== undefined && now.length === old.length && now.every((run, i) => run === old[i])) continue;
          groups.set(key, { ...kept, [field]: now });
          changed = true;
        }
        if (changed && (as === 'reference' || this.options.learnerRuns !== 'memory')) this.write(entry, groups);
      },
    };
  }

  private folderKey(): Buffer {
    return (this.key ??= folderKey(this.dir!));
  }

  private fileOf(entry: ExerciseEntry): string | undefined {
    return this.dir === undefined ? undefined : join(this.dir, `${entry.id}.v8`);
  }

  private read(entry: ExerciseEntry): Map<string, GroupRecords> {
    const key = recordKey(entry);
    const memoKey = `${entry.id}\0${key}`;
    const inMemory = this.loaded.get(memoKey);
    if (inMemory !== undefined) return inMemory;
    const groups = this.readFile(entry, key) ?? new Map<string, GroupRecords>();
    this.loaded.set(memoKey, groups);
    return groups;
  }

  private readFile(entry: ExerciseEntry, key: string): Map<string, GroupRecords> | undefined {
    const file = this.fileOf(entry);
    if (file === undefined) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    try {
      const stored = deserialize(bytes) as Partial<RecordFile>;
      // Another harness or exercise version: not wrong, only of no use; it is replaced on save.
      if (stored?.format === RUN_RECORD_FORMAT && typeof stored.key === 'string' && stored.key !== key) return undefined;
      const opened = stored?.format === RUN_RECORD_FORMAT && typeof stored.sealed === 'object' && stored.sealed !== null ? unseal(this.folderKey(), stored.sealed, sealContext(entry, key)) : undefined;
      if (opened === undefined) throw new Error('not a record file');
      const body = deserialize(opened) as unknown;
      if (!(body instanceof Map) || ![...body.values()].every(validGroup)) throw new Error('not a record file');
      return body as Map<string, GroupRecords>;
    } catch {
      try {
        renameSync(file, `${file}.unreadable`);
      } catch {
        // Gone meanwhile (another check): nothing to move.
      }
      this.warning = `A stored record of earlier runs was unreadable; it was moved to ${file}.unreadable and will be rebuilt.`;
      return undefined;
    }
  }

  private write(entry: ExerciseEntry, groups: Map<string, GroupRecords>): void {
    const file = this.fileOf(entry);
    if (file === undefined) return;
    try {
      const secret = this.folderKey();
      // Learner runs kept in memory only are not written (another process's file may hold its own).
      const kept = this.options.learnerRuns === 'memory' ? new Map([...groups].map(([k, g]) => [k, g.reference === undefined ? {} : { reference: g.reference }])) : groups;
      const body = serialize(kept);
      const tmp = `${file}.${process.pid}.tmp`;
      const key = recordKey(entry);
      writeFileSync(tmp, serialize({ format: RUN_RECORD_FORMAT, key, sealed: seal(secret, body, sealContext(entry, key)) } satisfies RecordFile), { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      // Records that cannot be written only cost the next check its reuse.
    }
  }
}

/**
 * The store grading uses: the reference solution's runs on disk in `dir` (the grader's cache folder),
 * shared by every pair and every later run; each pair's own runs in memory only. Where an exercise
 * declares what it acts on, a student's answers also match the reference's runs by that part: no
 * output of grading shows a passing run, so its free text (a reason in the student's words) cannot
 * be missed, while the learner's own check keeps matching whole answers for the timelines it prints.
 */
export function gradingRecordStore(dir: string): RunRecordStore {
  return new RunRecordStore(dir, { learnerRuns: 'memory', actedUpon: true });
}

/**
 * Whether `store` holds the reference solution's runs of every replayable group of `entry` for each
 * of `tiers` (a file that does not parse or was recorded for other code holds none: it is moved aside).
 */
export function referenceRecorded(store: RunRecordStore, entry: ExerciseEntry, tiers: readonly Pick<CheckContext, 'seed' | 'schedules' | 'tier'>[]): boolean {
  const records = store.forCheck(entry, 'learner');
  return entry.groups.every((g, i) => !g.replayable || tiers.filter((t) => (g.tiers ?? ['public']).includes(t.tier ?? 'public')).every((t) => records.hasReference(i, t)));
}

/** What a record file must be recorded for: the record format, the built harness and the exercise's files. */
export function recordKey(entry: ExerciseEntry): string {
  return createHash('sha256').update(`runs\0${RUN_RECORD_FORMAT}\0${harnessHash()}\0${exerciseHash(entry)}`).digest('hex');
}

/** What a sealed body is bound to: a record of one exercise, for one key, opens as nothing else. */
function sealContext(entry: ExerciseEntry, key: string): string {
  return `runs\0${entry.id}\0${key}`;
}

function validGroup(g: unknown): boolean {
  if (typeof g !== 'object' || g === null) return false;
  const runs = [(g as GroupRecords).reference, (g as GroupRecords).last].filter((r) => r !== undefined);
  return runs.every((r) => Array.isArray(r) && r.every((run) => run === undefined || validRun(run)));
}

function validRun(run: unknown): boolean {
  const r = run as Partial<RecordedRun> | null;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.calls) || typeof r.outcome !== 'object' || r.outcome === null) return false;
  const o = r.outcome;
  if (typeof o.console !== 'string' || typeof o.learnersFault !== 'boolean' || !Array.isArray(o.skipped) || !Array.isArray(o.broken) || typeof o.unjudged !== 'object') return false;
  return r.calls.every((c) => typeof c === 'object' && c !== null && typeof c.fn === 'string' && Array.isArray(c.args) && typeof c.key === 'string' && typeof c.answer === 'string' && (c.acted === undefined || typeof c.acted === 'string') && (c.exchange === undefined || (Array.isArray(c.exchange) && Array.isArray(c.callbacks))));
}
