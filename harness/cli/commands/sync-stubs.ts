/**
 * `workbook dev sync-stubs`: for authors, after changing a stub. Copies every exercise's stub to the
 * pristine folder `workbook reset` restores from, records its SHA-256, and removes copies no exercise
 * names any more. Only this command writes the copies: install, build and test steps never do, since
 * in a learner's workbook they would copy the learner's edits over the originals. test/cli/reset.test.ts
 * checks the copies against the committed stubs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { EXERCISES, type ExerciseEntry } from '../../curriculum/index.ts';
import type { CommandSpec } from '../command.ts';
import { styleFor, type CliIo } from '../io.ts';
import { PRISTINE_DIR } from './reset.ts';

const NOTE = 'Original exercise stubs for `workbook reset`, with their SHA-256. Written only by `workbook dev sync-stubs` (npm run sync-stubs) from the stubs under exercises/; test/cli/reset.test.ts checks them against the committed stubs.';

/** Where the pristine copy of an exercise's stub lives, relative to the pristine folder. */
export function pristineCopyPath(exercise: ExerciseEntry): string {
  return `${exercise.file.replace(/^exercises\//, '')}.stub`;
}

/** What a sync did, per exercise id, and the stale copies it removed. */
export interface StubSync {
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** Stubs that were not written because they do not look like stubs (a learner's work?). */
  readonly refused: readonly string[];
}

/**
 * Copies every stub under `root`/exercises to the pristine folder and rewrites its manifest. Writes
 * nothing when any stub has no TODO(human) marker: that file is someone's work, not a stub.
 */
export function syncPristineStubs(root: string): StubSync {
  const refused = EXERCISES.filter((e) => !existsSync(join(root, e.file)) || !readFileSync(join(root, e.file), 'utf8').includes('TODO(human)')).map((e) => e.file);
  if (refused.length > 0) return { changed: [], unchanged: [], removed: [], refused };
  const dir = join(root, PRISTINE_DIR);
  const stubs: Record<string, { copy: string; sha256: string }> = {};
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const e of EXERCISES) {
    const bytes = readFileSync(join(root, e.file));
    const copy = pristineCopyPath(e);
    const target = join(dir, copy);
    if (existsSync(target) && readFileSync(target).equals(bytes)) unchanged.push(e.id);
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      changed.push(e.id);
    }
    stubs[e.id] = { copy, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  const kept = new Set(Object.values(stubs).map((s) => s.copy));
  const removed = stubFiles(dir).filter((f) => !kept.has(f));
  for (const f of removed) rmSync(join(dir, f));
  removeEmptyFolders(dir);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 1, note: NOTE, stubs }, null, 2) + '\n');
  return { changed, unchanged, removed, refused };
}

function stubFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.stub'))
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'))
    .sort();
}

function removeEmptyFolders(dir: string): void {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    const sub = join(dir, d.name);
    removeEmptyFolders(sub);
    if (readdirSync(sub).length === 0) rmSync(sub, { recursive: true });
  }
}

export function syncStubsCommand(io: CliIo): number {
  const s = styleFor(io);
  const sync = syncPristineStubs(io.root);
  if (sync.refused.length > 0) {
    io.err(`workbook: not syncing: ${sync.refused.join(', ')} ${sync.refused.length === 1 ? 'is' : 'are'} missing or without a TODO(human) marker, so not a stub (a learner's work must never become the original). Restore the stub first.\n`);
    return 1;
  }
  for (const id of sync.changed) io.out(`${s.ok('✓')} ${id}: copied the stub to ${PRISTINE_DIR}\n`);
  for (const id of sync.unchanged) io.out(`  ${id}: unchanged\n`);
  for (const f of sync.removed) io.out(`  removed ${PRISTINE_DIR}/${f} (no exercise names it)\n`);
  io.out(`${PRISTINE_DIR}/manifest.json records ${sync.changed.length + sync.unchanged.length} stubs.\n`);
  return 0;
}

export const syncStubsSpec: CommandSpec = {
  name: 'sync-stubs',
  usage: ['workbook dev sync-stubs        after changing a stub: copy the stubs `reset` restores, with their hashes'],
  options: {},
  run: (_, io) => syncStubsCommand(io),
};
