/**
 * Whole check results by content address (grading/result-key.ts), in `.workbook/results/<key>.json`,
 * so re-checking an unchanged file answers at once. Each file is versioned and names its own key;
 * one that does not parse or does not match is moved aside (never trusted, never deleted) and the
 * check simply runs. Writes are atomic, and only the newest entries are kept.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExerciseResult, ResultCache } from '../grading/index.ts';

const FORMAT = 1;
/** Enough for every exercise and a few files each; older entries are removed on write. */
const KEEP = 64;

interface StoredResult {
  readonly format: typeof FORMAT;
  readonly key: string;
  readonly result: ExerciseResult;
}

export class ResultStore implements ResultCache {
  readonly dir: string;
  /** Set when an unreadable entry was moved aside. */
  warning: string | undefined;

  constructor(root: string) {
    this.dir = join(root, '.workbook', 'results');
  }

  get(key: string): ExerciseResult | undefined {
    if (!/^[0-9a-f]{64}$/.test(key)) return undefined;
    const file = join(this.dir, `${key}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const stored = parse(text);
    if (stored !== undefined && stored.key === key) return stored.result;
    try {
      renameSync(file, `${file}.unreadable`);
    } catch {
      // Gone meanwhile (another check): nothing to move.
    }
    this.warning = `A stored check result was unreadable; it was moved to ${file}.unreadable and the check ran again.`;
    return undefined;
  }

  put(key: string, result: ExerciseResult): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const file = join(this.dir, `${key}.json`);
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, key, result } satisfies StoredResult));
      renameSync(tmp, file);
      this.prune();
    } catch {
      // A cache that cannot be written only costs the next check its shortcut.
    }
  }

  private prune(): void {
    const entries = readdirSync(this.dir)
      .filter((n) => n.endsWith('.json'))
      .map((n) => ({ path: join(this.dir, n), at: statSync(join(this.dir, n)).mtimeMs }));
    if (entries.length <= KEEP) return;
    entries.sort((a, b) => b.at - a.at);
    for (const e of entries.slice(KEEP)) rmSync(e.path, { force: true });
  }
}

function parse(text: string): StoredResult | undefined {
  try {
    const raw = JSON.parse(text) as Partial<StoredResult>;
    if (raw?.format !== FORMAT || typeof raw.key !== 'string') return undefined;
    const r = raw.result as Partial<ExerciseResult> | undefined;
    if (typeof r !== 'object' || r === null || typeof r.exercise !== 'string' || typeof r.passed !== 'boolean' || !Array.isArray(r.checks) || !Array.isArray(r.typeErrors)) return undefined;
    return raw as StoredResult;
  } catch {
    return undefined;
  }
}
