/**
 * The learner's progress: per exercise, the last check's outcome (with a hash of the file it was for),
 * how many levels of each hint were shown, and which check the last hint was for. Updates take a lock
 * file and re-read under it, so two commands at once lose nothing; a corrupt file is set aside (never
 * deleted) and progress is rebuilt (the interactive menu re-checks the exercises that were worked on:
 * see `needsRebuild`).
 *
 * Version 1 files (one hint count per exercise) are read and rewritten as version 2 on the next
 * update: the last check is kept; the count is not, because it counted the levels of one
 * exercise-wide hint, and hints are now per failing check, so it names no level of the new ones.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ExerciseProgress {
  /** The outcome of the last `check` of the learner's own file. */
  readonly lastCheck?: { readonly passed: boolean; readonly fileHash: string };
  /** Per hint name (`ExerciseHints.ladders`): how many of its levels were shown. */
  readonly hintLevels: Readonly<Record<string, number>>;
  /** The check whose hint was shown last: `workbook hint` goes on from there. */
  readonly hintCheck?: string;
}

export interface Progress {
  readonly version: 2;
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
}

const EMPTY: Progress = { version: 2, exercises: {} };

/** An exercise nobody has checked or asked a hint for yet. */
export const NO_PROGRESS: ExerciseProgress = { hintLevels: {} };

export class ProgressStore {
  readonly file: string;
  private readonly lock: string;
  /** Set when a corrupt progress file was found and moved aside; say so to the learner. */
  warning: string | undefined;
  /** What the last `read` found: a valid file, none, or an unreadable one (moved aside). */
  found: 'valid' | 'missing' | 'corrupt' | undefined;

  constructor(root: string) {
    this.file = join(root, '.workbook', 'progress.json');
    this.lock = `${this.file}.lock`;
  }

  read(): Progress {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.found ??= 'missing';
      return EMPTY;
    }
    const parsed = parseProgress(text);
    if (parsed !== undefined) {
      this.found ??= 'valid';
      return parsed;
    }
    this.found = 'corrupt';
    const aside = `${this.file}.corrupt-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
    try {
      renameSync(this.file, aside);
    } catch (error) {
      // Another command moved it aside first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.warning = `Your progress file was unreadable; it was moved to ${aside} and progress will be rebuilt as you check exercises.`;
    return EMPTY;
  }

  /** Applies `change` to the exercise's progress under the lock. */
  async update(exercise: string, change: (p: ExerciseProgress) => ExerciseProgress): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    await this.acquire();
    try {
      const current = this.read();
      const next: Progress = { version: 2, exercises: { ...current.exercises, [exercise]: change(current.exercises[exercise] ?? NO_PROGRESS) } };
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n');
      renameSync(tmp, this.file);
    } finally {
      rmSync(this.lock, { force: true });
    }
  }

  /** True when the file was missing or unreadable, so progress should be rebuilt by re-checking. */
  get needsRebuild(): boolean {
    if (this.found === undefined) this.read();
    return this.found !== 'valid';
  }

  /** Records the outcome of checking the learner's own file (`hash` from `fileHash`). */
  recordCheck(exercise: string, passed: boolean, hash: string): Promise<void> {
    return this.update(exercise, (p) => ({ ...p, lastCheck: { passed, fileHash: hash } }));
  }

  /** Forgets the last check (after `workbook reset`); hints shown are kept. */
  forgetCheck(exercise: string): Promise<void> {
    return this.update(exercise, ({ lastCheck: _forgotten, ...kept }) => kept);
  }

  private async acquire(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        closeSync(openSync(this.lock, 'wx'));
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // A lock older than 10 s belongs to a command that died; anything younger, wait for it.
        const held = statSync(this.lock, { throwIfNoEntry: false });
        if (held !== undefined && (Date.now() - held.mtimeMs > 10_000 || attempt > 200)) rmSync(this.lock, { force: true });
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  }
}

/** A version 2 progress file, or a version 1 file migrated to it; undefined when it is neither. */
function parseProgress(text: string): Progress | undefined {
  let raw: { version?: unknown; exercises?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || (raw.version !== 1 && raw.version !== 2)) return undefined;
  if (typeof raw.exercises !== 'object' || raw.exercises === null) return undefined;
  const exercises: Record<string, ExerciseProgress> = {};
  for (const [id, p] of Object.entries(raw.exercises as Record<string, unknown>)) {
    const parsed = raw.version === 1 ? parseVersion1(p) : parseExercise(p);
    if (parsed === undefined) return undefined;
    exercises[id] = parsed;
  }
  return { version: 2, exercises };
}

type Fields = Record<string, unknown>;

function parseExercise(p: unknown): ExerciseProgress | undefined {
  if (!isObject(p) || !isObject(p.hintLevels) || !Object.values(p.hintLevels).every((n) => Number.isInteger(n) && (n as number) >= 0)) return undefined;
  if (p.hintCheck !== undefined && typeof p.hintCheck !== 'string') return undefined;
  const lastCheck = parseLastCheck(p.lastCheck);
  if (lastCheck === null) return undefined;
  return { hintLevels: p.hintLevels as Record<string, number>, ...(typeof p.hintCheck === 'string' ? { hintCheck: p.hintCheck } : {}), ...(lastCheck !== undefined ? { lastCheck } : {}) };
}

/** Version 1: `{ hintsShown: number, lastCheck? }`; see the header for why the count is not carried over. */
function parseVersion1(p: unknown): ExerciseProgress | undefined {
  if (!isObject(p) || typeof p.hintsShown !== 'number') return undefined;
  const lastCheck = parseLastCheck(p.lastCheck);
  if (lastCheck === null) return undefined;
  return { hintLevels: {}, ...(lastCheck !== undefined ? { lastCheck } : {}) };
}

/** The last check, undefined when absent, null when malformed. */
function parseLastCheck(last: unknown): ExerciseProgress['lastCheck'] | null {
  if (last === undefined) return undefined;
  if (!isObject(last) || typeof last.passed !== 'boolean' || typeof last.fileHash !== 'string') return null;
  return { passed: last.passed, fileHash: last.fileHash };
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The hash progress records for a file's content. */
export function fileHash(path: string): string | undefined {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16) : undefined;
}
