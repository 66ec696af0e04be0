/**
 * The content address of one check's whole result, so an unchanged re-check answers at once: the
 * bundled learner code, the content of every learner file that went into it (types leave no trace in
 * the bundle, and tsc checks them), the running harness (its hash, never `HARNESS_VERSION`), the
 * exercise's own content, the public exercise types, the compiler's version, Node's version, and
 * every option that changes the result. Anything left out would let a stale result through.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ExerciseEntry } from '../curriculum/index.ts';
import type { ExerciseResult } from './check-exercise.ts';
import { packageRoot } from './package-root.ts';
import { exerciseHash, harnessHash } from './version-hash.ts';

/** Where whole results are kept (the CLI keeps them in `.workbook/`); a miss is always safe. */
export interface ResultCache {
  get(key: string): ExerciseResult | undefined;
  put(key: string, result: ExerciseResult): void;
}

export interface ResultKeyInput {
  readonly exercise: ExerciseEntry;
  /** The bundle the learner host would load. */
  readonly code: string;
  /** Absolute paths of the learner's files in the bundle. */
  readonly inputs: readonly string[];
  /** The file as results show it. */
  readonly shown: string;
  /** Every request option that changes the result, as plain data. */
  readonly options: Readonly<Record<string, unknown>>;
}

let toolchain: string | undefined;

/** SHA-256 (hex) naming the result of checking this input. */
export function resultKey(input: ResultKeyInput): string {
  const h = createHash('sha256').update('check-result\0');
  h.update(`${harnessHash()}\0${exerciseHash(input.exercise)}\0${toolchainHash()}\0${process.version}\0`);
  h.update(`${input.exercise.id}\0${input.shown}\0${JSON.stringify(input.options)}\0`);
  h.update(`${createHash('sha256').update(input.code).digest('hex')}\0`);
  for (const file of [...input.inputs].sort()) h.update(`${file}\0${contentHash(file)}\0`);
  return h.digest('hex');
}

function contentHash(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'unreadable';
  }
}

/** The public exercise types and the TypeScript compiler's version: what tsc checks against. */
function toolchainHash(): string {
  if (toolchain !== undefined) return toolchain;
  const root = packageRoot();
  const h = createHash('sha256');
  const types = join(root, 'harness', 'exercise');
  for (const name of readdirSync(types).sort()) h.update(`${name}\0${contentHash(join(types, name))}\0`);
  let compiler = 'absent';
  try {
    compiler = contentHash(createRequire(join(root, 'package.json')).resolve('typescript/package.json'));
  } catch {
    // No compiler installed: the type check says so, and that too is part of the result.
  }
  h.update(`typescript\0${compiler}\0`);
  toolchain = h.digest('hex');
  return toolchain;
}
