/**
 * The submissions in a folder: each subfolder, `.zip`, `.tar.gz`, `.tgz` or `.tar` file is one
 * student's workbook. The original name is kept for every output; the id, used for file names, is
 * that name made safe (letters, digits, `.`, `_`, `-`, `@`, `+`) and, when that changed it, followed
 * by a short hash of the original, so `李雷` and `王芳` stay two students with ids that say which is
 * which in the gradebook. The order is by name, so outputs list students the same way whatever order
 * the file system returns. Anything else in the folder is skipped and named.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { archiveBase, archiveKind } from './archive-names.ts';

export interface Submission {
  /** Safe for a path segment: letters, digits, `.`, `_`, `-`, `@`, `+`. */
  readonly student: string;
  /** The folder's or archive's name as found (without the archive extension). */
  readonly name?: string;
  readonly kind: 'folder' | 'zip' | 'tar';
  /** Absolute path of the folder or archive. */
  readonly path: string;
}

/** The submissions in `dir`; what is not one goes to `skipped`, by name, with the reason. */
export function discoverSubmissions(dir: string, skipped: string[] = []): Submission[] {
  const out: Submission[] = [];
  const taken = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = lstatSync(path);
    const kind = stat.isDirectory() ? 'folder' : stat.isFile() ? archiveKind(name) : undefined;
    if (kind === undefined) {
      skipped.push(`skipped ${JSON.stringify(name)}: ${stat.isFile() ? 'not a folder, .zip, .tar.gz, .tgz or .tar (a .rar or .7z is not read: ask for a .zip)' : 'not a folder or a regular file'}`);
      continue;
    }
    const base = (kind === 'folder' ? name : archiveBase(name)).normalize('NFC');
    let student = safeId(base);
    for (let i = 2; taken.has(student); i++) student = `${student.replace(/~\d+$/, '')}~${i}`;
    taken.add(student);
    out.push({ student, name: base, kind, path });
  }
  return out;
}

/** `name` made safe for a file name; a short hash of the original is added when anything changed. */
export function safeId(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._@+-]/g, '_').replace(/^\.+/, '_');
  if (safe === name && safe !== '') return safe;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  return `${safe.replace(/_+/g, '_').slice(0, 60) || 'student'}-${hash}`;
}
