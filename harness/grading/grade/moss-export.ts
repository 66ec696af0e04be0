/**
 * `--export-for-moss <dir>`: the class laid out as MOSS's submission script (`moss.pl -d`) reads it,
 * per exercise one folder per student and the starter code as the base file, with a `moss.sh` that
 * sends it. Files are flattened into the student's folder (with `-d` every directory is one
 * submission); folders are named by the safe ids (the CLI writes `names.csv` beside them).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import type { SimilarityInput } from './similarity.ts';

export interface MossExercise {
  readonly id: string;
  /** The exercise's main file in the workbook (its base name names the base file). */
  readonly file: string;
  /** The starter code; none: no base file. */
  readonly stub?: string;
  readonly submissions: readonly (SimilarityInput & { readonly main: string })[];
}

/** Writes `<dir>/<exercise>/{base,submissions/<student>,moss.sh}`, replacing an earlier export of that exercise. */
export function exportForMoss(dir: string, exercises: readonly MossExercise[]): void {
  for (const ex of exercises) {
    const root = join(dir, ex.id);
    rmSync(root, { recursive: true, force: true });
    const base = basename(ex.file);
    if (ex.stub !== undefined) {
      mkdirSync(join(root, 'base'), { recursive: true });
      writeFileSync(join(root, 'base', base), ex.stub);
    }
    for (const s of ex.submissions) {
      const folder = join(root, 'submissions', s.student);
      mkdirSync(folder, { recursive: true });
      const home = posix.dirname(s.main);
      for (const f of s.files) {
        if (!/\.[cm]?[tj]sx?$/.test(f.path)) continue;
        const inside = home === '.' ? f.path : posix.relative(home, f.path);
        writeFileSync(join(folder, inside.split('/').join('__')), f.content);
      }
    }
    // MOSS has no TypeScript; its JavaScript tokenizer reads the type annotations as extra tokens.
    const script = [
      '#!/bin/sh',
      `# Sends ${ex.id} to MOSS (https://theory.stanford.edu/~aiken/moss/): needs its moss.pl on PATH as moss, with your user id in it.`,
      'cd "$(dirname "$0")" || exit 1',
      `exec moss -l javascript -d${ex.stub !== undefined ? ` -b base/${base}` : ''} submissions/*/*`,
      '',
    ].join('\n');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'moss.sh'), script, { mode: 0o755 });
  }
}
