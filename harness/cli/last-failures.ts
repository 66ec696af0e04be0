/**
 * The failing runs of each exercise's last check, kept in `.workbook/last-failures.json` so the
 * terminal can name them by a short reference (`--replay last`, `--replay #2`) instead of printing
 * 500-character tokens. The full tokens stay in `--json` and in the report. The file is versioned and
 * checked on read; an unreadable one is moved aside (never deleted) and counts as empty. Writes are
 * atomic (a temporary file renamed over), and the last check to finish wins.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './io.ts';
import { WORKBOOK_COMMAND } from '../curriculum/index.ts';

/** The failing runs of one exercise's last check of one file: distinct replay tokens, first failing first. */
export interface StoredFailures {
  /** The file checked, as results show it (relative to the workbook root when inside it). */
  readonly file: string;
  readonly runs: readonly string[];
}

interface LastFailuresFile {
  readonly version: 1;
  readonly exercises: Readonly<Record<string, StoredFailures>>;
}

const EMPTY: LastFailuresFile = { version: 1, exercises: {} };

/** `last` or `#N`: a replay named by its place among the stored failures instead of its token. */
export function isReplayReference(text: string): boolean {
  return text === 'last' || /^#\d+$/.test(text);
}

export class LastFailuresStore {
  readonly file: string;
  /** Set when an unreadable file was moved aside; say so to the learner. */
  warning: string | undefined;

  constructor(root: string) {
    this.file = join(root, '.workbook', 'last-failures.json');
  }

  read(): LastFailuresFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
      throw error;
    }
    const parsed = parse(text);
    if (parsed !== undefined) return parsed;
    const aside = `${this.file}.corrupt-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
    try {
      renameSync(this.file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.warning = `The file of your last failures was unreadable; it was moved to ${aside}. Check again to replay by #N.`;
    return EMPTY;
  }

  /** The stored runs of `exercise` (undefined when none were stored). */
  get(exercise: string): StoredFailures | undefined {
    return this.read().exercises[exercise];
  }

  /** Stores the failing runs of a check of `file` (an empty list forgets them: the file passed). */
  record(exercise: string, file: string, runs: readonly string[]): void {
    const current = this.read();
    const next: LastFailuresFile = { version: 1, exercises: { ...current.exercises, [exercise]: { file, runs: [...new Set(runs)] } } };
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n');
    renameSync(tmp, this.file);
  }

  /**
   * The token `ref` (`last` or `#N`) names for `exercise` checked on `file` (absolute), or a usage
   * error that says what to run instead.
   */
  resolve(exercise: string, root: string, file: string, ref: string, ownFile = true): string {
    // Only checks of the learner's own file are stored (a --file run must not replace what `last` names).
    if (!ownFile) throw new UsageError(`\`--replay ${ref}\` names a failure of your own ${exercise} file's last check; for --file or --solution, replay the whole token printed under the failing check`);
    const stored = this.get(exercise);
    const again = `run \`${WORKBOOK_COMMAND} check ${exercise}\` first, then replay one of the failures it shows`;
    if (stored === undefined || stored.runs.length === 0) throw new UsageError(`no failing run of ${exercise} is stored to replay; ${again}`);
    if (resolve(root, stored.file) !== file) throw new UsageError(`the stored failures of ${exercise} are of ${stored.file}, not ${file}; ${again}`);
    const n = ref === 'last' ? 1 : Number(ref.slice(1));
    const token = stored.runs[n - 1];
    if (token === undefined) throw new UsageError(`the last check of ${exercise} stored ${stored.runs.length} failing run${stored.runs.length === 1 ? '' : 's'} (#1${stored.runs.length > 1 ? `–#${stored.runs.length}` : ''}), so there is no ${ref}`);
    return token;
  }
}

/** How a stored token is named in a command: `last` for the first, `#N` for the rest. */
export function replayReference(stored: StoredFailures, token: string): string {
  const i = stored.runs.indexOf(token);
  return i < 0 ? token : i === 0 ? 'last' : `#${i + 1}`;
}

function parse(text: string): LastFailuresFile | undefined {
  try {
    const raw = JSON.parse(text) as Partial<LastFailuresFile>;
    if (raw?.version !== 1 || typeof raw.exercises !== 'object' || raw.exercises === null) return undefined;
    for (const e of Object.values(raw.exercises)) {
      if (typeof e !== 'object' || e === null || typeof e.file !== 'string' || !Array.isArray(e.runs) || !e.runs.every((t) => typeof t === 'string')) return undefined;
    }
    return raw as LastFailuresFile;
  } catch {
    return undefined;
  }
}
