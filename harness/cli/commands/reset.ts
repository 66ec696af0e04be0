/**
 * `workbook reset <exercise> [--yes]`: puts the original stub back in place of the learner's file. The
 * stub comes from a copy shipped in the package (harness/curriculum/pristine/), verified against the
 * SHA-256 recorded beside it, so reset works outside git and after any edit. Only
 * `workbook dev sync-stubs` (sync-stubs.ts) writes those copies. In a terminal it asks
 * first; without one it needs `--yes` (it never waits on a prompt nobody can answer). The learner's
 * file is copied to `.workbook/backups/<exercise>-<time>.ts` first: a reset is never the end of work.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExerciseEntry } from '../../curriculum/index.ts';
import type { CommandSpec } from '../command.ts';
import { resolveExercise } from '../exercise-arg.ts';
import { styleFor, UsageError, type CliIo } from '../io.ts';
import { ProgressStore } from '../progress-store.ts';
import { MENU, RESET } from '../text.ts';

/** Where the shipped stubs and their hashes live, relative to the workbook root. */
export const PRISTINE_DIR = 'harness/curriculum/pristine';

interface PristineManifest {
  readonly version: 1;
  readonly stubs: Readonly<Record<string, { readonly copy: string; readonly sha256: string }>>;
}

/** The original stub of `exercise`, verified by hash, or why it cannot be had. */
export function pristineStub(root: string, exercise: ExerciseEntry): { ok: true; text: string } | { ok: false; problem: string } {
  let manifest: PristineManifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, PRISTINE_DIR, 'manifest.json'), 'utf8')) as PristineManifest;
  } catch {
    return { ok: false, problem: RESET.noCopy(exercise.id) };
  }
  const entry = manifest.stubs?.[exercise.id];
  if (entry === undefined) return { ok: false, problem: RESET.noCopy(exercise.id) };
  const copy = join(PRISTINE_DIR, entry.copy);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, copy));
  } catch {
    return { ok: false, problem: RESET.noCopy(exercise.id) };
  }
  if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) return { ok: false, problem: RESET.damaged(copy) };
  return { ok: true, text: bytes.toString('utf8') };
}

/**
 * True when the learner's file is byte for byte the original stub (nothing worked on yet). Without a
 * shipped copy to compare with, a file that still throws NotImplementedError counts as untouched.
 */
export function isPristine(root: string, exercise: ExerciseEntry): boolean {
  let text: string;
  try {
    text = readFileSync(join(root, exercise.file), 'utf8');
  } catch {
    return false;
  }
  const stub = pristineStub(root, exercise);
  return stub.ok ? text === stub.text : text.includes('NotImplementedError(');
}

/** Where reset keeps the learner's files before overwriting them, relative to the workbook root. */
export const BACKUP_DIR = '.workbook/backups';

/** `.workbook/backups/<exercise>-<UTC time>.ts` (a number added when that name is taken), relative to the root. */
function backupPath(root: string, exercise: ExerciseEntry, now: Date): string {
  const time = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  for (let n = 1; ; n++) {
    const name = `${BACKUP_DIR}/${exercise.id}-${time}${n > 1 ? `-${n}` : ''}.ts`;
    if (!existsSync(join(root, name))) return name;
  }
}

/**
 * Copies the learner's file to a new backup, then writes the original stub over it (atomically: a
 * half-written exercise would be worse than none) and forgets its last check. Resolves to the
 * backup's path (relative to the root), or undefined when the file was already the stub (or missing:
 * nothing to keep).
 */
export async function restoreStub(root: string, exercise: ExerciseEntry, now = new Date()): Promise<{ readonly backup?: string } | undefined> {
  const stub = pristineStub(root, exercise);
  if (!stub.ok) throw new UsageError(stub.problem);
  const target = join(root, exercise.file);
  if (isPristine(root, exercise)) return undefined;
  let backup: string | undefined;
  if (existsSync(target)) {
    backup = backupPath(root, exercise, now);
    mkdirSync(join(root, BACKUP_DIR), { recursive: true });
    copyFileSync(target, join(root, backup));
  }
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.reset-tmp`;
  writeFileSync(tmp, stub.text);
  renameSync(tmp, target);
  await new ProgressStore(root).forgetCheck(exercise.id);
  return backup !== undefined ? { backup } : {};
}

/** Asks a yes/no question; the default asks on the terminal with @inquirer/prompts. */
export type Confirm = (message: string) => Promise<boolean>;

const inquirerConfirm: Confirm = async (message) => {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false });
};

export async function resetCommand(name: string | undefined, yes: boolean, io: CliIo, confirm: Confirm = inquirerConfirm): Promise<number> {
  const exercise = resolveExercise(name, (line) => io.err(`${line}\n`));
  const stub = pristineStub(io.root, exercise);
  if (!stub.ok) throw new UsageError(stub.problem);
  const s = styleFor(io);
  if (isPristine(io.root, exercise)) {
    io.out(`${RESET.alreadyPristine(exercise.file)}\n`);
    return 0;
  }
  if (!yes) {
    if (!io.isTty) {
      io.err(`workbook: ${RESET.needsYes(exercise.id)}\n`);
      return 2;
    }
    if (!(await confirm(MENU.resetConfirm(exercise.file)))) {
      io.out(`${MENU.resetKept}\n`);
      return 1;
    }
  }
  const restored = await restoreStub(io.root, exercise);
  io.out(`${s.ok(RESET.done(exercise.file))}\n`);
  if (restored?.backup !== undefined) io.out(`${RESET.backedUp(restored.backup)}\n`);
  return 0;
}

export const resetSpec: CommandSpec = {
  name: 'reset',
  usage: ['workbook reset <exercise>      put the original stub back (asks first; --yes without a terminal)'],
  options: { yes: { type: 'boolean', short: 'y', default: false } },
  run: ({ positionals, values }, io) => resetCommand(positionals[0], values.yes === true, io),
};
