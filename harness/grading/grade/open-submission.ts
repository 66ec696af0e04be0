/**
 * A submission made ready to read: a folder as it is, an archive (.zip, .tar.gz, .tgz, .tar)
 * extracted into the run's work folder, and a lone archive inside either (a zip of a zip, or a folder
 * holding just `submission.zip`) opened in its place, once, on the same caps. What was skipped or
 * opened is said by name, for the student's feedback and the run log.
 */
import { lstatSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { archiveBudget, archiveKind, DEFAULT_ARCHIVE_LIMITS, type ArchiveBudget, type ArchiveLimits } from './archive-names.ts';
import type { Submission } from './discover-submissions.ts';
import { extractTarInto } from './extract-tar.ts';
import { extractZipInto } from './extract-zip.ts';

export interface OpenedSubmission {
  /** The folder to read the exercises from. */
  readonly root: string;
  /** Why the submission was refused as a whole. */
  readonly refused?: string;
  readonly warnings: readonly string[];
}

/** Folders an archive tool adds that hold no submission (macOS resource forks). */
const NOISE = new Set(['__MACOSX']);

export async function openSubmission(sub: Submission, work: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<OpenedSubmission> {
  const warnings: string[] = [];
  const budget = archiveBudget(limits);
  const target = join(work, sub.student);
  if (sub.kind !== 'folder') {
    const refused = await extractInto(sub.kind, sub.path, target, budget, warnings);
    if (refused !== undefined) return { root: target, refused, warnings };
    const nested = loneArchive(target);
    if (nested === undefined) return { root: target, warnings };
    // Moved aside first: it is extracted into the folder it sits in.
    const aside = `${target}.nested`;
    renameSync(join(target, nested.name), aside);
    rmSync(target, { recursive: true, force: true });
    warnings.push(`opened the archive ${JSON.stringify(nested.name)} found alone inside your submission`);
    const again = await extractInto(nested.kind, aside, target, budget, warnings);
    rmSync(aside, { force: true });
    return again !== undefined ? { root: target, refused: `${nested.name}: ${again}`, warnings } : { root: target, warnings };
  }
  const nested = loneArchive(sub.path);
  if (nested === undefined) return { root: sub.path, warnings };
  warnings.push(`opened the archive ${JSON.stringify(nested.name)} found alone inside your submission`);
  const refused = await extractInto(nested.kind, join(sub.path, nested.name), target, budget, warnings);
  return refused !== undefined ? { root: target, refused: `${nested.name}: ${refused}`, warnings } : { root: target, warnings };
}

function extractInto(kind: 'zip' | 'tar', file: string, dir: string, budget: ArchiveBudget, warnings: string[]): Promise<string | undefined> {
  return kind === 'zip' ? extractZipInto(file, dir, budget) : extractTarInto(file, dir, budget, warnings);
}

/** The folder's only entry, when it is a regular file named as an archive. */
function loneArchive(dir: string): { name: string; kind: 'zip' | 'tar' } | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !NOISE.has(n) && !n.startsWith('.'));
  } catch {
    return undefined;
  }
  if (names.length !== 1) return undefined;
  const name = names[0]!;
  const kind = archiveKind(name);
  if (kind === undefined || !lstatSync(join(dir, name)).isFile()) return undefined;
  return { name, kind };
}
