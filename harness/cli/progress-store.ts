/**
 * The learner's progress: per exercise, the last check's outcome (with a hash of the file it was for)
 * and how many hints were shown. Updates take a lock file and re-read under it, so two commands at
 * once lose nothing; a corrupt file is set aside (never deleted) and progress is rebuilt (the
 * interactive menu re-checks the exercises that were worked on: see `needsRebuild`).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ExerciseProgress {
  /** The outcome of the last `check` of the learner's own file. */
  readonly lastCheck?: { readonly passed: boolean; readonly fileHash: string };
  readonly hintsShown: number;
}

export interface Progress {
  readonly version: 1;
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
}

const EMPTY: Progress = { version: 1, exercises: {} };

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
      const next: Progress = { version: 1, exercises: { ...current.exercises, [exercise]: change(current.exercises[exercise] ?? { hintsShown: 0 }) } };
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

  /** Counts one more hint shown (at most `total`); resolves to the number of the hint to show. */
  async nextHint(exercise: string, total: number): Promise<number> {
    let shown = 0;
    await this.update(exercise, (p) => {
      shown = Math.min(p.hintsShown + 1, total);
      return { ...p, hintsShown: shown };
    });
    return shown;
  }

  /** Forgets the last check (after `workbook reset`); hints shown are kept. */
  forgetCheck(exercise: string): Promise<void> {
    return this.update(exercise, (p) => ({ hintsShown: p.hintsShown }));
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

function parseProgress(text: string): Progress | undefined {
  try {
    const raw = JSON.parse(text) as Partial<Progress>;
    if (raw?.version !== 1 || typeof raw.exercises !== 'object' || raw.exercises === null) return undefined;
    for (const p of Object.values(raw.exercises)) {
      if (typeof p !== 'object' || p === null || typeof p.hintsShown !== 'number') return undefined;
      const last = p.lastCheck as unknown;
      if (last !== undefined && (typeof last !== 'object' || last === null || typeof (last as { passed?: unknown }).passed !== 'boolean' || typeof (last as { fileHash?: unknown }).fileHash !== 'string')) return undefined;
    }
    return raw as Progress;
  } catch {
    return undefined;
  }
}

/** The hash progress records for a file's content. */
export function fileHash(path: string): string | undefined {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16) : undefined;
}
